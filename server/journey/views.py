import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate
from webargs.fields import DelimitedList

from server.api import Blueprint
from server.fields import Day, Moment
from server.journey import anniversaries, progress, timeline
from server.records.schemas import ListQuery
from server.space.services import current_space, live_membership

bp = Blueprint("journey", __name__, url_prefix="/api/journey", description="The long view")


class TimelineQuery(ListQuery):
    kinds = DelimitedList(ma.fields.String(validate=validate.Length(max=32)),
                                    validate=validate.Length(max=20),
                                    metadata={"description": "Comma-separated event kinds"})


class TimelineEventOut(ma.Schema):
    kind = ma.fields.String()
    id = ma.fields.UUID()
    subject_id = ma.fields.UUID(metadata={"description": "The record the event belongs to"})
    author_id = ma.fields.UUID(allow_none=True)
    author_name = ma.fields.String(allow_none=True)
    is_mine = ma.fields.Boolean()
    at = ma.fields.AwareDateTime()
    detail = ma.fields.String(allow_none=True,
                              metadata={"description": "e.g. the agreement step"})


class TimelineOut(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(TimelineEventOut))
    next_cursor = ma.fields.String(allow_none=True)


class ProgressQuery(ma.Schema):
    period = ma.fields.String(validate=validate.OneOf(["week", "month", "year"]),
                              load_default="week")
    since = Moment(data_key="from")
    until = Moment(data_key="to")


class ProgressRowOut(ma.Schema):
    period_start = ma.fields.Date()
    person_id = ma.fields.UUID()
    checkins = ma.fields.Integer()
    trust = ma.fields.Float(allow_none=True)
    safety = ma.fields.Float(allow_none=True)
    connection = ma.fields.Float(allow_none=True)
    actions = ma.fields.Integer()
    days_with_action = ma.fields.Integer()
    rituals_kept = ma.fields.Integer()
    rituals_due = ma.fields.Integer()
    experiences = ma.fields.Integer()
    setbacks = ma.fields.Integer()


class AnniversaryOut(ma.Schema):
    kind = ma.fields.String(metadata={"description": "space_started | discovery"})
    date = ma.fields.Date()
    person_id = ma.fields.UUID(allow_none=True)
    next = ma.fields.Date()
    years = ma.fields.Integer()
    days_until = ma.fields.Integer()


class DiscoveryIn(ma.Schema):
    date = Day(required=True, allow_none=True,
                          metadata={"description": "null removes it"})


@bp.route("/timeline", methods=["GET"])
@login_required
@bp.arguments(TimelineQuery, location="query")
@bp.response(200, TimelineOut)
def get_timeline(query):
    """Every event, newest first; my private journal appears only in my own timeline."""
    items, next_cursor = timeline.page(current_user, query)
    return {"items": items, "next_cursor": next_cursor}


@bp.route("/progress", methods=["GET"])
@login_required
@bp.arguments(ProgressQuery, location="query")
@bp.response(200, ProgressRowOut(many=True))
def get_progress(query):
    """Per week, month or year and per partner: measures, check-ins, actions, rituals,
    experiences, setbacks."""
    return progress.progress(current_space(current_user), query)


@bp.route("/anniversaries", methods=["GET"])
@login_required
@bp.response(200, AnniversaryOut(many=True))
def get_anniversaries():
    """The space's start and any recorded discovery date, with when they next come round."""
    return anniversaries.anniversaries(current_space(current_user))


@bp.route("/discovery-date", methods=["PUT"])
@login_required
@bp.arguments(DiscoveryIn)
@bp.response(200, AnniversaryOut(many=True))
def set_discovery_date(data):
    """Record (or remove) the day it came to light, so the app can be gentle around it."""
    space = current_space(current_user)
    live_membership(current_user).discovery_date = data["date"]
    return anniversaries.anniversaries(space)
