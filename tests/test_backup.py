"""Backups that restore (issue 17): `flask --app server backup PATH` while both partners keep
writing, then `restore PATH` over another database; every check-in acknowledged before the
backup began is in the restored copy, and the restored app serves it. SQLite and PostgreSQL."""

import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import ExitStack

import faults
import pytest
from conftest import TEST_CONFIG
from helpers import ApiClient
from sqlalchemy import create_engine, text

from server import create_app
from server.extensions import db


def flask_command(database_url: str, *args: str) -> subprocess.CompletedProcess:
    """The guide's command, as an operator runs it: another process, the database from the
    environment."""
    env = {**os.environ, "KINTSUGI_ENV": "testing", "SECRET_KEY": TEST_CONFIG["SECRET_KEY"],
           "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "server", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(params=faults.BACKENDS)
def databases(request, tmp_path):
    """(live, other): two migrated databases of the backend; the backup of the first is
    restored over the second."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            yield (faults.sqlite_database(tmp_path / "live.sqlite3"),
                   faults.sqlite_database(tmp_path / "other.sqlite3"))
        else:
            server = request.getfixturevalue("postgres_server_url")
            yield (stack.enter_context(faults.postgres_database(server, "backup_live")),
                   stack.enter_context(faults.postgres_database(server, "backup_other")))


def signed_in(app, name: str) -> ApiClient:
    phone = ApiClient(app.test_client())
    assert phone.register(f"{name}@example.org", display_name=name.title()).status_code == 202
    assert phone.login(f"{name}@example.org").status_code == 200
    return phone


class Writer(threading.Thread):
    """A partner checking in as fast as the app answers; keeps when each one was acknowledged."""

    def __init__(self, phone: ApiClient):
        super().__init__(daemon=True)
        self.phone, self.stop, self.acknowledged, self.refused = phone, threading.Event(), [], []

    def run(self):
        while not self.stop.is_set():
            checkin_id = str(uuid.uuid4())
            response = self.phone.request("PUT", f"/api/checkins/{checkin_id}", json={
                "occurred_at": "2026-03-14T21:05:00+01:00", "feelings": ["hope"], "trust": 4})
            if response.status_code != 201:
                self.refused.append((response.status_code, response.get_json()))
                return
            self.acknowledged.append((time.monotonic(), checkin_id))

    def acknowledged_before(self, instant: float) -> set[str]:
        return {checkin_id for at, checkin_id in list(self.acknowledged) if at < instant}


def checkin_ids(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        ids = {str(uuid.UUID(str(row[0])))
               for row in connection.execute(text("SELECT id FROM checkins"))}
    engine.dispose()
    return ids


def test_backup_while_partners_write_restores_every_acknowledged_record(databases, tmp_path):
    live, other = databases
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": live})
    ana, ben = signed_in(app, "ana"), signed_in(app, "ben")
    code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
    assert ben.post("/api/space/join", {"code": code, "role": "rebuilding"}).status_code == 200
    stale = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": other})
    signed_in(stale, "stale")  # in the database the restore replaces: must be gone after it

    writers = [Writer(ana), Writer(ben)]
    for writer in writers:
        writer.start()
    time.sleep(0.5)
    path = tmp_path / "kintsugi.backup"
    started = time.monotonic()
    made = flask_command(live, "backup", str(path))
    finished = time.monotonic()
    time.sleep(0.2)
    for writer in writers:
        writer.stop.set()
        writer.join(timeout=30)
    assert made.returncode == 0, made.stderr
    assert [w.refused for w in writers] == [[], []]
    before = set().union(*(w.acknowledged_before(started) for w in writers))
    during = set().union(*(w.acknowledged_before(finished) for w in writers)) - before
    written = set().union(*(w.acknowledged_before(float("inf")) for w in writers))
    assert len(before) > 10 and len(during) > 0, "the partners were writing during the backup"
    assert path.stat().st_mode & 0o777 == 0o600, "the copy holds private words"

    restored = flask_command(other, "restore", "--yes", str(path))
    assert restored.returncode == 0, restored.stderr
    in_copy = checkin_ids(other)
    assert before <= in_copy, f"{len(before - in_copy)} acknowledged check-ins are missing"
    assert in_copy <= written, "the copy holds nothing that was never written"

    served = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": other})
    ben_again = ApiClient(served.test_client())
    assert ben_again.login("ben@example.org").status_code == 200
    for checkin_id in sorted(before):
        response = ben_again.get(f"/api/checkins/{checkin_id}")
        assert response.status_code == 200, checkin_id
        assert response.get_json()["trust"] == 4
    assert ApiClient(served.test_client()).login("stale@example.org").status_code == 401
    for each in (app, stale, served):
        with each.app_context():
            db.engine.dispose()
