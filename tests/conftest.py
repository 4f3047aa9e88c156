"""Fixtures in the style of flaskr's conftest: app, client, and helpers that sign people in."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from flask_migrate import upgrade
from helpers import ApiClient
from sqlalchemy import create_engine, make_url, text
from werkzeug.serving import make_server

from server import create_app
from server.extensions import db

TEST_CONFIG = {
    "ENV": "testing",
    "SECRET_KEY": "test-secret-key-not-for-production",
    # Cheap argon2 parameters: the suite hashes hundreds of passwords.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
    # Tests come from one address; the per-address limits get their own tests.
    "LOGIN_ATTEMPTS_PER_ADDRESS": "10000 per minute",
    "REGISTRATIONS_PER_ADDRESS": "10000 per minute",
    # Many sign-ins of one person; the password-try limits get their own tests (PASSWORD_LIMITS).
    "PASSWORD_TRIES_PER_ACCOUNT": "10000 per minute",
    "PASSWORD_TRIES_PER_KNOWN_DEVICE": "10000 per minute",
    "PASSWORD_TRIES_PER_SESSION": "10000 per minute",
}
# The production limits of password tries (server/config.py), for the tests of those limits.
PASSWORD_LIMITS = {"PASSWORD_TRIES_PER_ACCOUNT": "5 per minute",
                   "PASSWORD_TRIES_PER_KNOWN_DEVICE": "5 per minute",
                   "PASSWORD_TRIES_PER_SESSION": "5 per minute"}


def _fresh_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _own_postgres_database(url: str, worker: str) -> str:
    """TEST_DATABASE_URL for one xdist worker: a database of its own beside the one named (made
    when missing), so workers running at once never empty each other's tables."""
    if worker == "master":
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id):
    """One database for the run, built by the real migrations (SQLite, or TEST_DATABASE_URL;
    one of each per xdist worker)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = _own_postgres_database(url, worker_id)
        _fresh_postgres(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def _empty_all_tables(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def make_app(database_url):
    """Build an app with extra settings; every table is emptied after the test."""
    apps = []

    def build(**overrides):
        app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    _empty_all_tables(database_url)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return ApiClient(app.test_client())


@pytest.fixture
def person(app):
    """Make a registered, signed-in person on their own phone: person("ana")."""

    def make(name, email=None):
        phone = ApiClient(app.test_client())
        email = email or f"{name}@example.org"
        assert phone.register(email, display_name=name.title()).status_code == 202
        assert phone.login(email).status_code == 200
        return phone

    return make


@pytest.fixture
def phone(app):
    """Another phone of someone already registered: phone("ana")."""

    def sign_in(name):
        device = ApiClient(app.test_client())
        assert device.login(f"{name}@example.org").status_code == 200
        return device

    return sign_in


@pytest.fixture
def couple(person):
    """Two partners paired in one space: (ana, ben)."""
    ana, ben = person("ana"), person("ben")
    code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
    assert ben.post("/api/space/join", {"code": code, "role": "rebuilding"}).status_code == 200
    return ana, ben


# --- Servers the tests start themselves -------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright's own browser downloads are not available on these machines.
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium"),
            "args": CHROMIUM_ARGS}


@pytest.fixture
def live_server(app):
    """The real app on a loopback port, for the browser."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


@pytest.fixture
def redis_url():
    """A private Redis server on a free loopback port (make test installs redis-server)."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed for the multi-worker tests: run `make test`"
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    wait_for_port(port, process)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def gunicorn(database_url, app):
    """Start the app under gunicorn, as the Procfile does; `app` empties the tables afterwards."""
    started = []

    def start(workers=3, **env):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(workers),
             "--bind", f"127.0.0.1:{port}", "server.wsgi:app"],
            env={**os.environ, "KINTSUGI_ENV": "testing", "SECRET_KEY": "gunicorn-test-secret",
                 "DATABASE_URL": database_url, **env},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        started.append(process)
        wait_for_port(port, process)
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)


def _reachable(url: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except Exception:  # noqa: BLE001 - any failure means "not there"
        return False
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgres_server_url():
    """A PostgreSQL server for the tests that need several processes on PostgreSQL: the one at
    127.0.0.1:5432 (every project machine and CI has it), or else a private throwaway cluster
    started from Debian's postgresql package (make test installs it when missing)."""
    url = os.environ.get("PUSH_TEST_POSTGRES_URL",
                         "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    if _reachable(url):
        yield url
        return
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert binaries, f"PostgreSQL is needed at {url}, or Debian's postgresql package: make test"
    bin_dir = binaries[-1].parent
    # Not under pytest's tmp dir: that is private to root, and the cluster runs as postgres.
    home = Path(tempfile.mkdtemp(prefix="kintsugi-pg-"))
    data = home / "data"
    as_owner = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(home, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*as_owner, bin_dir / "initdb", "-D", data, "-A", "trust", "-U", "postgres"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data, "-w", "-l", data / "log",
                    "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                   check=False, stdout=subprocess.DEVNULL)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def signed_in(couple):
    """One partner of a couple, for requests that need someone signed in in a space."""
    ana, _ben = couple
    return ana


@pytest.fixture
def spec(client):
    """The OpenAPI document as the app serves it."""
    return client.get("/api/openapi.json").get_json()
