"""HTTP shape of /api/auth; the rules are in services and sessions."""

import marshmallow as ma
from flask import Response, after_this_request, current_app
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from server.account.schemas import MeOut, SignInStateOut
from server.account.services import describe_me
from server.api import Blueprint
from server.auth import guessing, sealing, services, sessions
from server.auth.passwords import common_password_list
from server.auth.schemas import (
    CsrfOut,
    KdfOut,
    LoginIn,
    PreloginIn,
    RegisterIn,
    RegisterOut,
    SealingOut,
)
from server.errors import ApiError
from server.extensions import limiter

bp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Sign-up and sign-in")

REGISTERED = {
    "status": "accepted",
    "message": "If this email can be used, the account is ready: sign in with it.",
}


@bp.route("/csrf", methods=["GET"])
@bp.response(200, CsrfOut)
def csrf_token():
    """The token every state-changing request must send in the X-CSRFToken header."""
    return {"csrf_token": generate_csrf()}


class SignedInOut(MeOut):
    sealing = ma.fields.Nested(SealingOut, metadata={
        "description": "To open the journal on this phone with the password"})


@bp.route("/prelogin", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPTS_PER_ADDRESS"])
@bp.arguments(PreloginIn)
@bp.response(200, KdfOut)
def prelogin(data):
    """The salt and Argon2id parameters to derive this email's authentication value with. An
    email without an account gets an answer of the same shape, the same every time."""
    email = services.normalize_email(data["email"])
    return sealing.prelogin_parameters(services.find_by_email(email), email)


@bp.route("/common-passwords", methods=["GET"])
@bp.response(200, content_type="text/plain")
def common_passwords():
    """The 20,000 most common passwords, one a line: the phone refuses them when a password is
    chosen, since only the phone sees the password."""
    return Response(common_password_list(), mimetype="text/plain")


@bp.route("/session", methods=["GET"])
@bp.response(200, SignInStateOut)
def signed_in():
    """Whether this device is signed in, and as whom. A phone opening the app asks this (not
    GET /api/me, which answers 401 to nobody): being signed out is an answer, not an error."""
    if not current_user.is_authenticated:
        return {"signed_in": False, "me": None}
    return {"signed_in": True, "me": describe_me(current_user)}


@bp.route("/register", methods=["POST"])
@limiter.limit(lambda: current_app.config["REGISTRATIONS_PER_ADDRESS"])
@bp.arguments(RegisterIn)
@bp.response(202, RegisterOut)
def register(data):
    """Create an account. The answer is the same whether or not the email was already in use."""
    services.register(data["email"], data["auth"], data["kdf"], data["wrapped_journal_key"],
                      data["display_name"])
    return REGISTERED


@bp.route("/login", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_ATTEMPTS_PER_ADDRESS"])
@bp.arguments(LoginIn)
@bp.response(200, SignedInOut)
def login(data):
    """Sign in on this device with the authentication value derived from the password. Returns
    the person, a fresh CSRF token for this session and what opens the journal. Tries are
    limited per account, and per phone once it has signed in here."""
    user = services.find_by_email(data["email"])
    guessing.count_sign_in_try(user.id if user else None, services.normalize_email(data["email"]))
    if not services.sign_in_matches(user, data["auth"]):
        raise ApiError(401, "invalid_credentials", "The email or password is not right.")
    sessions.start(user, data.get("device_label"))
    after_this_request(lambda response: guessing.remember_device(response, user.id) or response)
    return {**describe_me(user), "csrf_token": generate_csrf(),
            "sealing": services.sealing_of(user)}


@bp.route("/logout", methods=["POST"])
@bp.response(204)
def logout():
    """End this device's session (a no-op when not signed in)."""
    if current_user.is_authenticated:
        sessions.end(sessions.current())
    return None, 204, {"Clear-Site-Data": '"cache", "storage"'}  # nothing stays on the device


@bp.route("/logout-everywhere", methods=["POST"])
@login_required
@bp.response(204)
def logout_everywhere():
    """End every session of this person, this one included."""
    sessions.end_all(current_user)
