import uuid

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate
from sqlalchemy import select

from server.api import Blueprint
from server.extensions import db
from server.fields import Day, required_text
from server.questions import services
from server.questions.kind import KIND
from server.questions.models import ASKER_RESPONSES, Question
from server.records import rules
from server.records.present import Presenter, present_one
from server.records.routes import add_record_routes
from server.records.schemas import VersionIn

bp = Blueprint("questions", __name__, url_prefix="/api/questions",
               description="The question ledger")


class AnswerIn(ma.Schema):
    text = required_text(8000)
    based_on = ma.fields.Integer(required=True, validate=validate.Range(min=0), metadata={
        "description": "Number of the latest answer the phone saw (0: none yet)"})


class NeedsTimeIn(VersionIn):
    until = Day(allow_none=True, load_default=None,
                           metadata={"description": "When I mean to come back to it"})


class ReopenIn(VersionIn):
    follow_up = required_text(2000)


class ResponseIn(VersionIn):
    response = ma.fields.String(required=True, validate=validate.OneOf(ASKER_RESPONSES))


QuestionOut = add_record_routes(bp, KIND, "")


def _present(question):
    return present_one(KIND, current_user, question)


def _mine_to_answer(state_filter):
    where = rules.scope(KIND, current_user)
    rows = list(db.session.scalars(
        select(Question).where(*where, Question.withdrawn_at.is_(None), state_filter)
        .order_by(Question.occurred_at)))
    presenter = Presenter(KIND, current_user, rows)
    return [presenter(q) for q in rows]


@bp.route("/to-answer", methods=["GET"])
@login_required
@bp.response(200, QuestionOut(many=True))
def to_answer():
    """Open questions my partner asked me, oldest first."""
    return _mine_to_answer(Question.state.in_(("open", "needs_time"))
                           & (Question.author_id != current_user.id))


@bp.route("/waiting", methods=["GET"])
@login_required
@bp.response(200, QuestionOut(many=True))
def waiting():
    """My questions still waiting for an answer."""
    return _mine_to_answer(Question.state.in_(("open", "needs_time"))
                           & (Question.author_id == current_user.id))


@bp.route("/<uuid:record_id>/answers/<uuid:answer_id>", methods=["PUT"])
@login_required
@bp.arguments(AnswerIn)
@bp.response(201, QuestionOut)
def answer(data, record_id: uuid.UUID, answer_id: uuid.UUID):
    """Answer, or answer again: earlier answers stay, with their times."""
    question = rules.visible(KIND, current_user, record_id)
    services.answer(KIND, current_user, question, answer_id, data["text"], data["based_on"])
    return _present(question)


@bp.route("/<uuid:record_id>/needs-time", methods=["POST"])
@login_required
@bp.arguments(NeedsTimeIn)
@bp.response(200, QuestionOut)
def needs_time(data, record_id: uuid.UUID):
    """I need time before I answer (optionally: until when)."""
    question = rules.visible(KIND, current_user, record_id)
    services.needs_time(KIND, current_user, question, data["version"], data["until"],
                        data["id"])
    return _present(question)


@bp.route("/<uuid:record_id>/reopen", methods=["POST"])
@login_required
@bp.arguments(ReopenIn)
@bp.response(200, QuestionOut)
def reopen(data, record_id: uuid.UUID):
    """Ask again, with a follow-up."""
    question = rules.visible(KIND, current_user, record_id)
    services.reopen(KIND, current_user, question, data["version"], data["follow_up"],
                    data["id"])
    return _present(question)


@bp.route("/<uuid:record_id>/park", methods=["POST"])
@login_required
@bp.arguments(VersionIn)
@bp.response(200, QuestionOut)
def park(data, record_id: uuid.UUID):
    """Set my question aside for now."""
    question = rules.visible(KIND, current_user, record_id)
    services.park(KIND, current_user, question, data["version"], True, data["id"])
    return _present(question)


@bp.route("/<uuid:record_id>/unpark", methods=["POST"])
@login_required
@bp.arguments(VersionIn)
@bp.response(200, QuestionOut)
def unpark(data, record_id: uuid.UUID):
    question = rules.visible(KIND, current_user, record_id)
    services.park(KIND, current_user, question, data["version"], False, data["id"])
    return _present(question)


@bp.route("/<uuid:record_id>/response", methods=["POST"])
@login_required
@bp.arguments(ResponseIn)
@bp.response(200, QuestionOut)
def respond(data, record_id: uuid.UUID):
    """"This helped" or "I still have questions", on the latest answer."""
    question = rules.visible(KIND, current_user, record_id)
    services.respond(KIND, current_user, question, data["version"], data["response"],
                     data["id"])
    return _present(question)
