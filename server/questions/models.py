import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.database import UTCDateTime, utcnow
from server.extensions import db
from server.records.models import SharedRecordColumns

STATES = ("open", "answered", "needs_time", "parked")
ASKER_RESPONSES = ("helped", "still_questions")


class Question(SharedRecordColumns, db.Model):
    """Asked by its author and addressed to the partner (the other member of the space).
    State moves only by the rules in services."""

    __tablename__ = "questions"

    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="open")
    needs_time_until: Mapped[date | None]
    follow_up: Mapped[str | None] = mapped_column(Text)
    asker_response: Mapped[str | None] = mapped_column(String(16))

    answers: Mapped[list["Answer"]] = relationship(
        order_by="Answer.number", lazy="selectin", cascade="all, delete-orphan",
        passive_deletes=True)


class Answer(db.Model):
    """One version of an answer. Never edited: a changed answer is the next number."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("question_id", "number", name="uq_answers_number"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # made on the phone
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
