"""The database misbehaving under a request (issue 8, fault tests): a lock held by another
process past the lock timeout, a PostgreSQL connection cut mid-request, a pool of connections
the server dropped. The answer is 503 with Retry-After and a JSON error (never a 500), nothing
is half-written, and the same request sent again — as the phone's outbox does — succeeds.

Each runs on a database of its own (tests/faults.py): a SQLite file, and PostgreSQL on the
server of postgres_server_url, whatever TEST_DATABASE_URL says."""

import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager

import faults
import psycopg
import pytest
from helpers import create, error_of
from record_samples import create_body, edit_body
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from server import config
from server.extensions import db

# Another process holds the write lock on the check-ins (and what a change to one also writes)
# until told to let go on its stdin.
LOCK_HOLDER = """
import sys
from sqlalchemy import create_engine
url, statements = sys.argv[1], sys.argv[2:]
with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
    for statement in statements:
        connection.exec_driver_sql(statement)
    print("locked", flush=True)
    sys.stdin.readline()
    connection.exec_driver_sql("ROLLBACK")
"""
LOCKING = {
    "sqlite": ["BEGIN EXCLUSIVE"],
    # EXCLUSIVE lets readers read; every write to these tables waits.
    "postgresql": ["BEGIN", "LOCK TABLE checkins, revisions, acknowledgements IN EXCLUSIVE MODE"],
}


@pytest.fixture(scope="module")
def postgres_url(postgres_server_url):
    with faults.postgres_database(postgres_server_url, "database") as url:
        yield url


@pytest.fixture(params=faults.BACKENDS)
def backend_url(request, tmp_path):
    return faults.backend_database(request, tmp_path)


@pytest.fixture
def lock_wait():
    """Seconds a request waits for a lock (short, so the tests are quick)."""
    return 0.5


@pytest.fixture
def app(make_app, backend_url, lock_wait):
    # Replaces conftest's app, so couple() and person() sign in on this database.
    return make_app(SQLALCHEMY_DATABASE_URI=backend_url, DATABASE_LOCK_TIMEOUT_SECONDS=lock_wait)


@contextmanager
def lock_held(url: str):
    backend = make_url(url).get_backend_name()
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, url, *LOCKING[backend]],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.write("go\n")
        holder.stdin.close()
        assert holder.wait(timeout=20) == 0


def test_requests_wait_for_a_lock_as_long_as_configured(app, backend_url, lock_wait):
    with app.app_context():
        connection = db.session.connection()
        if make_url(backend_url).get_backend_name() == "sqlite":
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == lock_wait * 1000
        else:
            assert connection.execute(text("SHOW lock_timeout")).scalar() == \
                f"{round(lock_wait * 1000)}ms"
        db.session.remove()


