import uuid
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.database import UTCDateTime
from server.extensions import db
from server.records.models import SharedRecordColumns


class Pause(SharedRecordColumns, db.Model):
    __tablename__ = "pauses"

    minutes: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    @property
    def until(self) -> datetime:
        """When the one who paused means to come back (counted from when they asked)."""
        return self.occurred_at + timedelta(minutes=self.minutes)

    def is_active(self, now: datetime) -> bool:
        return self.withdrawn_at is None and self.ended_at is None and self.until > now
