"""Columns every record carries, and the revision and acknowledgement tables they share."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db


class RecordColumns:
    """Mixed into every record model. The id is made on the phone, so an offline outbox can
    send the same create any number of times."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    # The moment as the person lived it: UTC instant plus the phone's UTC offset at that moment.
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    occurred_offset_minutes: Mapped[int] = mapped_column(SmallInteger)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Hash of the create request, to tell a replay (same body) from a clash (same id, new body).
    create_fingerprint: Mapped[str] = mapped_column(String(64))
    # Withdrawn records stay as tombstones, so a replayed create can never bring one back.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @declared_attr
    def author_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    @declared_attr.directive
    def __mapper_args__(cls):
        # Every UPDATE of a record says "WHERE version = <the version this request read>", so of
        # two changes based on one version the database lets one through; the other fails
        # (StaleDataError) and its request runs again to answer 409 (server.transaction).
        # The services set the next version themselves (a step that changes no field of the
        # record, like a revised answer, moves it too).
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


class SharedRecordColumns(RecordColumns):
    """A record both partners of a space can read. Only its author changes or withdraws it;
    withdrawing leaves a tombstone both see ("withdrawn by <author> on <date>")."""

    @declared_attr
    def space_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))

    @declared_attr.directive
    def __table_args__(cls):
        # Lists page through a space's records newest first.
        return (Index(f"ix_{cls.__tablename__}_space_time", "space_id", "occurred_at", "id"),)


class Revision(db.Model):
    """One update of a shared record: who, when, and each changed field's old and new value.
    Numbered 2, 3, ... by the version it made: one revision per version, by a unique rule."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("record_kind", "record_id", "version",
                                       name="uq_revisions_record_version"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    record_kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changes: Mapped[dict] = mapped_column(JSON)
    # The id the phone made for the step that made this revision (also kept as a Step).
    step_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True)


class Step(db.Model):
    """A step the phone took on a record after creating it (a change, a pause, a mark...), by the
    id the phone made for it (records.rules.step_replayed): the same step sent again by an outbox
    is found here and changes nothing, whatever happened since."""

    __tablename__ = "steps"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # made on the phone
    # The record's kind and id; for a couple's mark on an idea of the bank (no record of its
    # own): "idea <its id>" and the space.
    record_kind: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                                 index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Acknowledgement(db.Model):
    """The partner's "I noticed" on a record, once per person and record."""

    __tablename__ = "acknowledgements"
    __table_args__ = (
        UniqueConstraint("record_kind", "record_id", "author_id", name="uq_acknowledgements_once"),
        Index("ix_acknowledgements_space_time", "space_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    record_kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                                 index=True)
    words: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
