"""Kintsugi's Flask API and the server of its phone app."""

from pathlib import Path

from flask import Flask, request
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from server import config as configuration
from server.converters import IsoDateConverter
from server.error_handlers import register_error_handlers
from server.errors import ApiError
from server.extensions import api, csrf, db, limiter, login_manager, migrate
from server.json_input import BoundedRequest, RequestJSONProvider

MIGRATIONS = Path(__file__).with_name("migrations")

# Everything comes from our own origin: no CDN, font, analytics or third-party script.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    # Argon2id runs as WebAssembly on the phone (the sealed journal, client/src/data/sealing.js):
    # compiling it needs 'wasm-unsafe-eval', which allows WebAssembly and nothing of eval().
    "script-src": "'self' 'wasm-unsafe-eval'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "img-src": "'self' data:",
    "form-action": "'self'",
}
PERMISSIONS_POLICY = {"geolocation": "()", "camera": "()", "microphone": "()"}


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = BoundedRequest
    app.json = RequestJSONProvider(app)
    app.config.from_mapping(configuration.load(Path(app.instance_path), test_config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_api_headers(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXY_HOPS reverse proxies, the client's address (rate limits, sessions)
    and scheme (HTTPS redirects, Secure cookies) come from the headers those proxies set, the
    rightmost `hops` entries only, so a forged X-Forwarded-For from the client is ignored."""
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    production = app.config["ENV"] == "production"
    # One Talisman per app (it keeps its settings on itself), so apps never share them.
    Talisman(
        app,
        force_https=production,
        strict_transport_security=app.config["HSTS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="no-referrer",
        frame_options="DENY",
        permissions_policy=PERMISSIONS_POLICY,
    )
    api.init_app(app)

    @login_manager.unauthorized_handler
    def unauthorized():
        raise ApiError(401, "not_authenticated", "Please sign in.")


def register_blueprints(app: Flask) -> None:
    # Imported here so models and views load only once the extensions exist.
    from server import health, web
    from server.account import views as account
    from server.actions import views as actions
    from server.agreements import views as agreements
    from server.auth import views as auth
    from server.backup import backup_command, restore_command
    from server.checkins import views as checkins
    from server.daily import views as daily
    from server.experiences import views as experiences
    from server.journal import views as journal
    from server.journey import views as journey
    from server.pauses import views as pauses
    from server.push import views as push
    from server.push.cli import reminders
    from server.questions import views as questions
    from server.rituals import views as rituals
    from server.setbacks import views as setbacks
    from server.space import views as space

    app.url_map.converters["isodate"] = IsoDateConverter
    api.register_converter(IsoDateConverter, lambda _: {"type": "string", "format": "date"})
    for domain in (health, auth, account, space, checkins, actions, experiences, setbacks,
                   pauses, journal, questions, agreements, rituals, journey, push, daily):
        api.register_blueprint(domain.bp)
    app.cli.add_command(reminders)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.register_blueprint(web.bp)


def register_api_headers(app: Flask) -> None:
    @app.after_request
    def no_store_for_api(response):
        # API answers hold private words: no browser, proxy or service-worker cache may keep them.
        if request.path.startswith("/api"):
            response.headers["Cache-Control"] = "no-store"
        return response
