"""Consistency: "kept on X of the last Y days", never a streak that falls to zero."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server.actions.models import Action
from server.auth.models import User
from server.database import at_offset, utcnow
from server.extensions import db
from server.space.models import Space


def consistency(space: Space, person: User, days: int, zone: str) -> dict:
    today = utcnow().astimezone(ZoneInfo(zone)).date()
    window = {today - timedelta(days=n) for n in range(days)}
    # A day is the action's own local day (the offset the phone had then); fetch with a margin
    # wider than any two offsets apart (+14:00 vs -12:00 is 26 h) and let the local date decide.
    start = datetime.combine(min(window), time.min, ZoneInfo(zone)) - timedelta(days=2)
    rows = db.session.execute(select(Action.occurred_at, Action.occurred_offset_minutes).where(
        Action.space_id == space.id, Action.author_id == person.id,
        Action.withdrawn_at.is_(None), Action.occurred_at >= start,
    ))
    kept = sorted({at_offset(at, offset).date() for at, offset in rows} & window)
    return {"days": days, "days_with_action": len(kept), "dates": kept}
