"""A shared space, its (at most two) members and the invite codes that bring the partner in."""

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.auth.models import User
from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db

ROLES = ("rebuilding", "healing", "unstated")


class Space(db.Model):
    __tablename__ = "spaces"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Ending is final: either partner may end it alone, and nobody joins an ended space.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="space", order_by="Membership.seat"
    )


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        # Two seats per space, each taken once: the database itself caps a space at two people.
        UniqueConstraint("space_id", "seat", name="uq_memberships_space_seat"),
        CheckConstraint("seat IN (1, 2)", name="seat"),
        CheckConstraint("role IN ('rebuilding', 'healing', 'unstated')", name="role"),
        # A person is in at most one live space.
        Index("uq_membership_live_person", "user_id", unique=True,
              sqlite_where=text("left_at IS NULL"), postgresql_where=text("left_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    seat: Mapped[int]
    role: Mapped[str] = mapped_column(String(12), default="unstated")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The day the betrayal came to light, if this person chooses to record it (anniversaries).
    discovery_date: Mapped[date | None]

    space: Mapped[Space] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class Invite(db.Model):
    """A single-use, short-lived code; stored without the dash, shown as XXXX-XXXX."""

    __tablename__ = "invites"
    __table_args__ = (
        # One live code per space: two new invites asked at the same moment cannot both work
        # (the later request runs again and revokes the other's).
        Index("uq_invites_live_per_space", "space_id", unique=True,
              sqlite_where=text("used_at IS NULL AND revoked_at IS NULL"),
              postgresql_where=text("used_at IS NULL AND revoked_at IS NULL")),
    )

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    space_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    space: Mapped[Space] = relationship()
