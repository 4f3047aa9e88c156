"""Questions of the ledger as a record kind (server.records), with their answers."""

import marshmallow as ma

from server.fields import required_text
from server.questions.models import STATES, Question
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt


class QuestionIn(ma.Schema):
    text = required_text(2000)
    occurred_at = OccurredAt()


class AnswerOut(ma.Schema):
    id = ma.fields.UUID()
    number = ma.fields.Integer()
    text = ma.fields.String()
    author_id = ma.fields.UUID(allow_none=True)
    created_at = ma.fields.AwareDateTime()


def _describe(question, former_partner):
    # Once the space has ended, the former partner's answers go (records.former_partner).
    return {"answers": former_partner.keep(question.answers)}


KIND = RecordKind(
    name="question", model=Question, create_schema=QuestionIn, editable=("text",),
    describe=_describe,
    out_fields=("text", "state", "needs_time_until", "follow_up", "asker_response", "answers"),
    extra_out={
        "state": ma.fields.String(metadata={"description": " | ".join(STATES)}),
        "needs_time_until": ma.fields.Date(allow_none=True),
        "follow_up": ma.fields.String(allow_none=True),
        "asker_response": ma.fields.String(allow_none=True),
        "answers": ma.fields.List(ma.fields.Nested(AnswerOut)),
    },
)
