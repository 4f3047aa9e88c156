from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.records.models import RecordColumns


class JournalEntry(RecordColumns, db.Model):
    """Belongs to a person, not to a space: it stays theirs when a space ends, and nobody else
    ever reads it. Withdrawing erases the words."""

    __tablename__ = "journal_entries"

    prompt: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
