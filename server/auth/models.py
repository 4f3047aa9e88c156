"""People and their signed-in devices."""

import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    # argon2id of the authentication value the phone derives from the password (auth/sealing);
    # for a legacy account, not moved yet, of the password itself.
    password_hash: Mapped[str] = mapped_column(String(255))
    # The salt and Argon2id parameters the phone derives from (prelogin serves them); None for
    # a legacy account. Not secret: they are given to anyone who asks for this email.
    kdf: Mapped[dict | None] = mapped_column(JSON)
    # The journal key, wrapped on the phone with a key only the password gives (AES-GCM): the
    # server cannot open it.
    wrapped_journal_key: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list["UserSession"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class UserSession(db.Model):
    """One signed-in device. The cookie names this row; ending the row ends the session."""

    __tablename__ = "user_sessions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    device_label: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="sessions")
