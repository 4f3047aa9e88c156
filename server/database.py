"""Column types and connection settings shared by every model."""

import logging
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
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
    """WAL for concurrent readers and real foreign keys (the busy timeout: engine_options)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def engine_options(url: str, lock_timeout_seconds: float) -> dict:
    """Connection settings for the app's engine. A request waits at most `lock_timeout_seconds`
    for a lock another writer holds (SQLite's busy timeout, PostgreSQL's lock_timeout), then
    fails with an error that becomes "503, try again" (see is_retryable) instead of queueing
    every worker behind it."""
    options = {
        # A connection the database dropped (restart, failover, terminated backend) is noticed
        # and replaced when taken from the pool, not handed to a request.
        "pool_pre_ping": True,
        # Bound values are people's words (the private journal too) and password hashes: never
        # in SQL log lines or database error messages, whatever the logging configuration.
        "hide_parameters": True,
    }
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        # sqlite3's timeout is the busy timeout (sqlite3_busy_timeout), in seconds.
        options["connect_args"] = {"timeout": lock_timeout_seconds}
    elif backend == "postgresql":
        milliseconds = max(1, round(lock_timeout_seconds * 1000))
        options["connect_args"] = {"connect_timeout": 10,
                                   "options": f"-c lock_timeout={milliseconds}"}
    return options


# PostgreSQL SQLSTATEs that say "not now" rather than "never": the same request can succeed a
# moment later. Class 08 (connection exceptions) is taken whole.
RETRYABLE_SQLSTATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available (lock_timeout)
    "57014",  # query_canceled (statement_timeout, or cancelled by an administrator)
    "57P01",  # admin_shutdown (pg_terminate_backend, a fast shutdown)
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now (starting up, in recovery)
    "53300",  # too_many_connections
}
SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")


def is_retryable(exc: DBAPIError) -> bool:
    """True when a database error means "busy or briefly unreachable, try again" (a lock held
    past the timeout, a dropped connection) rather than a fault in the request or the code."""
    if exc.connection_invalidated:
        return True
    original = exc.orig
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate:
        return sqlstate in RETRYABLE_SQLSTATES or sqlstate.startswith("08")
    if isinstance(original, sqlite3.OperationalError):
        return str(original).startswith(SQLITE_BUSY_MESSAGES)
    return False


def at_offset(instant: datetime, offset_minutes: int) -> datetime:
    """A stored UTC instant shown in the UTC offset the phone had at that moment."""
    return instant.astimezone(timezone(timedelta(minutes=offset_minutes)))
