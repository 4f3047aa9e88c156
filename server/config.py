"""Configuration from the environment: safe defaults for production, one-command development."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

ENVIRONMENTS = ("development", "production", "testing")


def _development_secret(instance_path: Path) -> str:
    """A secret generated once into instance/ so development sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named (psycopg 3).
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url or f"sqlite:///{instance_path / 'kintsugi.sqlite3'}"


def load(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the app config; `overrides` (tests) win over the environment."""
    overrides = overrides or {}
    env = overrides.get("ENV") or os.environ.get("KINTSUGI_ENV", "production")
    if env not in ENVIRONMENTS:
        raise RuntimeError(f"KINTSUGI_ENV must be one of {ENVIRONMENTS}, not {env!r}")
    production = env == "production"

    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise RuntimeError("SECRET_KEY must be set outside development")
        secret = _development_secret(instance_path)

    config = {
        "ENV": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # argon2id cost (argon2-cffi's RFC 9106 low-memory profile); tests lower it for speed.
        "ARGON2_TIME_COST": 3,
        "ARGON2_MEMORY_COST": 65536,
        "ARGON2_PARALLELISM": 4,
        # Sessions: a signed cookie that names a server-side session row (see accounts.sessions).
        "SESSION_COOKIE_NAME": "kintsugi_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        # We never issue flask-login's remember cookie; if anything ever did, it is as strict.
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        # CSRF: the token travels in the X-CSRFToken header; valid as long as the session.
        "WTF_CSRF_HEADERS": ["X-CSRFToken"],
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_ENABLED": True,
        # Rate limits: memory:// for one process; Redis (redis://...) so limits hold across workers.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_FAILURES_PER_ACCOUNT": "5 per minute",
        "LOGIN_ATTEMPTS_PER_ADDRESS": "30 per minute",
        "REGISTRATIONS_PER_ADDRESS": "10 per hour",
        "INVITE_ATTEMPTS_PER_PERSON": "10 per minute",
        "HSTS": production,
        "CLIENT_DIST": str(Path(__file__).resolve().parent.parent / "client" / "dist"),
        # OpenAPI document at /api/openapi.json (flask-smorest).
        "API_TITLE": "Kintsugi",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
    config.update(overrides)
    return config
