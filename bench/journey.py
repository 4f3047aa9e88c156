"""The journey over years: how long the timeline and progress queries take on a full database.

Builds the schema with the real migrations, fills it with one measured couple (years of daily
life: check-ins with measures, actions, acknowledgements, journal entries, weekly rituals with
occurrences and marks, questions and answers, agreements with versions, consents and events,
experiences with reflections, setbacks, pauses) and thousands of other couples around it, then
times server.journey.timeline.page() and server.journey.progress.progress() as the measured
couple's partner, inside a request context, exactly as the views call them.

    .venv/bin/python bench/journey.py                      # both backends, issue sizes
    .venv/bin/python bench/journey.py --backend postgresql --reuse --explain

A benchmark, not a test: it prints figures and ratios against the target and never fails CI.
The PostgreSQL database (default bench_journey) is created if missing and its public schema is
dropped and rebuilt on every run unless --reuse finds the data already there.
"""

import argparse
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from zoneinfo import ZoneInfo

from flask_migrate import upgrade
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError

from server import create_app
from server.checkins.models import Checkin
from server.extensions import db

TARGET_MS = 200.0
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_journey"
HEALING_EMAIL = "journey-healing@bench.invalid"
REBUILDING_EMAIL = "journey-rebuilding@bench.invalid"
BENCH_CONFIG = {
    "ENV": "testing",
    "SECRET_KEY": "bench-journey-not-a-secret",
    "RATELIMIT_STORAGE_URI": "memory://",
}
# Not a real hash (nobody signs in here), but as long as one, so rows are their real width.
PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$" + "c2FsdHNhbHRzYWx0c2FsdA" + "$" + "h" * 43
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles",
         "America/Sao_Paulo", "Australia/Sydney", "Asia/Tokyo", "Africa/Johannesburg", "UTC")
FEELINGS = ("anger", "grief", "confusion", "fear", "numbness", "shame", "hope", "calm",
            "gratitude", "love", "sadness", "anxiety", "loneliness", "relief", "jealousy",
            "overwhelm", "tenderness", "betrayal", "guilt", "exhaustion")
ACTION_CATEGORIES = ("transparency", "kept_promise", "proactive_checkin", "repair", "care", None)
AGREEMENT_CATEGORIES = ("communication", "transparency", "devices_social_media",
                        "time_whereabouts", "contact_third_person", "intimacy", "other")
WORDS = ("I noticed you came home when you said you would and it meant more than you know.",
         "Today was heavy. The memories came back in the car and I could not stop them.",
         "Thank you for telling me before I had to ask.",
         "I want us to keep going, even on the days when it feels impossible.",
         "Please just sit with me tonight; I do not need answers, only you.",
         "Showed my phone without being asked and told her about the message from work.",
         "We walked along the river and talked about the first year, gently this time.",
         "I am scared that I will never feel safe again, and also a little hopeful.",
         "Called at lunch to say where I was and when I would be back.")


# --- Data generation ------------------------------------------------------------------------

class Sink:
    """Rows per table, written with executemany in dependency order once enough are waiting, so
    a child row never reaches the database before its parent."""

    def __init__(self, connection, chunk: int):
        self.connection = connection
        self.chunk = chunk
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.waiting = 0
        self.counts: dict[str, int] = defaultdict(int)
        self.writing = 0.0  # seconds spent in executemany and commit

    def add(self, table: str, row: dict) -> None:
        self.rows[table].append(row)
        self.waiting += 1

    def maybe_flush(self) -> None:
        if self.waiting >= self.chunk:
            self.flush()

    def flush(self) -> None:
        began = time.perf_counter()
        for table in db.metadata.sorted_tables:
            rows = self.rows.pop(table.name, None)
            if rows:
                self.connection.execute(table.insert(), rows)
                self.counts[table.name] += len(rows)
        self.connection.commit()
        self.waiting = 0
        self.writing += time.perf_counter() - began


