"""Does the reminder scheduler's claim stay cheap as rituals grow? (issue 8)

One PostgreSQL schema built by the real migrations, 2,500 couples with a phone each, and the
same 2,000 rituals due now (spread over distinct couples, so a batch fans out the same way),
measured twice: among 10,000 rituals, then among 1,000,000 (the rest due at some time in the
next day, added with INSERT ... SELECT generate_series). For each size it times one claim batch
(server.push.scheduler.claim_batch: the claim query, the occurrences, the next times, the
deliveries; 500 rituals) and the claim query alone, median of several runs each rolled back,
prints their ratio (target: at most 2x, the claim reads the next_fire_at index) and the claim
query's plan at the larger size.

    .venv/bin/python bench/scheduler_scale.py [--database-url postgresql+psycopg://…/kintsugi_bench]
        [--sizes 10000 1000000] [--runs 7]

The database's public schema is dropped and rebuilt: give a database of your own.
"""

import argparse
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from flask_migrate import upgrade  # noqa: E402
from helpers import insert_in_batches  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from server import create_app  # noqa: E402
from server.auth.models import User  # noqa: E402
from server.extensions import db  # noqa: E402
from server.push.models import PushSubscription  # noqa: E402
from server.push.scheduler import TickResult, claim_batch, due_rituals  # noqa: E402
from server.space.models import Membership, Space  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kintsugi_bench"
COUPLES = 2_500
DUE = 2_000   # rituals due now, the same at every size
BATCH = 500   # REMINDERS_BATCH_SIZE
CONFIG = {"ENV": "testing", "SECRET_KEY": "bench-scheduler-scale",
          "RATELIMIT_STORAGE_URI": "memory://", "REMINDERS_BATCH_SIZE": BATCH}

# Rituals numbered from :first to :last (generate_series), each in couple n % :couples. The
# first :due are due at :due_at (a minute's spread); the others at some second of the next day.
ADD_RITUALS = """
WITH given AS (SELECT CAST(:due_at AS timestamptz) AS due_at)
INSERT INTO rituals (id, space_id, author_id, title, activity, weekdays, local_time, time_zone,
                     partner_accepted_at, next_fire_at, version, occurred_at,
                     occurred_offset_minutes, received_at, updated_at, create_fingerprint)
SELECT gen_random_uuid(), c.space_id, c.author_id, 'Evening walk', 'walk',
       '[1, 2, 3, 4, 5, 6, 7]'::json, (f.fire AT TIME ZONE 'UTC')::time, 'UTC',
       due_at - interval '2 days', f.fire, 1, due_at - interval '3 days', 0,
       due_at - interval '3 days', due_at - interval '3 days', md5(g::text)
FROM given,
     generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g
JOIN bench_couples AS c ON c.n = g % CAST(:couples AS bigint)
CROSS JOIN LATERAL (SELECT CASE WHEN g < CAST(:due AS bigint)
    THEN (SELECT due_at FROM given) - make_interval(secs => (g % 60)::float8)
    ELSE (SELECT due_at FROM given) + make_interval(secs => (1 + (g * 7919) % 86400)::float8)
    END AS fire) AS f
"""


def fresh_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def add_couples(app) -> None:
    """COUPLES couples, one phone each, through the models (their defaults apply)."""
    users, spaces, members, phones = [], [], [], []
    for couple in range(COUPLES):
        space_id = uuid.uuid4()
        spaces.append({"id": space_id})
        for seat in (1, 2):
            user_id = uuid.uuid4()
            users.append({"id": user_id, "email": f"c{couple}s{seat}@bench.invalid",
                          "display_name": "P", "password_hash": "-"})
            members.append({"space_id": space_id, "user_id": user_id, "seat": seat})
            phones.append({"user_id": user_id, "device_label": "phone",
                           "endpoint": f"https://fcm.googleapis.com/fcm/send/c{couple}s{seat}",
                           "p256dh": "B" + "A" * 86, "auth": "A" * 22})
    with app.app_context():
        insert_in_batches(((User, users), (Space, spaces), (Membership, members),
                           (PushSubscription, phones)))
        db.session.execute(text(
            "CREATE TABLE bench_couples AS SELECT (row_number() OVER (ORDER BY space_id)) - 1 "
            "AS n, space_id, user_id AS author_id FROM memberships WHERE seat = 1"))
        db.session.commit()


def grow_to(app, have: int, size: int, due_at: datetime) -> None:
    with app.app_context():
        started = time.perf_counter()
        db.session.execute(text(ADD_RITUALS), {"first": have, "last": size - 1,
                                               "couples": COUPLES, "due": DUE,
                                               "due_at": due_at})
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")  # what autovacuum would have done
        print(f"  {size - have:,} rituals added in {time.perf_counter() - started:.1f} s")


def median_ms(app, step, runs: int) -> float:
    """Median wall time of `step()` in a transaction that is rolled back (so each run claims
    the same due rituals), after one warm-up."""
    times = []
    with app.app_context():
        for run in range(runs + 1):
            started = time.perf_counter()
            step()
            elapsed = time.perf_counter() - started
            db.session.rollback()
            if run:
                times.append(elapsed * 1000)
    return statistics.median(times)


def measure(app, now: datetime, runs: int) -> tuple[float, float]:
    def one_batch():
        result = TickResult()
        assert claim_batch(now, BATCH, result) == BATCH and result.deliveries == 2 * BATCH

    def claim_query():
        assert len(db.session.execute(due_rituals(now, BATCH)).all()) == BATCH

    return median_ms(app, one_batch, runs), median_ms(app, claim_query, runs)


def plan(app, now: datetime) -> str:
    with app.app_context(), db.engine.connect() as connection:
        query = due_rituals(now, BATCH).compile(dialect=connection.dialect)
        lines = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {query}",
                                           query.params).scalars().all()
        connection.rollback()
    return "\n".join(f"    {line}" for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL,
                        help="PostgreSQL database of your own (its schema is emptied!)")
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not args.database_url.startswith("postgresql"):
        parser.error("the claim's SKIP LOCKED and this data generator are PostgreSQL's")
    if make_url(args.database_url).database in ("test", "postgres"):
        parser.error("not the CI database nor the server's own: give one of your own")

    fresh_schema(args.database_url)
    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": args.database_url})
    with app.app_context():
        upgrade()
    due_at = datetime.now(UTC).replace(second=0, microsecond=0)
    now = due_at + timedelta(seconds=30)
    print(f"PostgreSQL, {COUPLES:,} couples with a phone each, {DUE:,} rituals due; "
          f"one claim batch = {BATCH} rituals, {2 * BATCH} deliveries; median of {args.runs}")
    add_couples(app)
    figures, have = {}, 0
    for size in sorted(args.sizes):
        grow_to(app, have, size, due_at)
        have = size
        figures[size] = measure(app, now, args.runs)
        print(f"{size:>11,} rituals: one claim batch {figures[size][0]:7.1f} ms, "
              f"claim query alone {figures[size][1]:6.2f} ms")
    small, large = (figures[size] for size in sorted(args.sizes))
    print(f"ratio {max(args.sizes):,} / {min(args.sizes):,}: claim batch "
          f"{large[0] / small[0]:.2f}x, claim query {large[1] / small[1]:.2f}x (target <= 2x)")
    print(f"plan of the claim query at {max(args.sizes):,} rituals:")
    print(plan(app, now))
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    main()
