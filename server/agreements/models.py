import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db
from server.records.models import SharedRecordColumns

CATEGORIES = ("communication", "transparency", "devices_social_media", "time_whereabouts",
              "contact_third_person", "intimacy", "other")


class Agreement(SharedRecordColumns, db.Model):
    """The agreement's identity and lifecycle; its words live in numbered versions."""

    __tablename__ = "agreements"

    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    pause_reason: Mapped[str | None] = mapped_column(Text)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    versions: Mapped[list["AgreementVersion"]] = relationship(
        order_by="AgreementVersion.number", lazy="selectin", cascade="all, delete-orphan",
        passive_deletes=True)
    events: Mapped[list["AgreementEvent"]] = relationship(
        order_by="AgreementEvent.at", lazy="selectin", cascade="all, delete-orphan",
        passive_deletes=True)


class AgreementVersion(db.Model):
    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number", name="uq_agreement_versions"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # made on the phone
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    terms: Mapped[str] = mapped_column(Text)
    why: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(24))
    review_on: Mapped[date | None]
    proposed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    create_fingerprint: Mapped[str] = mapped_column(String(64))

    consents: Mapped[list["Consent"]] = relationship(
        order_by="Consent.at", lazy="selectin", cascade="all, delete-orphan",
        passive_deletes=True)


class Consent(db.Model):
    """A person's yes to one version of an agreement."""

    __tablename__ = "agreement_consents"
    __table_args__ = (UniqueConstraint("version_id", "user_id", name="uq_agreement_consents"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement_versions.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementEvent(db.Model):
    """One step of the history both partners see: proposed, consented, withdrew, retired…"""

    __tablename__ = "agreement_events"
    __table_args__ = (Index("ix_agreement_events_space_time", "space_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    step: Mapped[str] = mapped_column(String(24))
    version_number: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
