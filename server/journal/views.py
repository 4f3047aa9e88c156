import marshmallow as ma
from marshmallow import validate

from server.api import Blueprint
from server.fields import required_text
from server.journal.models import JournalEntry
from server.records.kinds import RecordKind
from server.records.routes import add_record_routes
from server.records.schemas import OccurredAt

bp = Blueprint("journal", __name__, url_prefix="/api/journal",
               description="Private journal (author only)")

# Prompts for individual healing; the words are the person's own.
PROMPTS = {
    "patterns": "What patterns from past relationships do I see in myself?",
    "insecurities": "Which insecurities came up today, and where do they come from?",
    "triggers": "What triggered me recently, and what did I need in that moment?",
    "choices": "What led to my choices? What was I avoiding or seeking?",
    "healing": "What do I need to heal, and what can I give myself today?",
    "proud": "What am I proud of, however small?",
}


class JournalEntryIn(ma.Schema):
    prompt = ma.fields.String(validate=validate.OneOf(PROMPTS), allow_none=True)
    text = required_text(20000)
    occurred_at = OccurredAt()


class PromptOut(ma.Schema):
    id = ma.fields.String()
    text = ma.fields.String()


KIND = RecordKind(name="journal_entry", model=JournalEntry, create_schema=JournalEntryIn,
                  editable=("prompt", "text"), out_fields=("prompt", "text"), shared=False)


@bp.route("/prompts", methods=["GET"])
@bp.response(200, PromptOut(many=True))
def prompts():
    """Prompts for individual healing."""
    return [{"id": key, "text": value} for key, value in PROMPTS.items()]


add_record_routes(bp, KIND, "")
