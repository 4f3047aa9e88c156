import uuid
from datetime import date, datetime, time

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db
from server.records.models import SharedRecordColumns

ACTIVITIES = ("checkin", "walk", "talk", "date", "other")


class Ritual(SharedRecordColumns, db.Model):
    __tablename__ = "rituals"

    title: Mapped[str] = mapped_column(String(200))
    activity: Mapped[str] = mapped_column(String(12))
    weekdays: Mapped[list] = mapped_column(JSON)  # ISO weekdays, 1 = Monday … 7 = Sunday
    local_time: Mapped[time]
    time_zone: Mapped[str] = mapped_column(String(64))
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL"))
    # Consent: the proposer's is implied; the partner's makes it active. A change asks again.
    partner_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the reminder scheduler reads: the next occurrence in UTC, None while not active.
    next_fire_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    reminders_off: Mapped[list["ReminderOff"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True)


class ReminderOff(db.Model):
    """A person who switched this ritual's reminder off (on is the default)."""

    __tablename__ = "ritual_reminders_off"

    ritual_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rituals.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class Occurrence(db.Model):
    """One day a ritual falls on, recorded once (unique per ritual and local date)."""

    __tablename__ = "ritual_occurrences"
    __table_args__ = (UniqueConstraint("ritual_id", "local_date", name="uq_occurrence_day"),
                      Index("ix_ritual_occurrences_space_due", "space_id", "due_at"))

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    ritual_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rituals.id", ondelete="CASCADE"))
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    local_date: Mapped[date]
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set by the reminder scheduler: sent, or missed when it was too late to remind.
    reminder: Mapped[str | None] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    marks: Mapped[list["OccurrenceMark"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True)


class OccurrenceMark(db.Model):
    """A partner's "we did it" / "we skipped it" for one occurrence."""

    __tablename__ = "ritual_occurrence_marks"

    occurrence_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ritual_occurrences.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    status: Mapped[str] = mapped_column(String(8))  # done | skipped
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
