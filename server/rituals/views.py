import dataclasses
import uuid
from datetime import date

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate

from server.api import Blueprint
from server.fields import Day
from server.records import rules
from server.records.present import present_one
from server.records.routes import add_record_routes
from server.records.schemas import StepIn, update_schema
from server.rituals import services
from server.rituals.kind import KIND, SCHEDULE_FIELDS

bp = Blueprint("rituals", __name__, url_prefix="/api/rituals",
               description="Rituals both partners agreed on")


class MarkIn(StepIn):
    status = ma.fields.String(required=True, validate=validate.OneOf(["done", "skipped"]))


class AcceptIn(StepIn):
    version = ma.fields.Integer(validate=validate.Range(min=1), metadata={
        "description": "The version the partner said yes to: a yes sent late (from a phone's "
                       "outbox) to a ritual changed since is a 409 with the current one"})


class ReminderIn(StepIn):
    enabled = ma.fields.Boolean(required=True)


class OccurrencesQuery(ma.Schema):
    since = Day(data_key="from")
    until = Day(data_key="to")


class MarkOut(ma.Schema):
    user_id = ma.fields.UUID()
    status = ma.fields.String()
    at = ma.fields.AwareDateTime()


class OccurrenceOut(ma.Schema):
    local_date = ma.fields.Date()
    due_at = ma.fields.AwareDateTime()
    reminder = ma.fields.String(allow_none=True)
    marks = ma.fields.List(ma.fields.Nested(MarkOut))


RitualOut = add_record_routes(bp, KIND, "")
# Changes go through the ritual rules (a new schedule needs the partner's yes again).
EDITABLE = dataclasses.replace(KIND, editable=SCHEDULE_FIELDS[:-1])
RitualUpdate = update_schema(EDITABLE)


def _visible(record_id):
    return rules.visible(KIND, current_user, record_id)


def _present(ritual):
    return present_one(KIND, current_user, ritual)


@bp.route("/<uuid:record_id>", methods=["PATCH"])
@login_required
@bp.arguments(RitualUpdate)
@bp.response(200, RitualOut)
def change(data, record_id: uuid.UUID):
    """The proposer changes the ritual; a new schedule waits for the partner's yes again."""
    ritual = _visible(record_id)
    services.change(EDITABLE, current_user, ritual, data)
    return _present(ritual)


@bp.route("/<uuid:record_id>", methods=["DELETE"])
@login_required
@bp.response(200, RitualOut)
def withdraw(record_id: uuid.UUID):
    """The proposer withdraws the ritual; reminders stop."""
    ritual = _visible(record_id)
    services.withdraw(KIND, current_user, ritual)
    return _present(ritual)


@bp.route("/<uuid:record_id>/accept", methods=["POST"])
@login_required
@bp.arguments(AcceptIn, required=False)
@bp.response(200, RitualOut)
def accept(data, record_id: uuid.UUID):
    """The partner's yes: the ritual becomes active and starts reminding."""
    ritual = _visible(record_id)
    services.accept(KIND, current_user, ritual, data.get("version"), data.get("id"))
    return _present(ritual)


@bp.route("/<uuid:record_id>/pause", methods=["POST"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(200, RitualOut)
def pause(data, record_id: uuid.UUID):
    ritual = _visible(record_id)
    services.set_paused(KIND, current_user, ritual, True, data.get("id"))
    return _present(ritual)


@bp.route("/<uuid:record_id>/resume", methods=["POST"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(200, RitualOut)
def resume(data, record_id: uuid.UUID):
    ritual = _visible(record_id)
    services.set_paused(KIND, current_user, ritual, False, data.get("id"))
    return _present(ritual)


@bp.route("/<uuid:record_id>/reminder", methods=["PUT"])
@login_required
@bp.arguments(ReminderIn)
@bp.response(200, RitualOut)
def reminder(data, record_id: uuid.UUID):
    """Switch my reminder for this ritual on or off."""
    ritual = _visible(record_id)
    services.set_reminder(KIND, current_user, ritual, data["enabled"], data.get("id"))
    return _present(ritual)


@bp.route("/<uuid:record_id>/occurrences", methods=["GET"])
@login_required
@bp.arguments(OccurrencesQuery, location="query")
@bp.response(200, OccurrenceOut(many=True))
def occurrences(query, record_id: uuid.UUID):
    """The days this ritual fell on, with each partner's mark."""
    return services.occurrences(_visible(record_id), query.get("since"), query.get("until"))


@bp.route("/<uuid:record_id>/occurrences/<isodate:local_date>", methods=["PUT"])
@login_required
@bp.arguments(MarkIn)
@bp.response(200, OccurrenceOut)
def mark(data, record_id: uuid.UUID, local_date: date):
    """"We did it" or "we skipped it", for one day."""
    return services.mark(KIND, current_user, _visible(record_id), local_date, data["status"],
                         data.get("id"))
