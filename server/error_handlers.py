"""Every error the app returns is JSON: {"error": {"code", "message", "fields"}}: the refusals
of server.errors, Flask's and webargs' HTTP errors, CSRF, rate limits, a busy database, and
anything unexpected (logged, answered 500 without details)."""

import logging

from flask import current_app, jsonify
from flask_limiter import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from server.database import is_retryable
from server.errors import ApiError, StaleVersion
from server.extensions import db
from server.records.present import as_answered

log = logging.getLogger(__name__)


def error_response(status, code, message, fields=None, extra=None, headers=None):
    body = {"error": {"code": code, "message": message, "fields": fields or {}, **(extra or {})}}
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def flatten_messages(messages, prefix="") -> dict[str, str]:
    """Turn webargs/marshmallow's nested messages into {"field.path": "first message"}."""
    flat = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = "body" if key == "_schema" else str(key)
            flat.update(flatten_messages(value, f"{prefix}.{name}" if prefix else name))
    elif isinstance(messages, list) and messages and all(isinstance(m, str) for m in messages):
        flat[prefix or "body"] = messages[0]
    elif isinstance(messages, list):
        for item in messages:
            flat.update(flatten_messages(item, prefix))
    else:
        flat[prefix or "body"] = str(messages)
    return flat


HTTP_CODES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("not_authenticated", "Please sign in."),
    403: ("forbidden", "This is not allowed."),
    404: ("not_found", "There is nothing here."),
    405: ("method_not_allowed", "This method is not allowed here."),
    409: ("conflict", "This conflicts with the current state."),
    413: ("payload_too_large", "The request is too large."),
    415: ("unsupported_media_type", "Send JSON (Content-Type: application/json)."),
    422: ("validation_error", "Some fields are not valid."),
    429: ("rate_limited", "Too many attempts. Please wait a moment and try again."),
}


def _from_http_exception(exc: HTTPException):
    code, message = HTTP_CODES.get(exc.code, ("http_error", exc.description or exc.name))
    data = getattr(exc, "data", None) or {}
    fields = flatten_messages(data["messages"]) if "messages" in data else {}
    # webargs answers 400 with {"json": ["Invalid JSON body."]} for broken JSON.
    if exc.code == 400 and "Invalid JSON body." in fields.values():
        code, message, fields = "invalid_json", "The request body is not valid JSON.", {}
    # Drop webargs' location prefix ("json.email" → "email"): clients know where they sent it.
    fields = {key.split(".", 1)[1] if "." in key and key.split(".")[0] in
              ("json", "query", "path", "headers") else key: value for key, value in fields.items()}
    headers = dict(data.get("headers") or {})
    if exc.code == 405 and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    return error_response(exc.code, code, message, fields, headers=headers)


def register_error_handlers(app):
    @app.errorhandler(ApiError)
    def handle_api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.fields, exc.extra,
                              exc.headers)

    @app.errorhandler(StaleVersion)
    def handle_stale_version(exc: StaleVersion):
        current = as_answered(exc.kind, current_user, exc.record)
        return error_response(exc.status, exc.code, exc.message, exc.fields,
                              {**exc.extra, "current": current})

    @app.errorhandler(CSRFError)
    def handle_csrf_error(exc: CSRFError):
        return error_response(400, "csrf_failed", f"Security token problem: {exc.description} "
                              "Fetch /api/auth/csrf and send it in the X-CSRFToken header.")

    @app.errorhandler(RateLimitExceeded)
    def handle_rate_limited(exc: RateLimitExceeded):
        code, message = HTTP_CODES[429]
        # Flask-Limiter adds Retry-After and the X-RateLimit-* headers after this handler.
        return error_response(429, code, message)

    @app.errorhandler(HTTPException)
    def handle_http_exception(exc: HTTPException):
        return _from_http_exception(exc)

    @app.errorhandler(DBAPIError)
    def handle_database_error(exc: DBAPIError):
        if not is_retryable(exc):
            return handle_unexpected(exc)
        # Nothing of this request is kept: its transaction is rolled back here (the pool has
        # already dropped a connection that died), so sending it again is safe.
        try:
            db.session.rollback()
        except DBAPIError:
            log.warning("Rollback after a database error failed too", exc_info=True)
        # Parameters are hidden (hide_parameters): the message names no one's words.
        log.warning("Database busy or unreachable, answered 503: %s", exc.orig)
        return error_response(503, "try_again", "The server is busy for a moment. Nothing was "
                              "changed; please try again shortly.",
                              headers={"Retry-After": str(current_app.config[
                                  "RETRY_AFTER_SECONDS"])})

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        log.exception("Unhandled error")
        return error_response(500, "internal_error", "Something went wrong on our side. "
                              "Please try again.")
