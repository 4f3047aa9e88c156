"""Reminder workers as separate processes on PostgreSQL (issue 5, Acceptance): two workers in
parallel over 1,000 due rituals, and a worker killed with SIGKILL in the middle of a batch.

FOR UPDATE SKIP LOCKED is PostgreSQL's, so these tests always run on PostgreSQL, whatever
TEST_DATABASE_URL says: a database of their own (created here, dropped afterwards) on the
server every project machine and CI has at 127.0.0.1:5432 (PUSH_TEST_POSTGRES_URL overrides), or
on a private cluster the postgres_server_url fixture starts where there is none. They never skip.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import faults
import pytest
from fake_push import FakePushService
from helpers import due_ritual_row
from sqlalchemy import insert, text

from server import create_app
from server.auth.models import User
from server.extensions import db
from server.push.models import PushSubscription
from server.rituals.models import Ritual
from server.space.models import Membership, Space

ROOT = Path(__file__).resolve().parent.parent
VAPID_SUBJECT = "mailto:reminders@kintsugi.example"
TEST_CONFIG = {"ENV": "testing", "SECRET_KEY": "worker-test-secret-key"}


@pytest.fixture(scope="module")
def worker_database(postgres_server_url):
    """A PostgreSQL database for this run only, built by the migrations."""
    with faults.postgres_database(postgres_server_url, "push_workers") as url:
        yield url


@pytest.fixture
def worker_app(worker_database):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": worker_database,
                      "VAPID_SUBJECT": VAPID_SUBJECT})
    yield app
    with app.app_context():
        db.session.remove()
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} CASCADE"))
        db.engine.dispose()


@pytest.fixture
def fake_push(worker_app):
    with FakePushService(expected_key=worker_app.config["VAPID_PUBLIC_KEY"]) as service:
        yield service
    assert service.errors == []


def populate(app, fake, rituals: int, due: datetime, per_couple: int = 4) -> int:
    """Couples with one phone each and `per_couple` daily rituals due at `due` (UTC wall time,
    so `due` is exactly their schedule). Returns the deliveries expected."""
    users, spaces, members, subs, rows = [], [], [], [], []
    for couple in range(rituals // per_couple):
        space_id = uuid.uuid4()
        spaces.append({"id": space_id})
        pair = []
        for seat in (1, 2):
            user_id = uuid.uuid4()
            pair.append(user_id)
            users.append({"id": user_id, "email": f"p{couple}-{seat}@example.org",
                          "display_name": f"P{seat}", "password_hash": "-"})
            members.append({"space_id": space_id, "user_id": user_id, "seat": seat})
            subscription = fake.subscription()
            subs.append({"user_id": user_id, "endpoint": subscription["endpoint"],
                         "p256dh": subscription["keys"]["p256dh"],
                         "auth": subscription["keys"]["auth"], "device_label": "phone"})
        for _ in range(per_couple):
            rows.append(due_ritual_row(space_id, pair[0], due))
    with app.app_context():
        for model, values in ((User, users), (Space, spaces), (Membership, members),
                              (PushSubscription, subs), (Ritual, rows)):
            db.session.execute(insert(model), values)
        db.session.commit()
    return len(rows) * 2


def start_worker(app, command: list[str], **settings) -> subprocess.Popen:
    env = {**os.environ, "KINTSUGI_ENV": "testing", "SECRET_KEY": "worker-test-secret",
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "VAPID_PRIVATE_KEY": app.config["VAPID_PRIVATE_KEY"], "VAPID_SUBJECT": VAPID_SUBJECT,
           "PUSH_EXTRA_ALLOWED_HOSTS": "127.0.0.1", "PUSH_TIMEOUT_SECONDS": "10",
           **{name: str(value) for name, value in settings.items()}}
    if "HOLD_EACH_BATCH_SECONDS" in settings:  # the production app, each batch held open
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    app_module = "held_worker" if "HOLD_EACH_BATCH_SECONDS" in settings else "server"
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", app_module, "reminders",
                             *command], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def claimed_in(output: str) -> int:
    return sum(int(line.split("claimed ")[1].split()[0]) for line in output.splitlines()
               if " claimed " in line and line.rstrip().endswith(" rituals"))


def counts(app) -> dict:
    with app.app_context(), db.engine.connect() as connection:
        def one(sql):
            return connection.execute(text(sql)).scalar()
        return {
            "occurrences": one("SELECT count(*) FROM ritual_occurrences"),
            "occurrence_days": one("SELECT count(DISTINCT (ritual_id, local_date)) "
                                   "FROM ritual_occurrences"),
            "reminded": one("SELECT count(*) FROM ritual_occurrences WHERE reminder = 'sent'"),
            "deliveries": one("SELECT count(*) FROM push_deliveries"),
            "distinct_deliveries": one("SELECT count(DISTINCT (occurrence_id, subscription_id)) "
                                       "FROM push_deliveries"),
            "sent": one("SELECT count(*) FROM push_deliveries WHERE status = 'sent'"),
            "attempts": one("SELECT coalesce(sum(attempts), 0) FROM push_deliveries"),
            "still_due": one("SELECT count(*) FROM rituals WHERE next_fire_at <= now()"),
        }


def pushes(fake) -> tuple[int, int]:
    """(requests received, distinct device+occurrence among them)."""
    keys = {(r.token, r.message["notification"]["tag"]) for r in fake.received}
    return len(fake.received), len(keys)


def recent_minute() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)


def test_two_workers_in_parallel_send_each_of_1000_reminders_once(worker_app, fake_push):
    due = recent_minute()
    expected = populate(worker_app, fake_push, 1000, due)
    now = (due + timedelta(seconds=20)).isoformat()
    workers = [start_worker(worker_app, ["tick", "--now", now], REMINDERS_BATCH_SIZE=50,
                            HOLD_EACH_BATCH_SECONDS=0.05) for _ in range(2)]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    claimed = [claimed_in(output) for output in outputs]
    assert sum(claimed) == 1000, outputs
    assert min(claimed) > 0, f"both workers should have claimed some: {claimed}"
    assert counts(worker_app) == {
        "occurrences": 1000, "occurrence_days": 1000, "reminded": 1000,    # 0 missing, 0 twice
        "deliveries": expected, "distinct_deliveries": expected, "sent": expected,
        "attempts": expected,                                              # each sent once
        "still_due": 0,
    }
    assert pushes(fake_push) == (expected, expected)


def kill_while_holding(app, batch: int) -> None:
    """Start a worker that holds each batch open for 2 s and SIGKILL it inside `batch`."""
    victim = start_worker(app, ["tick"], REMINDERS_BATCH_SIZE=100,
                          HOLD_EACH_BATCH_SECONDS=2, PUSH_LEASE_SECONDS=2)
    held = 0
    deadline = time.monotonic() + 60
    for line in victim.stdout:
        if "holding the batch" in line:
            held += 1
            if held == batch:
                victim.send_signal(signal.SIGKILL)
                break
        assert time.monotonic() < deadline, f"the worker never reached batch {batch}"
    assert victim.wait(timeout=30) == -signal.SIGKILL


def restart_until_sent(app, expected: int) -> None:
    """The Procfile's worker (`reminders run`), until everything is sent; then SIGTERM."""
    restarted = start_worker(app, ["run"], REMINDERS_TICK_SECONDS=1, REMINDERS_POLL_SECONDS=0.5)
    try:
        deadline = time.monotonic() + 60
        while counts(app)["sent"] < expected and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        restarted.send_signal(signal.SIGTERM)
        output = restarted.communicate(timeout=30)[0]
    assert restarted.returncode == 0, output
    assert "reminder worker stopped" in output


