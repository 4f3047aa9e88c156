from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.records.models import SharedRecordColumns


class Action(SharedRecordColumns, db.Model):
    __tablename__ = "actions"

    what: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(20))
