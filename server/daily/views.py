"""A question for today: GET today's, PUT my answer (by the phone's id), GET the days I answered."""

import uuid
from datetime import UTC, date, datetime, timedelta

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate

from server.api import Blueprint
from server.daily import services
from server.daily.schemas import DayOut, TodayOut
from server.fields import Day, required_text
from server.records.schemas import STEP_ID, OccurredAt

bp = Blueprint("daily", __name__, url_prefix="/api/daily",
               description="A question for today, hidden until both answered")

# A phone's "today" may be a day either side of the server's (time zones); an outbox may bring
# an answer a few days late.
LATE_DAYS = 7


def _near_today(day: date) -> None:
    today = datetime.now(UTC).date()
    if not today - timedelta(days=LATE_DAYS) <= day <= today + timedelta(days=1):
        raise ma.ValidationError("Only today's question, or one of the last few days'.")


class DayQuery(ma.Schema):
    day = Day(load_default=None, validate=_near_today,
              metadata={"description": "The phone's local day (default: today in UTC)"})


class DailyAnswerIn(ma.Schema):
    day = Day(required=True, validate=_near_today)
    prompt_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))
    text = required_text(4000)
    occurred_at = OccurredAt()
    version = ma.fields.Integer(load_default=None, validate=validate.Range(min=1), metadata={
        "description": "To revise my answer: the version my phone saw"})
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)  # of a revision


@bp.route("/today", methods=["GET"])
@login_required
@bp.arguments(DayQuery, location="query")
@bp.response(200, TodayOut)
def get_today(query):
    """Today's prompt, my answer, and my partner's once both of us have answered."""
    return services.today(current_user, query["day"] or datetime.now(UTC).date())


@bp.route("/answered", methods=["GET"])
@login_required
@bp.response(200, DayOut(many=True))
def get_answered():
    """Every day I answered, newest first."""
    return services.answered_days(current_user)


@bp.route("/answers/<uuid:answer_id>", methods=["PUT"])
@login_required
@bp.arguments(DailyAnswerIn)
@bp.response(201, DayOut)
def put_answer(data, answer_id: uuid.UUID):
    """Answer (a replay returns the day as it is); with `version`, revise my answer."""
    answer = services.answer(current_user, answer_id, data)
    return services.day_of(current_user, answer)
