from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from server.extensions import db
from server.records.models import RecordColumns


class JournalEntry(RecordColumns, db.Model):
    """Belongs to a person, not to a space: it stays theirs when a space ends, and nobody else
    ever reads it. Withdrawing erases the words.

    The words (and the prompt chosen) are sealed on the author's phone (AES-256-GCM, see
    client/src/data/sealing.js): the server keeps the ciphertext and what sync needs (id,
    author, times, version); its length is rounded by the phone's padding."""

    __tablename__ = "journal_entries"

    sealed: Mapped[str | None] = mapped_column(Text)
    # Plaintext of entries written before sealing; the author's phone seals them at its next
    # sign-in (a PATCH setting `sealed`), which empties these.
    prompt: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)

    @validates("sealed")
    def _sealing_empties_the_plaintext(self, _key, sealed):
        # Once an entry is sealed (or erased), no plaintext of it stays in the row.
        self.prompt = None
        self.text = None
        return sealed
