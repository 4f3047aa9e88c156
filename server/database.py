"""Column types and connection settings shared by every model."""

import logging
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator


class RowValuesHidden(logging.Filter):
    """SQLAlchemy logs every fetched row once its logger is at DEBUG (a root logger at DEBUG is
    enough). Rows hold people's private words and password hashes: their values are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.endswith("Row %r"):
            record.args = ("(values hidden)",)
        return True


_engine_log = logging.getLogger("sqlalchemy.engine.Engine")
if not any(isinstance(f, RowValuesHidden) for f in _engine_log.filters):
    _engine_log.addFilter(RowValuesHidden())


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime on every backend (SQLite keeps no zone, so we restore it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL for concurrent readers, real foreign keys, and waiting instead of failing on a lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def at_offset(instant: datetime, offset_minutes: int) -> datetime:
    """A stored UTC instant shown in the UTC offset the phone had at that moment."""
    return instant.astimezone(timezone(timedelta(minutes=offset_minutes)))