class Couple:
    """One couple's life from `start` to `end`. `level` is the share of days they use the app
    (1 = the measured couple, every day); rituals and agreements scale with it too."""

    def __init__(self, sink: Sink, rng: random.Random, number: int, start: date, end: date,
                 level: float, zone: str, names=("Ana", "Ben"), emails=None):
        self.sink, self.rng, self.level = sink, rng, level
        self.start, self.end = start, end
        self.zone_name, self.zone = zone, ZoneInfo(zone)
        self.space = self.uid()
        self.healing, self.rebuilding = self.uid(), self.uid()
        emails = emails or (f"c{number}-healing@bench.invalid",
                            f"c{number}-rebuilding@bench.invalid")
        created, _ = self.moment(start, 20 * 60)
        for person, email, name in zip((self.healing, self.rebuilding), emails, names,
                                       strict=True):
            sink.add("users", {"id": person, "email": email, "display_name": name,
                               "password_hash": PASSWORD_HASH, "created_at": created})
        sink.add("spaces", {"id": self.space, "created_at": created, "ended_at": None})
        for seat, (person, role) in enumerate(((self.healing, "healing"),
                                               (self.rebuilding, "rebuilding")), start=1):
            discovery = start - timedelta(days=rng.randint(5, 60)) if seat == 1 else None
            sink.add("memberships", {"id": self.uid(), "space_id": self.space,
                                     "user_id": person, "seat": seat, "role": role,
                                     "joined_at": created, "left_at": None,
                                     "discovery_date": discovery})

    # helpers

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def fingerprint(self) -> str:
        return f"{self.rng.getrandbits(256):064x}"

    def moment(self, day: date, minutes: float) -> tuple[datetime, int]:
        """UTC instant and the phone's UTC offset (minutes) of a local wall time on `day`."""
        local = (datetime.combine(day, wall_time()) + timedelta(minutes=minutes)).replace(
            tzinfo=self.zone)
        return local.astimezone(UTC), int(local.utcoffset().total_seconds() // 60)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def record(self, table: str, author, day: date, clock: float, shared=True, **fields):
        """A record with the common columns, made at `clock` minutes after local midnight."""
        at, offset = self.moment(day, clock)
        received = at + timedelta(seconds=self.rng.randint(1, 90))
        row = {"id": self.uid(), "version": 1, "occurred_at": at,
               "occurred_offset_minutes": offset, "received_at": received,
               "updated_at": received, "create_fingerprint": self.fingerprint(),
               "withdrawn_at": received + timedelta(hours=2) if self.chance(0.01) else None,
               "author_id": author, **fields}
        if shared:
            row["space_id"] = self.space
        self.sink.add(table, row)
        return row

    def acknowledge(self, kind: str, record: dict, by) -> None:
        self.sink.add("acknowledgements", {
            "id": self.uid(), "record_kind": kind, "record_id": record["id"],
            "space_id": self.space, "author_id": by,
            "words": self.rng.choice(WORDS) if self.chance(0.3) else None,
            "created_at": record["occurred_at"] + timedelta(minutes=self.rng.randint(5, 900))})

    def partner(self, person):
        return self.rebuilding if person == self.healing else self.healing

    # the life

    def live(self) -> None:
        span = max((self.end - self.start).days, 1)
        self.agreements(span)
        self.rituals()
        day, random_ = self.start, self.rng.random
        while day <= self.end:
            # `level` is the share of days they open the app; on those days they use it fully.
            if self.level >= 1 or random_() < self.level:
                self.day(day, (day - self.start).days / span)
            day += timedelta(days=1)

    def day(self, day: date, f: float) -> None:
        rng, chance = self.rng, self.chance
        for person in (self.healing, self.rebuilding):
            if chance(0.85):
                self.checkin(person, day, f)
            if chance(0.35):
                self.record("journal_entries", person, day, rng.uniform(6 * 60, 23 * 60),
                            shared=False, prompt=rng.choice((None, "gratitude", "trigger")),
                            text=rng.choice(WORDS) + " " + rng.choice(WORDS))
        if chance(0.85):
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                self.action(self.rebuilding, day)
        if chance(0.25):
            self.action(self.healing, day)
        if chance(1 / 7):
            self.experience(day)
        if chance(0.07 * (1.3 - f)):
            self.record("setbacks", rng.choice((self.healing, self.rebuilding)), day,
                        rng.uniform(8 * 60, 23 * 60), what_happened=rng.choice(WORDS),
                        how_it_felt=rng.choice(WORDS))
        if chance(0.03):
            pause = self.record("pauses", rng.choice((self.healing, self.rebuilding)), day,
                                rng.uniform(18 * 60, 23 * 60), minutes=rng.choice((20, 30, 60)),
                                note=rng.choice((None, "I need a moment, I am coming back.")),
                                ended_at=None, ended_by_id=None)
            pause["ended_at"] = pause["occurred_at"] + timedelta(minutes=pause["minutes"])
        if chance(0.5 if f < 0.15 else 0.05):
            self.question(day)

    def checkin(self, person, day: date, f: float) -> None:
        rng = self.rng
        base = 2 + 5 * f  # trust, safety and connection grow over the years, unevenly

        def measure():
            return max(0, min(10, round(rng.gauss(base, 1.8))))
        row = self.record(
            "checkins", person, day, rng.gauss(21 * 60, 60),
            feelings=rng.sample(FEELINGS, rng.randint(1, 4)), intensity=rng.randint(2, 9),
            trust=measure(), safety=measure(), connection=measure(),
            want_you_to_know=rng.choice(WORDS) if self.chance(0.6) else None,
            need_from_you=rng.choice(WORDS) if self.chance(0.3) else None)
        if self.chance(0.45):
            self.acknowledge("checkin", row, self.partner(person))

    def action(self, person, day: date) -> None:
        row = self.record("actions", person, day, self.rng.uniform(7 * 60, 22 * 60),
                          what=self.rng.choice(WORDS), category=self.rng.choice(ACTION_CATEGORIES))
        if self.chance(0.5):
            self.acknowledge("action", row, self.partner(person))

    def experience(self, day: date) -> None:
        rng = self.rng
        row = self.record("experiences", rng.choice((self.healing, self.rebuilding)), day,
                          rng.uniform(10 * 60, 21 * 60), title="A walk to the old bridge",
                          what_we_did=rng.choice(WORDS),
                          idea_id=rng.choice((None, "walk-new-place", "cook-together")))
        for person in (self.healing, self.rebuilding):
            if self.chance(0.7):
                at = row["occurred_at"] + timedelta(hours=rng.randint(1, 30))
                self.sink.add("experience_reflections", {
                    "id": self.uid(), "experience_id": row["id"], "author_id": person,
                    "text": rng.choice(WORDS), "joy": rng.randint(1, 5), "version": 1,
                    "created_at": at, "updated_at": at})

    def question(self, day: date) -> None:
        rng = self.rng
        asker = self.healing if self.chance(0.8) else self.rebuilding
        answered = self.chance(0.85)
        row = self.record("questions", asker, day, rng.uniform(9 * 60, 23 * 60),
                          text=rng.choice(WORDS),
                          state="answered" if answered else rng.choice(("open", "needs_time")),
                          needs_time_until=None, follow_up=None,
                          asker_response=rng.choice((None, "helped", "still_questions")))
        if not answered:
            return
        at = row["occurred_at"]
        for number in range(1, 2 + (self.chance(0.2))):
            at += timedelta(hours=rng.randint(2, 96))
            self.sink.add("answers", {"id": self.uid(), "question_id": row["id"],
                                      "author_id": self.partner(asker), "number": number,
                                      "text": rng.choice(WORDS) + " " + rng.choice(WORDS),
                                      "created_at": at})

    def agreements(self, span: int) -> None:
        """A few at the start, then one every couple of months; versions need both consents."""
        rng = self.rng
        days = [rng.randint(0, 30) for _ in range(max(1, round(6 * self.level)))]
        days += [rng.randint(30, span) for _ in range(round(span / 60 * self.level))]
        self.agreement_ids = []
        for offset in sorted(days):
            day = self.start + timedelta(days=min(offset, span))
            proposer = rng.choice((self.healing, self.rebuilding))
            other = self.partner(proposer)
            row = self.record("agreements", proposer, day, rng.uniform(18 * 60, 22 * 60),
                              paused_at=None, paused_by_id=None, pause_reason=None,
                              retired_at=None)
            self.agreement_ids.append(row["id"])
            at = row["occurred_at"]
            for number in range(1, 1 + rng.choice((1, 1, 2, 3))):
                version_id = row["id"] if number == 1 else self.uid()
                who = proposer if number == 1 else rng.choice((proposer, other))
                self.sink.add("agreement_versions", {
                    "id": version_id, "agreement_id": row["id"], "number": number,
                    "title": "No contact with the third person",
                    "terms": rng.choice(WORDS), "why": rng.choice(WORDS),
                    "category": rng.choice(AGREEMENT_CATEGORIES),
                    "review_on": day + timedelta(days=rng.choice((90, 180, 365))),
                    "proposed_by_id": who, "proposed_at": at,
                    "create_fingerprint": self.fingerprint()})
                self.agreement_step(row, who, "proposed" if number == 1 else "change_proposed",
                                    number, at)
                self.consent(version_id, who, at)
                at += timedelta(hours=rng.randint(1, 72))
                self.consent(version_id, self.partner(who), at)
                self.agreement_step(row, self.partner(who),
                                    "accepted" if number == 1 else "change_accepted", number, at)
                at += timedelta(days=rng.randint(20, 200))
                if at.date() > self.end:
                    break
            if self.chance(0.1) and at.date() <= self.end:
                self.agreement_step(row, other, "consent_withdrawn", None, at,
                                    reason="I need us to talk about this again.")
                row.update(paused_at=at, paused_by_id=other,
                           pause_reason="I need us to talk about this again.")

    def consent(self, version_id, person, at: datetime) -> None:
        self.sink.add("agreement_consents", {"id": self.uid(), "version_id": version_id,
                                             "user_id": person, "at": at})

    def agreement_step(self, agreement, actor, step, number, at, reason=None) -> None:
        self.sink.add("agreement_events", {
            "id": self.uid(), "agreement_id": agreement["id"], "space_id": self.space,
            "actor_id": actor, "step": step, "version_number": number, "reason": reason,
            "at": at})

    def rituals(self) -> None:
        """Weekly rituals, each occurrence recorded, marked done or skipped by each partner."""
        rng = self.rng
        if self.level >= 1:
            plans = [((7,), 10 * 60 + 30, 0, "talk"), ((3,), 19 * 60, 14, "walk"),
                     ((1, 4), 21 * 60, 120, "checkin")]
        else:
            # Most other couples try a ritual for a while; some keep one for years.
            plans = [(tuple(sorted(rng.sample(range(1, 8), rng.choice((1, 1, 2))))),
                      rng.choice((9, 10, 19, 21)) * 60, rng.randint(0, 60), "talk")
                     for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        for weekdays, minutes, after_days, activity in plans:
            first = self.start + timedelta(days=after_days)
            if first > self.end:
                continue
            last = self.end if self.level >= 1 else min(
                self.end, first + timedelta(weeks=rng.randint(4, 80)))
            row = self.record("rituals", rng.choice((self.healing, self.rebuilding)), first,
                              rng.uniform(18 * 60, 22 * 60), title=f"Our {activity}",
                              activity=activity,
                              weekdays=list(weekdays),
                              local_time=wall_time(minutes // 60, minutes % 60),
                              time_zone=self.zone_name,
                              agreement_id=rng.choice(self.agreement_ids)
                              if self.agreement_ids and self.chance(0.3) else None,
                              partner_accepted_at=None, paused_at=None, next_fire_at=None)
            row["partner_accepted_at"] = row["occurred_at"] + timedelta(hours=5)
            row["withdrawn_at"] = None  # rituals are not withdrawn alone
            keep = min(0.92, 0.55 + 0.4 * self.level)
            day = first + timedelta(days=1)
            due = None
            while day <= last:
                if day.isoweekday() in weekdays:
                    due, _ = self.moment(day, minutes)
                    occurrence = self.uid()
                    self.sink.add("ritual_occurrences", {
                        "id": occurrence, "ritual_id": row["id"], "space_id": self.space,
                        "local_date": day, "due_at": due, "reminder": "sent",
                        "created_at": due - timedelta(minutes=30)})
                    for person in (self.healing, self.rebuilding):
                        roll = rng.random()
                        if roll < keep + 0.1:
                            self.sink.add("ritual_occurrence_marks", {
                                "occurrence_id": occurrence, "user_id": person,
                                "status": "done" if roll < keep else "skipped",
                                "at": due + timedelta(minutes=rng.randint(20, 600))})
                day += timedelta(days=1)
            if last < self.end:
                row["paused_at"] = due or row["partner_accepted_at"]
            elif due is not None:
                row["next_fire_at"] = due + timedelta(days=7)


def generate(connection, couples: int, years: float, seed: int, chunk: int) -> dict[str, int]:
    rng = random.Random(seed)
    end = datetime.now(UTC).date() - timedelta(days=1)
    start = end - timedelta(days=round(years * 365.25))
    sink = Sink(connection, chunk)
    Couple(sink, rng, 0, start, end, 1.0, "Europe/Berlin",
           emails=(HEALING_EMAIL, REBUILDING_EMAIL)).live()
    sink.flush()
    span = (end - start).days
    began = time.perf_counter()
    for number in range(1, couples + 1):
        # Others joined at any time in the window and record less (some a lot, most a little).
        first = start + timedelta(days=rng.randint(0, max(span - 30, 0)))
        level = rng.choice((0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.2))
        Couple(sink, rng, number, first, end, level, rng.choice(ZONES),
               names=(f"P{number}a", f"P{number}b")).live()
        sink.maybe_flush()
        if number % 1000 == 0:
            rows = sum(sink.counts.values())
            took = time.perf_counter() - began
            print(f"  {number:>6} couples, {rows:>10,} rows, {rows / took:,.0f} rows/s "
                  f"({sink.writing / took:.0%} of the time writing)", flush=True)
    sink.flush()
    return dict(sink.counts)


# --- Databases --------------------------------------------------------------------------------

def prepare_postgres(url: str) -> None:
    """Create the bench database if missing, then empty its schema (never another database)."""
    name = make_url(url).database
    if not name or not name.startswith("bench"):
        sys.exit(f"refusing to reset database {name!r}: its name must start with 'bench'")
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                   {"name": name})
        if not exists:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def has_data(app, couples: int) -> bool:
    with app.app_context():
        try:
            users = db.session.scalar(text("SELECT count(*) FROM users"))
        except DatabaseError:  # no schema yet
            db.session.rollback()
            return False
        finally:
            db.session.remove()
        return users == 2 * (couples + 1)


def analyze(app) -> None:
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            # What autovacuum would have done on a live database: statistics and visibility map.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM (ANALYZE)")
        else:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        db.engine.dispose()


def row_counts(app) -> dict[str, int]:
    with app.app_context():
        with db.engine.connect() as conn:
            counts = {t.name: conn.scalar(select(func.count()).select_from(t))
                      for t in db.metadata.sorted_tables}
        db.engine.dispose()
    return counts


def database_size(app, sqlite_file: Path | None) -> str:
    if sqlite_file is not None:
        return f"{sqlite_file.stat().st_size / 2**20:,.0f} MB"
    with app.app_context():
        with db.engine.connect() as conn:
            size = conn.scalar(text("SELECT pg_database_size(current_database())"))
        db.engine.dispose()
    return f"{size / 2**20:,.0f} MB"


# --- Timing -----------------------------------------------------------------------------------

class Statements:
    """Every SQL statement a call sends, with its parameters and its own time."""

    def __init__(self, engine):
        self.on = False
        self.seen: list[tuple[float, str, object]] = []
        event.listen(engine, "before_cursor_execute", self.before)
        event.listen(engine, "after_cursor_execute", self.after)

    def before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def after(self, conn, cursor, statement, parameters, context, executemany):
        if self.on:
            took = (time.perf_counter() - conn.info.pop("bench_started")) * 1000
            self.seen.append((took, statement, parameters))


def measured_people(app):
    from server.auth.models import User
    from server.space.models import Membership

    with app.app_context():
        healing = db.session.scalar(select(User.id).where(User.email == HEALING_EMAIL))
        space_id = db.session.scalar(select(Membership.space_id)
                                     .where(Membership.user_id == healing))
        first, last = db.session.execute(
            select(func.min(Checkin.occurred_at), func.max(Checkin.occurred_at))
            .where(Checkin.space_id == space_id)).one()
        db.session.remove()
    return healing, first, last


def cases(app, person_id, first: datetime, last: datetime) -> list[tuple[str, object]]:
    """(label, call) pairs; each call runs inside a fresh request context as the person."""
    from server.journey import progress, timeline
    from server.records import pagination
    from server.space.services import current_space

    with app.app_context():
        deep_day = last - timedelta(days=900)
        record = db.session.execute(
            select(Checkin.occurred_at, Checkin.id)
            .where(Checkin.author_id == person_id, Checkin.occurred_at <= deep_day)
            .order_by(Checkin.occurred_at.desc()).limit(1)).one()
        db.session.remove()
    deep_cursor = pagination.encode(record.occurred_at, record.id)
    year_ago = (last - timedelta(days=365)).replace(hour=0, minute=0, second=0, microsecond=0)
    since = first.replace(hour=0, minute=0, second=0, microsecond=0)
    until = last + timedelta(days=1)
    deep_label = f"timeline, page at {record.occurred_at:%Y-%m-%d} via cursor"
    return [
        ("timeline, first page (30)", lambda user: timeline.page(user, {"limit": 30})),
        (deep_label, lambda user: timeline.page(user, {"limit": 30, "cursor": deep_cursor})),
        (f"timeline, from/to {year_ago:%Y-%m-%d} +30 days",
         lambda user: timeline.page(user, {"limit": 30, "since": year_ago,
                                           "until": year_ago + timedelta(days=30)})),
        (f"progress week, {since:%Y-%m-%d}..{until:%Y-%m-%d}",
         lambda user: progress.progress(current_space(user), {"period": "week", "since": since,
                                                              "until": until})),
        ("progress month, same range",
         lambda user: progress.progress(current_space(user), {"period": "month", "since": since,
                                                              "until": until})),
    ]


def size_of(result) -> int:
    return len(result[0]) if isinstance(result, tuple) else len(result)


def run_once(app, person_id, call, statements=None):
    from server.auth.models import User

    with app.test_request_context("/api/journey"):
        user = db.session.get(User, person_id)
        if statements is not None:
            statements.seen.clear()
            statements.on = True
        began = time.perf_counter()
        result = call(user)
        took = (time.perf_counter() - began) * 1000
        if statements is not None:
            statements.on = False
    return took, size_of(result)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def explain(app, statement: str, parameters) -> list[str]:
    """PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN (it has no ANALYZE)."""
    with app.app_context(), db.engine.connect() as conn:
        if db.engine.dialect.name == "postgresql":
            prefix = "EXPLAIN (ANALYZE, BUFFERS) "
            lines = [row[0] for row in conn.exec_driver_sql(prefix + statement, parameters)]
        else:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            lines = [f"{row[1]:>4} {row[3]}" for row in rows]
        conn.rollback()
    return lines


def plan_summary(lines: list[str]) -> list[str]:
    """The lines that tell why a plan is slow: whole-table reads, filters applied after a join,
    and filters that threw away at least 10,000 rows."""
    keys = ("Seq Scan", "Hash Join", "Join Filter:", "Execution Time", "SCAN ")

    def telling(line: str) -> bool:
        removed = re.search(r"Rows Removed by .*: (\d+)", line)
        return int(removed.group(1)) >= 10_000 if removed else any(k in line for k in keys)
    return [re.sub(r"  \(cost=[^)]*\)", "", line) for line in lines if telling(line)]


def measure(app, runs: int, warmup: int, force_explain: bool) -> list[dict]:
    person_id, first, last = measured_people(app)
    with app.app_context():
        statements = Statements(db.engine)
    load = os.getloadavg()[0]
    print(f"\n  timing as the healing partner: {warmup} warm-up + {runs} runs per query; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs")
    results = []
    for label, call in cases(app, person_id, first, last):
        for _ in range(warmup):
            run_once(app, person_id, call)
        times, items = [], 0
        for _ in range(runs):
            took, items = run_once(app, person_id, call)
            times.append(took)
        run_once(app, person_id, call, statements)
        slowest = sorted(statements.seen, key=lambda s: s[0], reverse=True)
        results.append({"label": label, "median": statistics.median(times),
                        "p95": percentile(times, 0.95), "items": items,
                        "statements": len(slowest), "slowest": slowest})
    print_results(results)
    full_plan_shown = False
    for result in results:
        if result["p95"] < TARGET_MS and not force_explain:
            continue
        print(f"\n  {result['label']}: {result['statements']} SQL statements, slowest first")
        for took, statement, _ in result["slowest"][:3]:
            print(f"    {took:8.1f} ms  {' '.join(statement.split())[:100]}...")
        took, statement, parameters = result["slowest"][0]
        lines = explain(app, statement, parameters)
        # One full plan per backend (PostgreSQL's, with times), then only the telling lines.
        postgres = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
        if force_explain or (postgres and not full_plan_shown):
            print("    its plan:")
            full_plan_shown = True
        else:
            print("    its plan, the lines that matter (whole-table reads, filters after joins; "
                  "--explain for all):")
            lines = plan_summary(lines)
        print("\n".join("      " + line for line in lines))
    return results


def print_results(results: list[dict]) -> None:
    print(f"\n  {'query':<52} {'median':>9} {'p95':>9} {'p95/target':>10} {'rows':>5}  "
          f"result (target {TARGET_MS:.0f} ms at p95)")
    for r in results:
        verdict = "pass" if r["p95"] < TARGET_MS else "FAIL"
        print(f"  {r['label']:<52} {r['median']:7.1f}ms {r['p95']:7.1f}ms "
              f"{r['p95'] / TARGET_MS:9.2f}x {r['items']:>5}  {verdict}")


# --- Main -------------------------------------------------------------------------------------

def bench_backend(backend: str, args, workdir: Path) -> list[dict]:
    sqlite_file = None
    if backend == "postgresql":
        url = args.pg_url
    else:
        sqlite_file = Path(args.sqlite_file) if args.sqlite_file else workdir / "journey.sqlite3"
        url = f"sqlite:///{sqlite_file}"
    app = create_app({**BENCH_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    title = "PostgreSQL" if backend == "postgresql" else "SQLite"
    print(f"\n=== {title}: {url}")
    if args.reuse and has_data(app, args.couples):
        print("  reusing the data already there (--reuse)")
        generated = None
    else:
        if backend == "postgresql":
            prepare_postgres(url)
        elif sqlite_file.exists():
            for path in sqlite_file.parent.glob(sqlite_file.name + "*"):
                path.unlink()
        began = time.perf_counter()
        with app.app_context():
            upgrade()
            print(f"  schema by migrations in {time.perf_counter() - began:.1f} s; generating "
                  f"1 couple over {args.years} years + {args.couples:,} others", flush=True)
            began = time.perf_counter()
            with db.engine.connect() as connection:
                if backend == "postgresql":
                    # Bulk load: the rows are consistent by construction, so skip the per-row
                    # foreign-key triggers (the constraints stay; the data is the same).
                    connection.exec_driver_sql("SET session_replication_role = replica")
                else:
                    # Random UUID keys touch index pages all over the file: give the loading
                    # connection a 256 MB page cache instead of the default 2 MB.
                    connection.exec_driver_sql("PRAGMA cache_size = -262144")
                generate(connection, args.couples, args.years, args.seed, args.chunk)
            db.engine.dispose()
        generated = time.perf_counter() - began
        began = time.perf_counter()
        analyze(app)
        print(f"  generated in {generated:.1f} s, "
              f"{'VACUUM ANALYZE' if backend == 'postgresql' else 'ANALYZE'} in "
              f"{time.perf_counter() - began:.1f} s")
    counts = row_counts(app)
    total = sum(counts.values())
    rate = f", loaded at {total / generated:,.0f} rows/s" if generated else ""
    print(f"  {total:,} rows, database {database_size(app, sqlite_file)}{rate}:")
    listed = sorted(((n, c) for n, c in counts.items() if c), key=lambda kv: -kv[1])
    for i in range(0, len(listed), 3):
        print("   " + "".join(f"  {name:<24}{count:>10,}" for name, count in listed[i:i + 3]))
    results = measure(app, args.runs, args.warmup, args.explain)
    with app.app_context():
        db.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--couples", type=int, default=10_000,
                        help="other couples around the measured one (default 10000)")
    parser.add_argument("--years", type=float, default=3, help="years of data (default 3)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--chunk", type=int, default=50_000,
                        help="rows waiting before an executemany round (default 50000)")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL,
                        help="its database name must start with 'bench' (it is emptied)")
    parser.add_argument("--sqlite-file", help="keep the SQLite database here (default: a "
                        "temporary directory, removed at the end)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep data from an earlier run with the same --couples")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of every query's slowest statement, not only misses")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    summary = {}
    with tempfile.TemporaryDirectory(prefix="bench-journey-") as workdir:
        for backend in backends:
            summary[backend] = bench_backend(backend, args, Path(workdir))
    if len(summary) == 2:
        print(f"\n  {'query (p95)':<52} {'SQLite':>9} {'Postgres':>9} {'PG/SQLite':>9}")
        for lite, pg in zip(summary["sqlite"], summary["postgresql"], strict=True):
            print(f"  {pg['label']:<52} {lite['p95']:7.1f}ms {pg['p95']:7.1f}ms "
                  f"{pg['p95'] / lite['p95']:8.2f}x")
    misses = sum(r["p95"] >= TARGET_MS for rs in summary.values() for r in rs)
    print(f"\n  {misses} of {sum(len(rs) for rs in summary.values())} queries over "
          f"{TARGET_MS:.0f} ms at p95")


if __name__ == "__main__":
    main()
