"""Recent authentication: what hands over everything a person wrote at once (the exports) asks
for the password again, so an unlocked phone left on a table is not a way to take it all.

Confirming the password stamps this session's signed cookie with the time; for WINDOW after
that the exports answer. The stamp lives and dies with the session (sign-out clears the cookie's
session), and it is signed, so a phone cannot move it forward."""

from datetime import datetime, timedelta

from flask import current_app, session

from server.account.services import confirm_password
from server.auth.models import User
from server.database import utcnow
from server.errors import ApiError

STAMP = "reauthenticated_at"
WINDOW = timedelta(minutes=5)


def window() -> timedelta:
    seconds = current_app.config.get("REAUTHENTICATION_WINDOW_SECONDS")
    return WINDOW if seconds is None else timedelta(seconds=seconds)


def reauthenticate(user: User, auth: str) -> datetime:
    """Check the authentication value the phone derived from the password (403 when wrong) and
    open the window; returns when it closes."""
    confirm_password(user, auth, "auth")
    now = utcnow()
    session[STAMP] = now.timestamp()
    return now + window()


def require_recent_authentication() -> None:
    """403 reauthentication_required unless the password was confirmed within the window."""
    stamped = session.get(STAMP)
    now = utcnow().timestamp()
    if stamped is None or not 0 <= now - stamped <= window().total_seconds():
        raise ApiError(403, "reauthentication_required",
                       "Please type your password again to download your data.",
                       {"auth": "Type your password again to go on."})
