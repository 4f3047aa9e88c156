"""Progress per week, month or year and per partner, computed with GROUP BY in the database.

Periods follow each record's own local time (the phone's offset at the moment), so an evening
check-in counts on the evening's day wherever the server is. Weeks start on Monday."""

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Date, distinct, func, select

from server.actions.models import Action
from server.checkins.models import Checkin
from server.experiences.models import Experience
from server.extensions import db
from server.rituals.models import Occurrence, OccurrenceMark, Ritual
from server.setbacks.models import Setback
from server.space.models import Space


def _local(model):
    """The record's local wall time (occurred_at + its UTC offset), as a naive timestamp."""
    if db.engine.dialect.name == "sqlite":
        return func.datetime(model.occurred_at,
                             func.printf("%+d minutes", model.occurred_offset_minutes))
    return func.timezone("UTC", model.occurred_at) + func.make_interval(
        0, 0, 0, 0, 0, model.occurred_offset_minutes)


def _period(value, period: str):
    """First day of the week (Monday), month or year that a local timestamp or date falls in."""
    if db.engine.dialect.name == "sqlite":
        if period == "week":
            return func.date(value, "weekday 0", "-6 days")
        return func.strftime("%Y-%m-01" if period == "month" else "%Y-01-01", value)
    return func.cast(func.date_trunc(period, value), Date)


def _day(value):
    if db.engine.dialect.name == "sqlite":
        return func.date(value)
    return func.cast(value, Date)


def _as_date(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) \
        else date.fromisoformat(str(value)[:10])


def _in_range(model, query):
    where = []
    if query.get("since") is not None:
        where.append(model.occurred_at >= query["since"])
    if query.get("until") is not None:
        where.append(model.occurred_at < query["until"])
    return where


def progress(space: Space, query: dict) -> list[dict]:
    period = query["period"]
    table: dict = defaultdict(lambda: {
        "checkins": 0, "trust": None, "safety": None, "connection": None, "actions": 0,
        "days_with_action": 0, "rituals_kept": 0, "rituals_due": 0, "experiences": 0,
        "setbacks": 0})

    def rows(model, *columns):
        bucket = _period(_local(model), period).label("period")
        return db.session.execute(
            select(bucket, model.author_id, *columns)
            .where(model.space_id == space.id, model.withdrawn_at.is_(None),
                   *_in_range(model, query))
            .group_by(bucket, model.author_id))

    for start, author, count, trust, safety, connection in rows(
            Checkin, func.count(), func.avg(Checkin.trust), func.avg(Checkin.safety),
            func.avg(Checkin.connection)):
        cell = table[(_as_date(start), author)]
        cell.update(checkins=count, trust=_mean(trust), safety=_mean(safety),
                    connection=_mean(connection))
    for start, author, count, days in rows(
            Action, func.count(), func.count(distinct(_day(_local(Action))))):
        table[(_as_date(start), author)].update(actions=count, days_with_action=days)
    for start, author, count in rows(Experience, func.count()):
        table[(_as_date(start), author)]["experiences"] = count
    for start, author, count in rows(Setback, func.count()):
        table[(_as_date(start), author)]["setbacks"] = count

    members = [m.user_id for m in space.memberships]
    bucket = _period(Occurrence.local_date, period).label("period")
    due = select(bucket, func.count()).join(Ritual, Ritual.id == Occurrence.ritual_id).where(
        Occurrence.space_id == space.id, Ritual.withdrawn_at.is_(None),
        *_date_range(query)).group_by(bucket)
    for start, count in db.session.execute(due):
        for member in members:
            table[(_as_date(start), member)]["rituals_due"] = count
    kept = select(bucket, OccurrenceMark.user_id, func.count()).join(
        OccurrenceMark, OccurrenceMark.occurrence_id == Occurrence.id).where(
        Occurrence.space_id == space.id, OccurrenceMark.status == "done",
        *_date_range(query)).group_by(bucket, OccurrenceMark.user_id)
    for start, member, count in db.session.execute(kept):
        table[(_as_date(start), member)]["rituals_kept"] = count

    return [{"period_start": start, "person_id": person, **values}
            for (start, person), values in sorted(table.items(), key=lambda kv: (kv[0][0],
                                                                                str(kv[0][1])))]


def _date_range(query):
    where = []
    if query.get("since") is not None:
        where.append(Occurrence.local_date >= query["since"].date())
    if query.get("until") is not None:
        where.append(Occurrence.local_date < query["until"].date())
    return where


def _mean(value):
    return None if value is None else round(float(value), 2)
