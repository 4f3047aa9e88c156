"""Journal entries as a record kind (server.records): private, their author's alone, sealed on
the author's phone (server.auth.sealing): the server keeps only ciphertext."""

import marshmallow as ma

from server.auth.sealing import b64decode
from server.journal.models import JournalEntry
from server.records.kinds import RecordKind
from server.records.schemas import OccurredAt

# Prompts for individual healing; the words are the person's own. Which prompt an entry
# answers is sealed with its words: the prompt says something about the person too.
PROMPTS = {
    "patterns": "What patterns from past relationships do I see in myself?",
    "insecurities": "Which insecurities came up today, and where do they come from?",
    "triggers": "What triggered me recently, and what did I need in that moment?",
    "choices": "What led to my choices? What was I avoiding or seeking?",
    "healing": "What do I need to heal, and what can I give myself today?",
    "proud": "What am I proud of, however small?",
}

# A sealed entry: "v1." + base64url(96-bit nonce ‖ AES-256-GCM ciphertext ‖ 128-bit tag). The
# phone pads what it seals to a multiple of PADDING bytes, so its length tells only a rough size;
# the server refuses any other length, so even a careless phone cannot reveal the exact one.
SEALED_PREFIX = "v1."
NONCE_BYTES, TAG_BYTES, PADDING = 12, 16, 256
MAX_SEALED_BYTES = 384 * PADDING  # 20,000 characters of any script, with room to spare


def validate_sealed(value: str) -> None:
    if not value.startswith(SEALED_PREFIX):
        raise ma.ValidationError(f"A sealed entry starts with {SEALED_PREFIX}")
    try:
        raw = b64decode(value[len(SEALED_PREFIX):])
    except ValueError:
        raise ma.ValidationError("A sealed entry is base64url after its prefix.") from None
    sealed = len(raw) - NONCE_BYTES - TAG_BYTES
    if sealed <= 0 or sealed % PADDING or sealed > MAX_SEALED_BYTES:
        raise ma.ValidationError(f"What is sealed is padded to a multiple of {PADDING} bytes, "
                                 f"at most {MAX_SEALED_BYTES}.")


class SealedText(ma.fields.String):
    def __init__(self, **kwargs):
        super().__init__(validate=validate_sealed, metadata={
            "description": "v1.<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>, sealed on the "
                           "author's phone; additional data binds the entry's id and version"},
            **kwargs)


class JournalEntryIn(ma.Schema):
    sealed = SealedText(required=True)
    occurred_at = OccurredAt()



KIND = RecordKind(
    name="journal_entry", model=JournalEntry, create_schema=JournalEntryIn,
    editable=("sealed",), out_fields=("sealed", "prompt", "text"), shared=False,
    extra_out={
        "prompt": ma.fields.String(allow_none=True, metadata={
            "description": "Only on an entry written before sealing, until its phone seals it"}),
        "text": ma.fields.String(allow_none=True, metadata={
            "description": "Only on an entry written before sealing, until its phone seals it"}),
    })
