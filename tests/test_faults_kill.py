"""Processes killed while phones write (issue 8, fault tests). Four phones PUT check-ins with ids
they made, as fast as the server answers, while a gunicorn worker — or the master itself — is
killed with SIGKILL. Every write a phone saw acknowledged (201) is in the database afterwards.
Then gunicorn is started again and the phones replay their whole outbox (every write tried,
acknowledged or not): each id is stored exactly once, and what was stored is unchanged.

On a SQLite file and on PostgreSQL (a database of its own on the server of postgres_server_url),
whatever TEST_DATABASE_URL says. Loopback only.

When a worker is killed, its master starts another and the replay goes to that server; when
the master is killed, gunicorn is started again (on another port) for the replay."""

import os
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import faults
import pytest
import requests
from browser.phones import eventually
from record_samples import create_body

WORKERS = 2
PHONES = 4
# The phones sign in through the app in the test's process (cheap test password hashing), and
# gunicorn accepts their cookies: both sign with this key.
SECRET_KEY = "fault-tests-secret-key"
COOKIE = "kintsugi_session"


@pytest.fixture(scope="module")
def postgres_url(postgres_server_url):
    with faults.postgres_database(postgres_server_url, "kill") as url:
        yield url


@pytest.fixture(params=faults.BACKENDS)
def backend_url(request, tmp_path):
    return faults.backend_database(request, tmp_path)


@pytest.fixture
def app(make_app, backend_url):
    # Replaces conftest's app, so couple() signs the partners in on this database.
    return make_app(SQLALCHEMY_DATABASE_URI=backend_url, SECRET_KEY=SECRET_KEY)


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def workers_of(master: int) -> list[int]:
    try:
        return [int(pid) for pid in
                Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except FileNotFoundError:
        return []


def until(check, message: str, context, timeout: float = 60) -> None:
    """eventually(), saying what `context()` tells at the moment it gave up. Long timeouts only
    for a busy machine: each of these usually holds within a second or two."""
    try:
        eventually(check, timeout=timeout, message=message)
    except AssertionError as failure:
        raise AssertionError(f"{failure}; {context()}") from None


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=10).status_code == 200
    except requests.RequestException:
        return False


class Server:
    """gunicorn as the Procfile runs it (the suite's fixture), on the test's database; knows its
    master's pid (from the pid file) so the test can kill it."""

    def __init__(self, gunicorn, url: str, folder: Path):
        self.gunicorn, self.url, self.folder = gunicorn, url, folder
        self.started: list[int] = []

    def start(self) -> tuple[str, int]:
        pid_file = self.folder / f"gunicorn-{len(self.started)}.pid"
        base = self.gunicorn(
            workers=WORKERS, DATABASE_URL=self.url,
            # A short timeout: workers whose master died notice within half of it once idle.
            # Logs go to a file (a pipe nobody reads would fill up and block them).
            GUNICORN_CMD_ARGS=f"--timeout 10 --pid {pid_file} --no-control-socket "
                              f"--error-logfile {self.folder / 'gunicorn.log'} --capture-output",
            SECRET_KEY=SECRET_KEY)
        master = int(pid_file.read_text())
        self.started.append(master)
        until(lambda: len(workers_of(master)) == WORKERS, "workers never booted", self.log)
        # Loading the app in a worker takes a while on a busy machine: wait until one answers.
        until(lambda: answers(f"{base}/api/health"), "gunicorn never answered", self.log)
        return base, master

    def log(self) -> str:
        path = self.folder / "gunicorn.log"
        return path.read_text()[-3000:] if path.exists() else ""


def phone_of(partner) -> requests.Session:
    """A requests session carrying a signed-in partner's cookie and CSRF token."""
    http = requests.Session()
    http.cookies.set(COOKIE, partner.http.get_cookie(COOKIE).value)
    http.headers["X-CSRFToken"] = partner.csrf_token
    return http


def same_phone(person: requests.Session) -> requests.Session:
    """Another connection for the same signed-in phone (sessions are not shared by threads)."""
    http = requests.Session()
    http.cookies.update(person.cookies)
    http.headers.update(person.headers)
    return http


