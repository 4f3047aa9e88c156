"""The skeleton: configuration, health, JSON errors, headers, OpenAPI, the served client."""

import sqlite3

import pytest
from helpers import error_of
from sqlalchemy import text

from server import create_app
from server.extensions import db


def test_health_reports_database(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_health_is_503_json_when_database_is_unreachable(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = app.test_client().get("/api/health")
    assert response.status_code == 503
    assert error_of(response)["code"] == "database_unavailable"


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("KINTSUGI_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_development_generates_a_secret_key_into_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("KINTSUGI_ENV", "development")
    from server import config

    first = config.load(tmp_path)["SECRET_KEY"]
    assert len(first) >= 40
    assert (tmp_path / "secret_key").read_text() == first
    assert config.load(tmp_path)["SECRET_KEY"] == first  # stable across restarts


def test_database_url_from_environment_uses_psycopg3(monkeypatch, tmp_path):
    from server import config

    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example/kintsugi")
    monkeypatch.setenv("KINTSUGI_ENV", "development")
    assert config.load(tmp_path)["SQLALCHEMY_DATABASE_URI"] == \
        "postgresql+psycopg://u@db.example/kintsugi"
    monkeypatch.delenv("DATABASE_URL")
    assert config.load(tmp_path)["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/pragmas.sqlite3")
    with app.app_context():
        connection = db.session.connection()
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        db.session.remove()
        db.engine.dispose()
    with sqlite3.connect(tmp_path / "pragmas.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persisted in the file


@pytest.mark.parametrize("method, path, status, code", [
    ("GET", "/api/no-such-thing", 404, "not_found"),
    ("DELETE", "/api/health", 405, "method_not_allowed"),
])
def test_http_errors_are_json(client, method, path, status, code):
    response = client.request(method, path)
    assert response.status_code == status
    assert response.is_json
    assert error_of(response)["code"] == code


def test_method_not_allowed_names_the_allowed_methods(client):
    response = client.request("PUT", "/api/health")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_a_clear_400(client):
    response = client.post("/api/auth/register", data="{not json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"


def test_oversized_body_is_413_json(client):
    response = client.post("/api/auth/register", data="x" * (1024 * 1024 + 1),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_unexpected_exception_is_500_json_without_details(app, caplog):
    @app.get("/api/test-boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/test-boom")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error"
    assert "secret internals" not in response.get_data(as_text=True)
    assert "secret internals" in caplog.text  # logged for us, not shown to them


def test_every_api_response_is_no_store(client, person):
    ana = person("ana")
    for response in (client.get("/api/health"), client.get("/api/nope"), ana.get("/api/me"),
                     client.post("/api/auth/login", {"email": "x@y.z", "auth": "p" * 43})):
        assert response.headers["Cache-Control"] == "no-store"


def test_security_headers_allow_only_our_origin(client):
    response = client.get("/api/health")
    csp = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert csp["default-src"] == "'self'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["worker-src"] == "'self'"
    assert csp["manifest-src"] == "'self'"
    assert "http" not in response.headers["Content-Security-Policy"]  # no external origin
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # not outside production


def test_production_sends_hsts_and_redirects_plain_http(make_app):
    app = make_app(ENV="production")
    http = app.test_client()
    assert http.get("/api/auth/csrf").status_code == 302  # http → https
    # The health check answers a monitor or a platform's router on the plain-HTTP port.
    assert http.get("/api/health").status_code == 200
    response = http.get("/api/health", base_url="https://localhost")
    assert response.status_code == 200
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_openapi_document_describes_the_api(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/health", "/api/auth/register", "/api/auth/login", "/api/me",
                 "/api/sessions", "/api/space", "/api/space/join"):
        assert path in spec["paths"], path


def test_client_shell_is_served_for_app_paths_but_never_for_api(client, app, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Kintsugi</title>")
    (dist / "assets" / "app-abc123.js").write_text("console.log(1)")
    app.config["CLIENT_DIST"] = str(dist)
    assert b"Kintsugi" in client.get("/").data
    assert b"Kintsugi" in client.get("/today").data  # a deep link gets the shell
    asset = client.get("/assets/app-abc123.js")
    assert "immutable" in asset.headers["Cache-Control"]
    assert client.get("/api/unknown").is_json
    # A file beside dist, and every way of climbing out of dist to it: the shell, never the file.
    (tmp_path / "secret.txt").write_text("outside-dist-secret")
    assert (dist / ".." / "secret.txt").read_text() == "outside-dist-secret"  # it is there
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
                 "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt"):
        response = client.get(path)
        assert (response.status_code, response.data) == (
            200, b"<!doctype html><title>Kintsugi</title>"), path


def test_missing_client_build_is_a_clear_503(client, app, tmp_path):
    app.config["CLIENT_DIST"] = str(tmp_path / "nothing")
    response = client.get("/")
    assert response.status_code == 503
    assert error_of(response)["code"] == "client_not_built"


def test_robots_keep_search_engines_out_of_a_private_app(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == "User-agent: *\nDisallow: /\n"
