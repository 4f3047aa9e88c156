"""Which prompt a couple gets on a day: the same on both phones, never one they had within a
year, and only light ones in the two weeks after a setback."""

import hashlib
import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from server.daily.bank import PROMPTS, Prompt
from server.daily.models import DailyQuestion
from server.extensions import db
from server.setbacks.models import Setback

# A leap year's 366 days: a prompt had on 1 January is not back before the next 1 January. The
# bank (bank.py) is larger than this, so a couple who answer every day never run out.
YEAR = timedelta(days=366)
GENTLE_AFTER_SETBACK = timedelta(days=14)


def _order(space_id: uuid.UUID) -> list[Prompt]:
    """The couple's own shuffle of the bank: every couple walks it in a different order."""
    return sorted(PROMPTS, key=lambda p: hashlib.sha256(f"{space_id}:{p.id}".encode()).digest())


def _used_within_a_year(space_id: uuid.UUID, day: date) -> set[str]:
    return set(db.session.scalars(select(DailyQuestion.prompt_id).where(
        DailyQuestion.space_id == space_id, DailyQuestion.day > day - YEAR,
        DailyQuestion.day < day + YEAR, DailyQuestion.day != day)))


def after_a_setback(space_id: uuid.UUID, day: date) -> bool:
    # Whole UTC days around the phone's day: a setback late last night still counts.
    until = datetime.combine(day + timedelta(days=1), time(), UTC)
    return db.session.scalar(select(Setback.id).where(
        Setback.space_id == space_id, Setback.withdrawn_at.is_(None),
        Setback.occurred_at >= until - GENTLE_AFTER_SETBACK, Setback.occurred_at < until)
        .limit(1)) is not None


def eligible(space_id: uuid.UUID, day: date) -> list[Prompt]:
    used = _used_within_a_year(space_id, day)
    gentle = after_a_setback(space_id, day)
    return [p for p in _order(space_id)
            if p.id not in used and (not gentle or p.weight == "light")]


def prompt_for(space_id: uuid.UUID, day: date) -> Prompt | None:
    """Each day starts one step further along the couple's order, so a skipped day's prompt is
    not simply offered again tomorrow. None once every prompt was had within the year."""
    candidates = eligible(space_id, day)
    if not candidates:
        return None
    return candidates[day.toordinal() % len(candidates)]
