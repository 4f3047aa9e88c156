"""A day's question for a space, and each partner's answer to it."""

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db
from server.records.models import SharedRecordColumns


class DailyQuestion(db.Model):
    """The prompt a space answered (or is answering) on one day. Made by the first answer; its
    version moves with every answer, checked in the UPDATE, so two answers arriving at once
    cannot both miss each other: the second runs again, sees the first, and reveals both."""

    __tablename__ = "daily_questions"
    __table_args__ = (UniqueConstraint("space_id", "day", name="uq_daily_questions_day"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    day: Mapped[date]
    prompt_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1)
    # Set once, by the answer that made it two: from then on both see both.
    revealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class DailyAnswer(SharedRecordColumns, db.Model):
    """One partner's answer; revised answers keep revisions like every shared record."""

    __tablename__ = "daily_answers"
    __table_args__ = (
        UniqueConstraint("daily_question_id", "author_id", name="uq_daily_answers_once"),
    )

    daily_question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("daily_questions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
