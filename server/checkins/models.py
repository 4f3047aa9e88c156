from sqlalchemy import JSON, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.records.models import SharedRecordColumns


class Checkin(SharedRecordColumns, db.Model):
    __tablename__ = "checkins"

    feelings: Mapped[list] = mapped_column(JSON, default=list)
    intensity: Mapped[int | None] = mapped_column(SmallInteger)
    trust: Mapped[int | None] = mapped_column(SmallInteger)
    safety: Mapped[int | None] = mapped_column(SmallInteger)
    connection: Mapped[int | None] = mapped_column(SmallInteger)
    want_you_to_know: Mapped[str | None] = mapped_column(Text)
    need_from_you: Mapped[str | None] = mapped_column(Text)
