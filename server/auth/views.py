"""HTTP shape of /api/auth; the rules are in services and sessions."""

from flask import current_app, request
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from server.account.schemas import MeOut
from server.account.services import describe_me
from server.api import Blueprint
from server.auth import services, sessions
from server.auth.schemas import CsrfOut, LoginIn, RegisterIn, RegisterOut
from server.errors import ApiError
from server.extensions import db, limiter

bp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Sign-up and sign-in")

REGISTERED = {
    "status": "accepted",
    "message": "If this email can be used, the account is ready: sign in with it.",
}


def _login_account_key() -> str:
    """Failed logins count per account (the email tried), wherever they come from."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return "login:" + (services.normalize_email(email) if isinstance(email, str) else "")


@bp.route("/csrf", methods=["GET"])
@bp.response(200, CsrfOut)
def csrf_token():
    """The token every state-changing request must send in the X-CSRFToken header."""
    return {"csrf_token": generate_csrf()}


@bp.route("/register", methods=["POST"])
@limiter.limit(lambda: current_app.config["REGISTRATIONS_PER_ADDRESS"])
@bp.arguments(RegisterIn)
@bp.response(202, RegisterOut)
def register(data):
    """Create an account. The answer is the same whether or not the email was already in use."""
    services.register(data["email"], data["password"], data["display_name"])
    return REGISTERED


@bp.route("/login", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPTS_PER_ADDRESS"])
@limiter.limit(lambda: current_app.config["LOGIN_FAILURES_PER_ACCOUNT"],
               key_func=_login_account_key,
               deduct_when=lambda response: response.status_code == 401)
@bp.arguments(LoginIn)
@bp.response(200, MeOut)
def login(data):
    """Sign in on this device. Returns the person and a fresh CSRF token for this session."""
    user = services.authenticate(data["email"], data["password"])
    if user is None:
        raise ApiError(401, "invalid_credentials", "The email or password is not right.")
    sessions.start(user, data.get("device_label"))
    db.session.commit()
    return {**describe_me(user), "csrf_token": generate_csrf()}


@bp.route("/logout", methods=["POST"])
@bp.response(204)
def logout():
    """End this device's session (a no-op when not signed in)."""
    if current_user.is_authenticated:
        sessions.end(sessions.current())
        db.session.commit()
    return None, 204, {"Clear-Site-Data": '"cache", "storage"'}  # nothing stays on the device


@bp.route("/logout-everywhere", methods=["POST"])
@login_required
@bp.response(204)
def logout_everywhere():
    """End every session of this person, this one included."""
    sessions.end_all(current_user)
    db.session.commit()
