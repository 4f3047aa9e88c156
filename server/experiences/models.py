import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.auth.models import User
from server.database import UTCDateTime, new_id, utcnow
from server.extensions import db
from server.records.models import SharedRecordColumns


class Experience(SharedRecordColumns, db.Model):
    __tablename__ = "experiences"

    title: Mapped[str] = mapped_column(String(200))
    what_we_did: Mapped[str | None] = mapped_column(Text)
    idea_id: Mapped[str | None] = mapped_column(String(40))

    reflections: Mapped[list["Reflection"]] = relationship(
        order_by="Reflection.created_at", lazy="selectin", cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Reflection(db.Model):
    """One partner's own words and joy about an experience; each writes only their own."""

    __tablename__ = "experience_reflections"
    __table_args__ = (UniqueConstraint("experience_id", "author_id",
                                       name="uq_experience_reflections_once"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    experience_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str | None] = mapped_column(Text)
    joy: Mapped[int] = mapped_column(SmallInteger)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(lazy="selectin")

    # The UPDATE checks the version this request read (see records.models.RecordColumns).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @property
    def author_name(self) -> str:
        return self.author.display_name


class IdeaMark(db.Model):
    """Where a couple stands with one idea of the bank: picked, and maybe done."""

    __tablename__ = "idea_marks"

    space_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True)
    idea_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    picked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
