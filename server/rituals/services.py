"""Ritual rules: active only with both partners' yes; the next reminder time always follows."""

import uuid
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server.auth.models import User
from server.database import utcnow
from server.errors import ApiError
from server.extensions import db
from server.fields import RANGE, day_in_range
from server.records import rules
from server.rituals.models import Occurrence, OccurrenceMark, ReminderOff, Ritual
from server.rituals.schedule import local_instant, next_occurrence

SCHEDULE = ("weekdays", "local_time", "time_zone")


def state_of(ritual: Ritual) -> str:
    if ritual.paused_at is not None:
        return "paused"
    return "active" if ritual.partner_accepted_at is not None else "proposed"


def refresh_schedule(ritual: Ritual) -> None:
    """next_fire_at is the next occurrence while the ritual is active, and None otherwise, so the
    scheduler's index holds exactly the rituals that may remind."""
    if state_of(ritual) == "active" and ritual.withdrawn_at is None:
        _, ritual.next_fire_at = next_occurrence(ritual.weekdays, ritual.local_time,
                                                 ritual.time_zone, utcnow())
    else:
        ritual.next_fire_at = None


def _accepted(ritual: Ritual) -> None:
    """The partner's yes moves the ritual's version (checked in the UPDATE), so a yes and a
    change of schedule at the same moment cannot both hold: the later runs again, and a yes to
    the old schedule is refused."""
    ritual.version += 1
    ritual.updated_at = utcnow()
    refresh_schedule(ritual)
    db.session.flush()


# Each step after the create carries the id the phone made for it: sent again by an outbox
# (rules.step_replayed), it changes nothing and answers the ritual as it is now. A step without
# one (an outbox queued by an older build) falls back to the state: it is done unless in place.

def accept(kind, user: User, ritual: Ritual, version: int | None,
           step_id: uuid.UUID | None = None) -> None:
    """A yes counts for the version it was given to: one sent late (from a phone's outbox) to
    a ritual whose schedule changed since is refused with the current one, never taken as a
    yes to the new schedule. A yes repeated once it holds changes nothing."""
    rules.refuse_unless_live(kind, user, ritual)
    if ritual.author_id == user.id:
        raise ApiError(403, "own_proposal", "Your partner accepts the ritual you proposed.")
    if rules.step_replayed(kind, user, ritual, step_id):
        return
    if ritual.partner_accepted_at is None and version is not None:
        rules.check_version(kind, ritual, version)
    if ritual.partner_accepted_at is None:
        ritual.partner_accepted_at = utcnow()
        _accepted(ritual)
    rules.take_step(kind, user, ritual, step_id)


def change(kind, user: User, ritual: Ritual, data: dict) -> None:
    """The proposer changes it; a changed schedule needs the partner's yes again."""
    schedule_before = [getattr(ritual, name) for name in SCHEDULE]
    rules.update(kind, user, ritual, data)
    if [getattr(ritual, name) for name in SCHEDULE] != schedule_before:
        ritual.partner_accepted_at = None
    refresh_schedule(ritual)
    db.session.flush()


def set_paused(kind, user: User, ritual: Ritual, paused: bool,
               step_id: uuid.UUID | None = None) -> None:
    """Either partner may pause (withdraw consent) or resume it. A pause sent again after the
    partner resumed stays a thing of the past."""
    rules.refuse_unless_live(kind, user, ritual)
    if rules.step_replayed(kind, user, ritual, step_id):
        return
    if paused != (ritual.paused_at is not None):
        ritual.paused_at = utcnow() if paused else None
        refresh_schedule(ritual)
        db.session.flush()
    rules.take_step(kind, user, ritual, step_id)


def withdraw(kind, user: User, ritual: Ritual) -> None:
    rules.withdraw(kind, user, ritual)
    refresh_schedule(ritual)
    db.session.flush()


def set_reminder(kind, user: User, ritual: Ritual, enabled: bool,
                 step_id: uuid.UUID | None = None) -> None:
    rules.refuse_unless_live(kind, user, ritual)
    if rules.step_replayed(kind, user, ritual, step_id):
        return
    rules.take_step(kind, user, ritual, step_id)
    off = next((r for r in ritual.reminders_off if r.user_id == user.id), None)
    if enabled and off is not None:
        ritual.reminders_off.remove(off)
    elif not enabled and off is None:
        ritual.reminders_off.append(ReminderOff(user_id=user.id))
    db.session.flush()  # my two phones at once: the loser runs again and finds it done


def occurrence_on(ritual: Ritual, local_date: date) -> Occurrence:
    """The occurrence of that local day, recorded once whoever (person or scheduler) comes first."""
    query = select(Occurrence).where(Occurrence.ritual_id == ritual.id,
                                     Occurrence.local_date == local_date)
    found = db.session.scalar(query)
    if found is not None:
        return found
    occurrence = Occurrence(ritual_id=ritual.id, space_id=ritual.space_id, local_date=local_date,
                            due_at=local_instant(local_date, ritual.local_time,
                                                 ZoneInfo(ritual.time_zone)))
    # Unique per ritual and day: when the other partner's mark (or the scheduler) records it
    # at the same moment, this request runs again and finds it (server.transaction).
    db.session.add(occurrence)
    db.session.flush()
    return occurrence


def mark(kind, user: User, ritual: Ritual, local_date: date, status: str,
         step_id: uuid.UUID | None = None) -> Occurrence:
    """My "we did it" / "we skipped it" for one day; a later mark replaces mine (an earlier one
    sent again does not)."""
    rules.refuse_unless_live(kind, user, ritual)
    if rules.step_replayed(kind, user, ritual, step_id):
        return occurrence_on(ritual, local_date)
    if state_of(ritual) == "proposed":
        raise ApiError(409, "not_active", "This ritual is not agreed by both of you yet.")
    if not day_in_range(local_date):  # its local time, in UTC, could leave the calendar
        raise ApiError(422, "validation_error", "This day is out of range.",
                       {"local_date": RANGE})
    if local_date.isoweekday() not in ritual.weekdays:
        raise ApiError(422, "validation_error", "The ritual does not fall on this day.",
                       {"local_date": "Not one of the ritual's days."})
    if local_date > utcnow().astimezone(ZoneInfo(ritual.time_zone)).date():
        raise ApiError(422, "validation_error", "This day has not come yet.",
                       {"local_date": "In the future."})
    occurrence = occurrence_on(ritual, local_date)
    rules.take_step(kind, user, ritual, step_id)
    mine = next((m for m in occurrence.marks if m.user_id == user.id), None)
    if mine is None:
        occurrence.marks.append(OccurrenceMark(user_id=user.id, status=status))
    elif mine.status != status:
        mine.status, mine.at = status, utcnow()
    db.session.flush()  # one mark per person and day: my two phones at once, one runs again
    return occurrence


def occurrences(ritual: Ritual, since: date | None, until: date | None) -> list[Occurrence]:
    query = select(Occurrence).where(Occurrence.ritual_id == ritual.id)
    if since:
        query = query.where(Occurrence.local_date >= since)
    if until:
        query = query.where(Occurrence.local_date < until)
    return list(db.session.scalars(query.order_by(Occurrence.local_date.desc()).limit(400)))


def reminder_on(ritual: Ritual, user_id: uuid.UUID) -> bool:
    return all(r.user_id != user_id for r in ritual.reminders_off)
