"""The reminder scheduler: claims due rituals, records each occurrence once, advances the next
time on the ritual's own wall clock, and queues one delivery per partner device.

One transaction per batch. On PostgreSQL the batch is claimed with FOR UPDATE SKIP LOCKED, so
several workers share the due rituals without waiting for or repeating each other; a worker
that dies mid-batch leaves nothing behind (its transaction is rolled back and the rows unlock),
so the next tick, by it or another worker, claims the same rituals again. The occurrence is
unique per ritual and local date and deliveries per occurrence and subscription, so even two
workers on SQLite (no row locks) cannot record a day or a device twice."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import bindparam, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from server.extensions import db
from server.push import payload
from server.push.models import RITUAL, Delivery, PushSubscription
from server.rituals.models import Occurrence, ReminderOff, Ritual
from server.rituals.schedule import next_occurrence
from server.space.models import Membership, Space

log = logging.getLogger(__name__)

MICROSECOND = timedelta(microseconds=1)
# A ritual whose worker was away longer than this is caught up from here (missed days before it
# are not worth a row each).
CATCH_UP = timedelta(days=35)


@dataclass
class TickResult:
    claimed: int = 0        # rituals claimed
    sent: int = 0           # occurrences recorded as reminded
    missed: int = 0         # occurrences recorded as missed (too late)
    deliveries: int = 0     # deliveries queued
    batches: int = 0
    earliest_due: datetime | None = None   # of the reminders recorded as sent
    lateness_seconds: float | None = None  # how late the earliest of them went out (worker)


def _insert(table):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def window() -> timedelta:
    return timedelta(minutes=current_app.config["REMINDERS_WINDOW_MINUTES"])


def _occurrences_until(ritual, now: datetime, late: timedelta):
    """The (local date, due instant, reminder) of every occurrence up to now, and the next
    fire time after them."""
    zone = ZoneInfo(ritual.time_zone)
    fire, found = ritual.next_fire_at, []
    while fire <= now:
        if fire < now - CATCH_UP:
            _, fire = next_occurrence(ritual.weekdays, ritual.local_time, ritual.time_zone,
                                      now - CATCH_UP)
            continue
        day, due = next_occurrence(ritual.weekdays, ritual.local_time, ritual.time_zone,
                                   fire - MICROSECOND)
        if due != fire:  # the schedule moved under a stale next_fire_at: trust the stored time
            day, due = fire.astimezone(zone).date(), fire
        found.append((day, due, "sent" if now - due <= late else "missed"))
        _, fire = next_occurrence(ritual.weekdays, ritual.local_time, ritual.time_zone, due)
    return found, fire


def due_rituals(now: datetime, batch_size: int):
    """The claim: the longest-due rituals first, read through the next_fire_at index (so its
    cost does not grow with the number of rituals), skipping rows another worker holds."""
    return (select(Ritual.id, Ritual.space_id, Ritual.weekdays, Ritual.local_time,
                   Ritual.time_zone, Ritual.next_fire_at)
            .where(Ritual.next_fire_at <= now)
            .order_by(Ritual.next_fire_at)
            .limit(batch_size)
            .with_for_update(skip_locked=True))


def claim_batch(now: datetime, batch_size: int, result: TickResult) -> int:
    """Claim up to batch_size due rituals and do all their bookkeeping; the caller commits."""
    config = current_app.config
    rituals = db.session.execute(due_rituals(now, batch_size)).all()
    if not rituals:
        return 0
    log.info("claimed %d rituals", len(rituals))
    space_ids = {r.space_id for r in rituals}
    ended = set(db.session.scalars(select(Space.id).where(
        Space.id.in_(space_ids), Space.ended_at.is_not(None))))

    late = window()
    occurrence_rows, next_fire, statuses = [], [], {}
    for ritual in rituals:
        if ritual.space_id in ended:  # nobody to remind any more
            next_fire.append({"b_id": ritual.id, "b_next": None})
            continue
        try:
            found, fire = _occurrences_until(ritual, now, late)
        except (ValueError, KeyError) as exc:  # no weekday, an unknown zone: never block others
            log.error("ritual %s cannot be scheduled (%s); it stops reminding", ritual.id, exc)
            next_fire.append({"b_id": ritual.id, "b_next": None})
            continue
        next_fire.append({"b_id": ritual.id, "b_next": fire})
        for day, due, status in found:
            occurrence_rows.append({"id": uuid.uuid4(), "ritual_id": ritual.id,
                                    "space_id": ritual.space_id, "local_date": day,
                                    "due_at": due, "created_at": now})
            statuses[(ritual.id, day)] = status

    recorded = []  # (occurrence id, ritual id, due) that this worker reminds for
    if occurrence_rows:
        table = Occurrence.__table__
        for row in occurrence_rows:
            row["reminder"] = statuses[(row["ritual_id"], row["local_date"])]
        # Each day is recorded once: a new row carries its reminder at once ...
        inserted = db.session.execute(
            _insert(table).on_conflict_do_nothing(index_elements=["ritual_id", "local_date"])
            .returning(table.c.id, table.c.ritual_id, table.c.local_date, table.c.due_at,
                       table.c.reminder), occurrence_rows).all()
        taken = set()
        for row in inserted:
            taken.add((row.ritual_id, row.local_date))
            _count(result, row.reminder, recorded, (row.id, row.ritual_id, row.due_at))
        # ... and a day that has a row already (a partner marked it early) gets its reminder
        # recorded only if nobody (no other worker) recorded one.
        for status in ("sent", "missed"):
            keys = [key for key, value in statuses.items()
                    if value == status and key not in taken]
            for start in range(0, len(keys), 500):
                for row in db.session.execute(
                        update(table)
                        .where(tuple_(table.c.ritual_id, table.c.local_date).in_(
                            keys[start:start + 500]), table.c.reminder.is_(None))
                        .values(reminder=status)
                        .returning(table.c.id, table.c.ritual_id, table.c.due_at)):
                    _count(result, status, recorded, tuple(row))
    result.deliveries += _queue_deliveries(recorded, {r.id: r for r in rituals}, now, late,
                                           config["PUBLIC_URL"])

    db.session.execute(
        update(Ritual.__table__).where(Ritual.__table__.c.id == bindparam("b_id"))
        .values(next_fire_at=bindparam("b_next")), next_fire)
    result.claimed += len(rituals)
    result.batches += 1
    return len(rituals)


def _count(result: TickResult, status: str, recorded: list, row: tuple) -> None:
    if status == "sent":
        recorded.append(row)
        result.sent += 1
        due = row[2]
        result.earliest_due = due if result.earliest_due is None else min(result.earliest_due, due)
    else:
        result.missed += 1


def _queue_deliveries(recorded, rituals, now, late, base_url) -> int:
    """One delivery per live member's device, unless that member switched this reminder off.
    (Ritual reminders are not held by quiet hours: the time is one both agreed on.)"""
    if not recorded:
        return 0
    ritual_ids = {ritual_id for _, ritual_id, _ in recorded}
    space_ids = {rituals[rid].space_id for rid in ritual_ids}
    # Every device of every live member of these spaces, in one query.
    devices: dict = {}
    for space_id, user_id, sub_id in db.session.execute(
            select(Membership.space_id, Membership.user_id, PushSubscription.id)
            .join(PushSubscription, PushSubscription.user_id == Membership.user_id)
            .where(Membership.space_id.in_(space_ids), Membership.left_at.is_(None))):
        devices.setdefault(space_id, []).append((user_id, sub_id))
    off = set(db.session.execute(select(ReminderOff.ritual_id, ReminderOff.user_id).where(
        ReminderOff.ritual_id.in_(ritual_ids))).all())

    rows = []
    for occurrence_id, ritual_id, due in recorded:
        ritual = rituals[ritual_id]
        body = payload.ritual_reminder(occurrence_id, ritual.local_time, base_url)
        topic = payload.topic_for(RITUAL, ritual_id)
        for user_id, sub_id in devices.get(ritual.space_id, ()):
            if (ritual_id, user_id) not in off:
                rows.append({"id": uuid.uuid4(), "occurrence_id": occurrence_id,
                             "subscription_id": sub_id, "user_id": user_id, "kind": RITUAL,
                             "payload": body, "topic": topic, "status": "pending", "attempts": 0,
                             "next_attempt_at": now, "expires_at": due + late,
                             "created_at": now})
    for start in range(0, len(rows), 1000):
        db.session.execute(_insert(Delivery.__table__).on_conflict_do_nothing(
            index_elements=["occurrence_id", "subscription_id"]), rows[start:start + 1000])
    return len(rows)


def claim_due(now: datetime, batch_size: int | None = None, after_batch=None) -> TickResult:
    """Claim every ritual due at `now`, one committed transaction per batch; `after_batch` is
    called after each commit (the worker starts sending while the next batch is claimed)."""
    batch_size = batch_size or current_app.config["REMINDERS_BATCH_SIZE"]
    result = TickResult()
    while True:
        try:
            claimed = claim_batch(now, batch_size, result)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        if claimed and after_batch is not None:
            after_batch()
        if claimed < batch_size:
            return result