def test_the_lock_wait_can_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT_SECONDS", "1.5")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example/kintsugi")
    options = config.load(tmp_path, {"ENV": "testing"})["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["connect_args"]["options"] == "-c lock_timeout=1500"
    assert options["pool_pre_ping"] is True
    monkeypatch.delenv("DATABASE_URL")
    options = config.load(tmp_path, {"ENV": "testing"})["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["connect_args"] == {"timeout": 1.5}  # sqlite3's busy timeout, in seconds


def assert_try_again(response, app):
    assert response.status_code == 503, response.data[:300]
    assert response.headers["Retry-After"] == str(app.config["RETRY_AFTER_SECONDS"])
    assert error_of(response)["code"] == "try_again"


def test_writes_waiting_past_the_lock_timeout_are_503_and_leave_nothing_half_written(
        couple, app, backend_url, lock_wait):
    ana, ben = couple
    first_id = uuid.uuid4()
    first = create(ana, "/api/checkins", create_body("checkin", "before the lock"), first_id)
    new_id = uuid.uuid4()
    writes = [  # a create, an edit (record and revision) and the partner's acknowledgement
        (ana, "PUT", f"/api/checkins/{new_id}", create_body("checkin", "during the lock"), 201),
        (ana, "PATCH", f"/api/checkins/{first_id}",
         edit_body("checkin", first["version"], "edited during the lock"), 200),
        (ben, "PUT", f"/api/checkins/{first_id}/acknowledgement", {"words": "I see it"}, 200),
    ]
    before = faults.stored_checkins(backend_url)
    with lock_held(backend_url):
        for phone, method, url, body, _status in writes:
            started = time.monotonic()
            response = phone.request(method, url, json=body)
            waited = time.monotonic() - started
            assert_try_again(response, app)
            assert lock_wait * 0.9 <= waited < lock_wait + 10, (method, url, waited)
        reading = ana.get(f"/api/checkins/{first_id}")
        assert reading.status_code == 200  # a writer's lock does not hold up readers
        assert reading.get_json()["acknowledgements"] == []
    assert faults.stored_checkins(backend_url) == before  # nothing changed, nothing added
    # The outbox sends the same writes again once the lock is gone: each lands once.
    for phone, method, url, body, status in writes:
        assert phone.request(method, url, json=body).status_code == status, (method, url)
    stored = faults.stored_checkins(backend_url)
    assert set(stored) == {first_id, new_id}
    assert stored[first_id][:2] == (2, "edited during the lock")
    assert stored[new_id][0] == 1
    assert len(ben.get(f"/api/checkins/{first_id}").get_json()["acknowledgements"]) == 1


def backend_waiting_on_a_lock(admin) -> int:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        pid = admin.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).scalar()
        if pid:
            return pid
        time.sleep(0.05)
    raise AssertionError("no request ever waited on the lock")


@pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("lock_wait", [60.0])  # only the termination may end the wait
def test_a_connection_cut_mid_request_fails_cleanly_and_the_replay_succeeds(
        couple, app, backend_url):
    ana, _ben = couple
    record_id, body = uuid.uuid4(), create_body("checkin", "sent as the line dropped")
    admin_engine = create_engine(backend_url, isolation_level="AUTOCOMMIT")
    answer = {}
    writer = threading.Thread(target=lambda: answer.update(
        response=ana.request("PUT", f"/api/checkins/{record_id}", json=body)))
    with lock_held(backend_url), admin_engine.connect() as admin:
        writer.start()
        victim = backend_waiting_on_a_lock(admin)
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": victim}).scalar()
        writer.join(timeout=20)
    admin_engine.dispose()
    assert not writer.is_alive()
    assert_try_again(answer["response"], app)
    assert record_id not in faults.stored_checkins(backend_url)
    # The pool has let the dead connection go: the replay and what follows just work.
    assert ana.request("PUT", f"/api/checkins/{record_id}", json=body).status_code == 201
    for _ in range(5):
        assert ana.get("/api/checkins").status_code == 200
    assert faults.stored_checkins(backend_url)[record_id][-1] == 1


@pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)
def test_the_pool_replaces_connections_the_database_dropped(couple, app, backend_url):
    ana, ben = couple
    with app.app_context():  # several idle connections in the pool, as after a busy moment
        connections = [db.engine.connect() for _ in range(3)]
        for connection in connections:
            connection.close()
    admin_engine = create_engine(backend_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as admin:
        dropped = set(admin.execute(text(
            "SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalars())
        assert dropped == {True}
        time.sleep(0.2)  # the backends are gone once the server has processed the signal
        for step in range(10):
            phone = (ana, ben)[step % 2]
            if step % 3 == 0:
                response = phone.request("PUT", f"/api/checkins/{uuid.uuid4()}",
                                         json=create_body("checkin", f"after the drop {step}"))
                assert response.status_code == 201, response.data[:300]
            else:
                assert phone.get("/api/checkins").status_code == 200
        still_there = admin.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")).scalar()
    admin_engine.dispose()
    assert still_there >= 1  # the app connected again
    assert len(faults.stored_checkins(backend_url)) == 4


@pytest.mark.parametrize("original, status", [
    (sqlite3.OperationalError("database is locked"), 503),
    (sqlite3.OperationalError("database table is locked: checkins"), 503),
    (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), 503),
    (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), 503),
    (psycopg.errors.SerializationFailure("could not serialize access"), 503),
    (psycopg.errors.DeadlockDetected("deadlock detected"), 503),
    (psycopg.errors.ConnectionFailure("connection to server lost"), 503),
    (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), 503),
    # Faults of the code or the data: trying again cannot help, so they stay 500s.
    (sqlite3.OperationalError("no such table: checkins"), 500),
    (psycopg.errors.UndefinedTable('relation "checkins" does not exist'), 500),
    (psycopg.errors.UniqueViolation("duplicate key value"), 500),
], ids=lambda value: getattr(value, "sqlstate", None) or str(value))
def test_only_database_errors_that_may_pass_are_503(make_app, original, status):
    app = make_app()

    @app.get("/api/test-database-trouble")
    def trouble():
        dbapi_error = sqlite3.Error if isinstance(original, sqlite3.Error) else psycopg.Error
        raise DBAPIError.instance("SELECT 1", {}, original, dbapi_error)

    response = app.test_client().get("/api/test-database-trouble")
    assert response.status_code == status
    if status == 503:
        assert_try_again(response, app)
    else:
        assert error_of(response)["code"] == "internal_error"
        assert "Retry-After" not in response.headers
