"""Fixtures in the style of flaskr's conftest: app, client, and helpers that sign people in."""

import os

import pytest
from flask_migrate import upgrade
from helpers import ApiClient
from sqlalchemy import create_engine, text

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
}


def _fresh_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database for the run, built by the real migrations (SQLite, or TEST_DATABASE_URL)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
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
def couple(person):
    """Two partners paired in one space: (ana, ben)."""
    ana, ben = person("ana"), person("ben")
    code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
    assert ben.post("/api/space/join", {"code": code, "role": "rebuilding"}).status_code == 200
    return ana, ben
