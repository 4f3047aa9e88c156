"""Configuration from the environment: safe defaults for production, one-command development."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from server.database import engine_options
from server.push import vapid

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


def _env_setting(name: str, default):
    """A setting from the environment, converted to the default's type (int, float, str)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return type(default)(value)
    except ValueError:
        raise RuntimeError(f"{name} must be a {type(default).__name__}, not {value!r}") from None


def push_settings(instance_path: Path, overrides: dict) -> dict:
    """VAPID keys (given, or generated once into instance/) and the sender's and scheduler's
    knobs; each can come from the environment (the worker process reads the same ones)."""
    if "VAPID_PRIVATE_KEY" in overrides:
        given = overrides["VAPID_PRIVATE_KEY"], overrides.get("VAPID_PUBLIC_KEY")
    else:
        given = os.environ.get("VAPID_PRIVATE_KEY"), os.environ.get("VAPID_PUBLIC_KEY")
    try:
        private_key, public_key = vapid.resolve(*given, instance_path)
    except ValueError as exc:
        raise RuntimeError(f"VAPID_PRIVATE_KEY: {exc}") from None
    subject = (overrides.get("VAPID_SUBJECT") or os.environ.get("VAPID_SUBJECT")
               or "mailto:reminders@kintsugi.invalid")
    if not vapid.SUBJECT.match(subject):
        raise RuntimeError("VAPID_SUBJECT must be a mailto: address or an https: URL")
    extra_hosts = os.environ.get("PUSH_EXTRA_ALLOWED_HOSTS", "")
    settings = {
        "VAPID_PRIVATE_KEY": private_key,
        "VAPID_PUBLIC_KEY": public_key,
        "VAPID_SUBJECT": subject,
        # Push endpoints are accepted only from the known push services; tests add their fake
        # one here ("host" or "host:port", comma-separated in the environment).
        "PUSH_EXTRA_ALLOWED_HOSTS": [h.strip() for h in extra_hosts.split(",") if h.strip()],
        # Absolute base for the notification's "navigate" URL (empty: a path on our origin).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "").rstrip("/"),
    }
    for name, default in {
        "PUSH_MAX_DEVICES": 10,              # per person; the longest unseen make room
        "PUSH_TTL_SECONDS": 4 * 3600,        # how long a push service keeps it for an offline phone
        "PUSH_CONCURRENCY": 100,             # requests in flight at once, per worker
        "PUSH_TIMEOUT_SECONDS": 10.0,        # one POST, connection included
        "PUSH_MAX_ATTEMPTS": 5,              # then the delivery is marked failed
        "PUSH_BACKOFF_SECONDS": 5.0,         # first retry; doubles each time (or Retry-After)
        "PUSH_BACKOFF_MAX_SECONDS": 900.0,
        "PUSH_LEASE_SECONDS": 120.0,         # a claimed delivery is retried if its worker died
        "PUSH_SEND_CHUNK": 1000,             # deliveries claimed per round
        "PUSH_VAPID_TOKEN_SECONDS": 3600,    # VAPID JWT lifetime (at most 24 h)
        "REMINDERS_TICK_SECONDS": 30.0,
        "REMINDERS_POLL_SECONDS": 5.0,       # how often `reminders run` looks for notifications
        "REMINDERS_BATCH_SIZE": 500,         # rituals claimed per transaction
        "REMINDERS_WINDOW_MINUTES": 120,     # later than this after its time: missed, not sent
        "WORKER_STALE_SECONDS": 300.0,       # /api/health: no tick for this long is unhealthy
    }.items():
        settings[name] = _env_setting(name, default)
    return settings


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
        # How long a request waits for another writer's lock before answering 503 (try again).
        "DATABASE_LOCK_TIMEOUT_SECONDS": _env_setting("DATABASE_LOCK_TIMEOUT_SECONDS", 5.0),
        # How long a 503 asks the phone to wait before sending again (Retry-After).
        "RETRY_AFTER_SECONDS": 2,
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
        # The cookie is sent again when the session's last_seen moves (auth/sessions.py), not
        # signed anew on every request.
        "SESSION_REFRESH_EACH_REQUEST": False,
        # We never issue flask-login's remember cookie; if anything ever did, it is as strict.
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        # CSRF: the token travels in the X-CSRFToken header; valid as long as the session.
        "WTF_CSRF_HEADERS": ["X-CSRFToken"],
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_ENABLED": True,
        # Flask-WTF's HTTPS check wants a same-origin Referer, but the app sends none (its
        # referrer policy is no-referrer, for privacy), so it would refuse every write over
        # HTTPS. The token in a custom header (no cross-origin page can send one without a
        # CORS preflight we never allow) and SameSite cookies are the protection.
        "WTF_CSRF_SSL_STRICT": False,
        # Rate limits: memory:// for one process; Redis (redis://...) so limits hold across workers.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Password tries, counted before the password is checked (auth/guessing.py): from
        # devices the account does not know, shared; from a known device, its own; while
        # signed in (confirming the password), per session.
        "PASSWORD_TRIES_PER_ACCOUNT": "5 per minute",
        "PASSWORD_TRIES_PER_KNOWN_DEVICE": "5 per minute",
        "PASSWORD_TRIES_PER_SESSION": "5 per minute",
        "LOGIN_ATTEMPTS_PER_ADDRESS": "30 per minute",
        "REGISTRATIONS_PER_ADDRESS": "10 per hour",
        "INVITE_ATTEMPTS_PER_PERSON": "10 per minute",
        "HSTS": production,
        # How many reverse proxies in front of the app may be trusted to say who the client is
        # (X-Forwarded-For) and which scheme it used (X-Forwarded-Proto): 1 behind Caddy or a
        # platform's router, 0 (the default) when clients reach gunicorn directly. Never more
        # than there really are: a client could otherwise name any address it likes.
        "TRUSTED_PROXY_HOPS": _env_setting("TRUSTED_PROXY_HOPS", 0),
        "CLIENT_DIST": os.environ.get("KINTSUGI_CLIENT_DIST")
        or str(Path(__file__).resolve().parent.parent / "client" / "dist"),
        # OpenAPI document at /api/openapi.json (flask-smorest).
        "API_TITLE": "Kintsugi",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
    push = push_settings(instance_path, overrides)
    config.update(push)
    config.update(overrides)
    if config["TRUSTED_PROXY_HOPS"] < 0:
        raise RuntimeError("TRUSTED_PROXY_HOPS must be 0 or more")
    if "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
        # From the final URL and timeout, so a test's or the environment's choice holds.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
            config["SQLALCHEMY_DATABASE_URI"], config["DATABASE_LOCK_TIMEOUT_SECONDS"])
    # The keys as resolved (a PEM or a stale public key given by a test never leaks through).
    config["VAPID_PRIVATE_KEY"], config["VAPID_PUBLIC_KEY"] = (push["VAPID_PRIVATE_KEY"],
                                                               push["VAPID_PUBLIC_KEY"])
    return config
