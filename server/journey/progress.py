"""Progress per week, month or year and per partner, computed with GROUP BY in the database.

Periods follow each record's own local time (the phone's offset at the moment), so an evening
check-in counts on the evening's day wherever the server is. Weeks start on Monday."""

from collections import defaultdict
from datetime import date, datetime
from functools import cache

from sqlalchemy import Date, bindparam, distinct, func, literal_column, null, select, union_all

from server.actions.models import Action
from server.checkins.models import Checkin
from server.experiences.models import Experience
from server.extensions import db
from server.rituals.models import Occurrence, OccurrenceMark, Ritual
from server.setbacks.models import Setback
from server.space.models import Space


def _local(model, dialect: str):
    """The record's local wall time (occurred_at + its UTC offset), as a naive timestamp."""
    if dialect == "sqlite":
        return func.datetime(model.occurred_at,
                             func.printf("%+d minutes", model.occurred_offset_minutes))
    return func.timezone("UTC", model.occurred_at) + func.make_interval(
        0, 0, 0, 0, 0, model.occurred_offset_minutes)


def _period(value, period: str, dialect: str):
    """First day of the week (Monday), month or year that a local timestamp or date falls in."""
    if dialect == "sqlite":
        if period == "week":
            return func.date(value, "weekday 0", "-6 days")
        return func.strftime("%Y-%m-01" if period == "month" else "%Y-01-01", value)
    return func.cast(func.date_trunc(period, value), Date)


def _day(value, dialect: str):
    if dialect == "sqlite":
        return func.date(value)
    return func.cast(value, Date)


def _as_date(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) \
        else date.fromisoformat(str(value)[:10])


@cache
def _statements(dialect: str, period: str, since: bool, until: bool) -> dict:
    """The GROUP BY statements for one shape of request (database, period, which bounds were
    given), built once per process: the space and the bounds are parameters. Building them is
    most of a request's work; running them is not."""

    def in_range(column, day=False):
        bound = (lambda name: bindparam(name + "_day")) if day else bindparam
        return ([column >= bound("since")] if since else []) + \
            ([column < bound("until")] if until else [])

    def per_author(source: str, model, trust=None, safety=None, connection=None, days=None):
        # Every kind answers the same columns (None where it has no such measure), so that the
        # four make one statement: one round trip instead of four.
        bucket = _period(_local(model, dialect), period, dialect).label("period")
        return (select(literal_column(f"'{source}'").label("source"), bucket, model.author_id,
                       func.count().label("count"),
                       *(column if column is not None else null().label(name) for name, column in
                         (("trust", trust), ("safety", safety), ("connection", connection),
                          ("days", days))))
                .where(model.space_id == bindparam("space_id"), model.withdrawn_at.is_(None),
                       *in_range(model.occurred_at))
                .group_by(bucket, model.author_id))

    ritual_day = _period(Occurrence.local_date, period, dialect).label("period")
    return {
        "records": union_all(
            per_author("checkins", Checkin, func.avg(Checkin.trust), func.avg(Checkin.safety),
                       func.avg(Checkin.connection)),
            per_author("actions", Action,
                       days=func.count(distinct(_day(_local(Action, dialect), dialect)))),
            per_author("experiences", Experience),
            per_author("setbacks", Setback)),
        "rituals_due": select(ritual_day, func.count())
        .join(Ritual, Ritual.id == Occurrence.ritual_id)
        .where(Occurrence.space_id == bindparam("space_id"), Ritual.withdrawn_at.is_(None),
               *in_range(Occurrence.local_date, day=True))
        .group_by(ritual_day),
        "rituals_kept": select(ritual_day, OccurrenceMark.user_id, func.count())
        .join(OccurrenceMark, OccurrenceMark.occurrence_id == Occurrence.id)
        .where(Occurrence.space_id == bindparam("space_id"), OccurrenceMark.status == "done",
               *in_range(Occurrence.local_date, day=True))
        .group_by(ritual_day, OccurrenceMark.user_id),
    }


def progress(space: Space, query: dict) -> list[dict]:
    since, until = query.get("since"), query.get("until")
    statements = _statements(db.engine.dialect.name, query["period"], since is not None,
                             until is not None)
    parameters = {"space_id": space.id, "since": since, "until": until,
                  "since_day": since and since.date(), "until_day": until and until.date()}

    def rows(name: str):
        return db.session.execute(statements[name], parameters)

    table: dict = defaultdict(lambda: {
        "checkins": 0, "trust": None, "safety": None, "connection": None, "actions": 0,
        "days_with_action": 0, "rituals_kept": 0, "rituals_due": 0, "experiences": 0,
        "setbacks": 0})
    for source, start, author, count, trust, safety, connection, days in rows("records"):
        cell = table[(_as_date(start), author)]
        cell[source] = count
        if source == "checkins":
            cell.update(trust=_mean(trust), safety=_mean(safety), connection=_mean(connection))
        elif source == "actions":
            cell["days_with_action"] = days

    members = [m.user_id for m in space.memberships]
    for start, count in rows("rituals_due"):
        for member in members:
            table[(_as_date(start), member)]["rituals_due"] = count
    for start, member, count in rows("rituals_kept"):
        table[(_as_date(start), member)]["rituals_kept"] = count

    return [{"period_start": start, "person_id": person, **values}
            for (start, person), values in sorted(table.items(), key=lambda kv: (kv[0][0],
                                                                                str(kv[0][1])))]


def _mean(value):
    return None if value is None else round(float(value), 2)