class Phones:
    """Phones writing check-ins: every write goes into the outbox before it is sent, as the
    app's outbox does; the ids the server acknowledged are noted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.outbox: list[tuple[requests.Session, uuid.UUID, dict]] = []
        self.acknowledged: set[uuid.UUID] = set()
        self.unanswered = 0  # connection refused or cut: the outcome is unknown to the phone
        self.refused: list[int] = []

    def write(self, person: requests.Session, base: str, stop: threading.Event) -> None:
        http = same_phone(person)
        while not stop.is_set():
            record_id = uuid.uuid4()
            body = create_body("checkin", f"written while processes die {record_id}")
            with self.lock:
                self.outbox.append((person, record_id, body))
            try:
                response = http.put(f"{base}/api/checkins/{record_id}", json=body, timeout=60)
            except requests.RequestException:
                with self.lock:
                    self.unanswered += 1
                time.sleep(0.05)  # the outbox waits a moment before it tries again
                continue
            with self.lock:
                if response.status_code == 201:
                    self.acknowledged.add(record_id)
                else:
                    self.refused.append(response.status_code)

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)

    def __repr__(self) -> str:
        with self.lock:
            return (f"<phones: {len(self.outbox)} tried, {len(self.acknowledged)} acknowledged, "
                    f"{self.unanswered} unanswered, refused {self.refused}>")

    def replay(self, base: str) -> list[int]:
        """Send the whole outbox again (four at a time); the statuses, in outbox order."""
        def send(entry):
            person, record_id, body = entry
            response = same_phone(person).put(f"{base}/api/checkins/{record_id}", json=body,
                                              timeout=60)
            assert response.status_code != 201 or response.json()["id"] == str(record_id)
            return response.status_code

        with ThreadPoolExecutor(PHONES) as pool:
            return list(pool.map(send, self.outbox))


@pytest.mark.parametrize("victim", ["worker", "master"])
def test_acknowledged_writes_survive_sigkill_and_the_replay_creates_nothing_twice(
        gunicorn, couple, backend_url, tmp_path, victim):
    server = Server(gunicorn, backend_url, tmp_path)
    base, master = server.start()
    ana, ben = (phone_of(partner) for partner in couple)
    phones, stop = Phones(), threading.Event()
    writers = [threading.Thread(target=phones.write, args=((ana, ben)[n % 2], base, stop))
               for n in range(PHONES)]
    orphans = []

    def state():
        return f"{phones!r}; gunicorn: {server.log()}"

    try:
        for writer in writers:
            writer.start()
        until(lambda: phones.count() >= 10, "the phones never got to write", state)
        if victim == "worker":
            killed = workers_of(master)[0]
            os.kill(killed, signal.SIGKILL)
            until(lambda: killed not in workers_of(master) and len(workers_of(master)) == WORKERS,
                  "no worker came back", state)
            at_kill = phones.count()
            until(lambda: phones.count() >= at_kill + 10,
                  "writes stopped after a worker was killed", state)
        else:
            orphans = workers_of(master)
            os.kill(master, signal.SIGKILL)
            time.sleep(1)  # its workers go on serving the phones until they notice
        stop.set()
        for writer in writers:
            writer.join(timeout=90)
        assert not any(writer.is_alive() for writer in writers)
        if victim == "master":
            # Orphaned, the workers stop once idle; then nothing answers on the port.
            until(lambda: not any(alive(pid) for pid in orphans),
                  "workers outlived their master", state)
            with pytest.raises(requests.ConnectionError):
                requests.get(f"{base}/api/health", timeout=5)
    finally:
        stop.set()
        for pid in orphans:  # only if the test failed with them still running
            if alive(pid):
                os.kill(pid, signal.SIGKILL)

    assert phones.refused == [] or set(phones.refused) == {503}, server.log()
    stored = faults.stored_checkins(backend_url)
    tried = {record_id for _person, record_id, _body in phones.outbox}
    assert phones.acknowledged <= set(stored), "an acknowledged write was lost"
    assert set(stored) <= tried

    if victim == "master":
        base, _master = server.start()
    statuses = phones.replay(base)
    assert statuses == [201] * len(statuses), server.log()
    replayed = faults.stored_checkins(backend_url)
    assert set(replayed) == tried
    assert {copies for *_row, copies in replayed.values()} == {1}
    assert {record_id: replayed[record_id] for record_id in stored} == stored  # unchanged
