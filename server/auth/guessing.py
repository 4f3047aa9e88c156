"""How many passwords anyone may try, and whose tries count against whom.

A password is checked only after its try has been counted (an atomic increment in the
limiter's storage: Redis in production), so requests that arrive together cannot all slip under
the limit before the first failure is recorded. Every try counts, the right ones too: however
many arrive at once, no more passwords are checked than the limit allows.

The likeliest attacker knows the email and may hold the other phone. So that failures from
elsewhere can never lock the owner out, sign-in tries are counted in one of two places (OWASP's
"device cookies"): a phone that has signed in to this account before carries a signed device
cookie, and its tries count against that phone alone; every other try counts against the
account's shared allowance for unknown devices. Confirming the password while signed in
(changing it, deleting the account, exporting) counts per session: a phone left signed in gives
its holder a few tries, and no other device of the owner is held back by them.
"""

import secrets
import time
import uuid

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from limits import RateLimitItem, parse
from limits.strategies import FixedWindowRateLimiter

from server.auth import sessions
from server.auth.sealing import auth_matches
from server.errors import ApiError
from server.extensions import limiter

DEVICE_COOKIE = "kintsugi_device"
DEVICE_COOKIE_DAYS = 400  # the longest lifetime browsers keep a cookie


def _allowance(setting: str) -> RateLimitItem:
    return parse(current_app.config[setting])


def _counter() -> FixedWindowRateLimiter:
    # A fixed window whatever strategy the decorators use: its hit is one atomic increment.
    return FixedWindowRateLimiter(limiter.storage)


def _count(setting: str, key: str) -> None:
    """Count one try against `key`, or answer 429 when its allowance is used up."""
    allowance = _allowance(setting)
    counter = _counter()
    if not counter.hit(allowance, "password-tries", key):
        counter.hit(allowance, "password-tries", key, cost=-1)  # a refused try uses nothing
        reset = counter.get_window_stats(allowance, "password-tries", key).reset_time
        wait = max(1, round(reset - time.time()))
        raise ApiError(429, "rate_limited", "Too many password tries. Please wait a minute and "
                       "try again.", headers={"Retry-After": str(wait)})


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kintsugi-device")


def _known_device(user_id: uuid.UUID | None) -> str | None:
    """This phone's device id if it has signed in to this account before."""
    cookie = request.cookies.get(DEVICE_COOKIE)
    if not cookie or user_id is None:
        return None
    try:
        device = _serializer().loads(cookie)
    except BadSignature:
        return None
    if not isinstance(device, dict) or device.get("account") != str(user_id):
        return None
    return device.get("device")


def count_sign_in_try(user_id: uuid.UUID | None, email: str) -> None:
    """Count a sign-in try before its password is checked (429 when none is left): against
    this phone if it is known to the account, else against the account's unknown devices."""
    device = _known_device(user_id)
    if device is not None:
        _count("PASSWORD_TRIES_PER_KNOWN_DEVICE", f"device:{device}")
    else:
        _count("PASSWORD_TRIES_PER_ACCOUNT", f"account:{email}")


def remember_device(response, user_id: uuid.UUID) -> None:
    """After a right password: this phone is known to the account from now on."""
    device = _known_device(user_id) or secrets.token_urlsafe(16)
    response.set_cookie(DEVICE_COOKIE, _serializer().dumps({"account": str(user_id),
                                                            "device": device}),
                        max_age=DEVICE_COOKIE_DAYS * 86400, path="/api/auth",
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True,
                        samesite="Strict")


def count_confirmation_try(session_id: uuid.UUID) -> None:
    """Count a try at confirming the password in this signed-in session (429 when none is
    left)."""
    _count("PASSWORD_TRIES_PER_SESSION", f"session:{session_id}")


def confirm_password(user, auth: str, field: str) -> None:
    """The signed-in person proves it is them with the authentication value their phone derives
    from the password (to change it, delete the account, export): a try is counted for this
    session first, then 403 naming `field` if wrong."""
    count_confirmation_try(sessions.current().id)
    if not auth_matches(user, auth):
        raise ApiError(403, "wrong_password", "The password is not right.",
                       {field: "The password is not right."})
