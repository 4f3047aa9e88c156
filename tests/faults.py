"""Support for the fault tests (test_faults_*.py): databases of their own, built by the real
migrations, so a test can lock, kill or disconnect them without touching the suite's database.

PostgreSQL ones live on the server of postgres_server_url (127.0.0.1:5432, or a private
cluster), under a name of their own, and are dropped afterwards. They never use `test`."""

import os
from contextlib import contextmanager

from conftest import TEST_CONFIG, _empty_all_tables
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from server import create_app
from server.checkins.models import Checkin
from server.extensions import db


def migrate(url: str) -> str:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def sqlite_database(path) -> str:
    """A migrated SQLite file database at `path`; returns its URL."""
    return migrate(f"sqlite:///{path}")


@contextmanager
def postgres_database(server_url: str, purpose: str):
    """A migrated PostgreSQL database for this run (named after `purpose` and the process);
    yields its URL and drops it afterwards, whoever is still connected."""
    name = f"kintsugi_faults_{purpose}_{os.getpid()}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 5})
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield migrate(make_url(server_url).set(database=name).render_as_string(
            hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# The suite's own emptying, for these databases too.
empty_tables = _empty_all_tables

BACKENDS = ("sqlite", "postgresql")


def backend_database(request, tmp_path) -> str:
    """The database for a test parametrized over BACKENDS (request.param): a fresh SQLite file,
    or the module's PostgreSQL database (its `postgres_url` fixture), emptied afterwards."""
    if request.param == "sqlite":
        return sqlite_database(tmp_path / "faults.sqlite3")
    url = request.getfixturevalue("postgres_url")
    request.addfinalizer(lambda: empty_tables(url))
    return url


def stored_checkins(url: str) -> dict:
    """Every check-in row as {id: (version, words, received_at, updated_at, copies of this id)},
    read straight from the database, past the app."""
    engine = create_engine(url)
    copies = func.count().over(partition_by=Checkin.id)
    with engine.connect() as connection:
        rows = connection.execute(select(Checkin.id, Checkin.version, Checkin.want_you_to_know,
                                         Checkin.received_at, Checkin.updated_at, copies)).all()
    engine.dispose()
    return {row[0]: tuple(row[1:]) for row in rows}