def test_a_worker_killed_in_its_first_batch_loses_and_repeats_nothing(worker_app, fake_push):
    due = recent_minute()
    expected = populate(worker_app, fake_push, 400, due)
    kill_while_holding(worker_app, batch=1)
    # Nothing of the batch remains: its transaction died with the worker, its rows unlocked.
    assert counts(worker_app)["occurrences"] == counts(worker_app)["deliveries"] == 0
    assert fake_push.received == []
    restart_until_sent(worker_app, expected)
    assert counts(worker_app) == {
        "occurrences": 400, "occurrence_days": 400, "reminded": 400,      # 0 lost
        "deliveries": expected, "distinct_deliveries": expected, "sent": expected,
        "attempts": expected,                                             # each sent once
        "still_due": 0,
    }
    assert pushes(fake_push) == (expected, expected)                      # 0 duplicated


def test_a_worker_killed_later_in_its_tick_loses_nothing(worker_app, fake_push):
    """Killed while holding its third batch: the first two are committed (occurrences and
    deliveries) and the worker was already sending them. Nothing is lost and nothing recorded
    twice; a push the dead worker had sent but not yet written down is sent once more when its
    lease runs out (the same tag, so the phone replaces it) — and only such a push."""
    due = recent_minute()
    expected = populate(worker_app, fake_push, 400, due)
    kill_while_holding(worker_app, batch=3)
    after_kill = counts(worker_app)
    assert (after_kill["occurrences"], after_kill["deliveries"]) == (200, 400)
    restart_until_sent(worker_app, expected)
    assert counts(worker_app) | {"attempts": None} == {
        "occurrences": 400, "occurrence_days": 400, "reminded": 400,      # 0 lost
        "deliveries": expected, "distinct_deliveries": expected, "sent": expected,
        "attempts": None, "still_due": 0,
    }
    received, distinct = pushes(fake_push)
    assert distinct == expected                                           # every one arrived
    with worker_app.app_context(), db.engine.connect() as connection:
        leased_by_the_dead = connection.execute(text(
            "SELECT count(*) FROM push_deliveries WHERE attempts = 2")).scalar()
    assert received - distinct <= leased_by_the_dead <= 200
