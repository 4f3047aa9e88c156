from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.records.models import SharedRecordColumns


class Setback(SharedRecordColumns, db.Model):
    __tablename__ = "setbacks"

    what_happened: Mapped[str] = mapped_column(Text)
    how_it_felt: Mapped[str | None] = mapped_column(Text)
