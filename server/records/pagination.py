"""Opaque cursors for lists ordered newest first by (occurred_at, id)."""

import base64
import json
import uuid
from datetime import datetime

from sqlalchemy import and_, bindparam, or_

from server.errors import ApiError
from server.fields import in_range


def encode(occurred_at: datetime, record_id: uuid.UUID) -> str:
    raw = json.dumps([occurred_at.isoformat(), str(record_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        when, record_id = json.loads(base64.urlsafe_b64decode(padded))
        when = datetime.fromisoformat(when)
        if when.tzinfo is None:
            raise ValueError("cursor time without zone")
        in_utc = in_range(when)  # year 1 or 9999 with an offset leaves the calendar in UTC
        if in_utc is None:
            raise ValueError("cursor time out of range")
        return in_utc, uuid.UUID(record_id)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ApiError(422, "validation_error", "Some fields are not valid.",
                       {"cursor": "Not a cursor this server gave out."}) from exc


def after_parameters(cursor: str) -> dict:
    """The values after() compares with, from a cursor this server gave out."""
    when, record_id = decode(cursor)
    return {"cursor_at": when, "cursor_id": record_id}


def after(time_column, id_column):
    """The rows that come after the cursor in newest-first (time, id) order. The cursor's values
    are the parameters `cursor_at` and `cursor_id` (after_parameters()), so the statement can be
    built once and run for any cursor."""
    when, record_id = bindparam("cursor_at"), bindparam("cursor_id")
    return or_(time_column < when, and_(time_column == when, id_column < record_id))
