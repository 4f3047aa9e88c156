"""Journal entries as a record kind (server.records): private, their author's alone."""

import marshmallow as ma
from marshmallow import validate

from server.fields import required_text
from server.journal.models import JournalEntry
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt

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


KIND = RecordKind(name="journal_entry", model=JournalEntry, create_schema=JournalEntryIn,
                  editable=("prompt", "text"), out_fields=("prompt", "text"), shared=False)
