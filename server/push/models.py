"""Push subscriptions (one row per device), deliveries (one per message and device) and each
person's notification preferences (which kinds, and quiet hours)."""

import uuid
from datetime import datetime, time

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db

# What a delivery is about: a ritual's reminder, or one of the switchable notifications.
RITUAL = "ritual"
NOTIFICATION_KINDS = ("acknowledged", "answered", "consent", "pause", "daily")


class PushSubscription(db.Model):
    """One device's PushSubscription. The endpoint is the device's address at its push service:
    unique, so re-subscribing updates the row instead of adding another."""

    __tablename__ = "push_subscriptions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(2048), unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    device_label: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failure_count: Mapped[int] = mapped_column(default=0)
    # The last refusal by the push service (e.g. "HTTP 403"), shown in the device list.
    last_error: Mapped[str | None] = mapped_column(String(120))


class Delivery(db.Model):
    """One message to one device. Unique per occurrence and subscription, so however many
    scheduler workers run, a ritual's day reaches each device once."""

    __tablename__ = "push_deliveries"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "subscription_id", name="uq_push_deliveries_once"),
        # What the sender claims: pending deliveries by due time (a small partial index).
        Index("ix_push_deliveries_due", "next_attempt_at",
              sqlite_where=text("status = 'pending'"),
              postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    occurrence_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ritual_occurrences.id", ondelete="CASCADE"))
    # Kept (as NULL) when the subscription goes, so the outcome stays on record.
    subscription_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    # The encrypted body's plaintext: generic words only (see payload.py), never record content.
    payload: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(32))
    # pending → sent | gone (404/410: subscription removed) | failed (retries used up) |
    #           rejected (400/403/413 …: alert, subscription kept) | expired (too late to use)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    # When the sender may (next) try; while a worker holds it, the end of its lease.
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # After this a reminder is useless ("not sent late at 3 a.m."): expired instead of sent.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_status: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PushPreferences(db.Model):
    """A person's switches for the notifications that are not ritual reminders (those are
    switched per ritual), and quiet hours in their own time zone."""

    __tablename__ = "push_preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    acknowledged: Mapped[bool] = mapped_column(default=True)
    answered: Mapped[bool] = mapped_column(default=True)
    consent: Mapped[bool] = mapped_column(default=True)
    pause: Mapped[bool] = mapped_column(default=True)
    daily: Mapped[bool] = mapped_column(default=True)
    # Quiet hours: both set or both empty; may wrap midnight (22:30 → 07:30).
    quiet_from: Mapped[time | None]
    quiet_until: Mapped[time | None]
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
