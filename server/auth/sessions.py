"""Server-side sessions: the signed cookie carries a session row's id, so a session can be ended
from anywhere (another device, a password change) and the old cookie stops working at once."""

import uuid
from datetime import timedelta

from flask import current_app, g, has_request_context, request, session
from flask_login import login_user, logout_user
from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import aliased

from server.auth.models import User, UserSession
from server.database import utcnow
from server.extensions import db, login_manager
from server.space.models import Membership
from server.space.services import remember_live_space

SESSION_KEY = "sid"
# Writing last_seen on every request would turn every read into a write; a minute is plenty.
# The cookie's expiry moves on at the same pace (app config: SESSION_REFRESH_EACH_REQUEST is off,
# so a request that moves nothing does not sign and send the cookie again).
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Every signed-in request runs this: the session row, its person, the id of their live space
# (None outside one) and their partner's id and name (None without one) in one query, built once
# per process. Nearly every answer needs the space (its scope) and the names (its authors).
_partner_seat, _partner = aliased(Membership), aliased(User)
SIGNED_IN = (
    select(UserSession, User, Membership.space_id, _partner.id, _partner.display_name)
    .join(UserSession.user)
    .outerjoin(Membership, and_(Membership.user_id == UserSession.user_id,
                                Membership.left_at.is_(None)))
    .outerjoin(_partner_seat, and_(_partner_seat.space_id == Membership.space_id,
                                   _partner_seat.user_id != Membership.user_id,
                                   _partner_seat.left_at.is_(None)))
    .outerjoin(_partner, _partner.id == _partner_seat.user_id)
    .where(UserSession.id == bindparam("session_id"))
)


def device_label_from_user_agent(user_agent: str) -> str:
    """A person-readable guess like "Chrome on Android" for the sessions list."""
    ua = user_agent or ""
    browser = next((name for marker, name in (
        ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ) if marker in ua), "Browser")
    system = next((name for marker, name in (
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
        ("Mac OS X", "Mac"), ("Linux", "Linux"),
    ) if marker in ua), "unknown device")
    return f"{browser} on {system}"


def start(user: User, device_label: str | None = None) -> UserSession:
    """Sign a person in on this device: a fresh cookie session pointing at a new session row."""
    row = UserSession(
        user_id=user.id,
        device_label=(device_label or device_label_from_user_agent(request.user_agent.string))[:80],
    )
    db.session.add(row)
    db.session.flush()
    session.clear()  # nothing from before sign-in (including the old CSRF token) carries over
    session.permanent = True
    session[SESSION_KEY] = str(row.id)
    login_user(user)
    g.user_session = row
    return row


def current() -> UserSession | None:
    return g.get("user_session")


def known_names() -> dict:
    """Names the sign-in query already brought (the partner's), by person id. A partner cannot
    rename themselves inside my request, so they hold for all of it."""
    return g.get("known_names", {}) if has_request_context() else {}


def end(row: UserSession) -> bool:
    """End this session; False when it had already ended (perhaps a moment ago, by another
    request: the UPDATE only ends a live one)."""
    ended = db.session.execute(
        update(UserSession).where(UserSession.id == row.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())).rowcount == 1
    if current() is not None and current().id == row.id:
        logout_user()
        session.clear()
    return ended


def end_all(user: User, keep: UserSession | None = None) -> int:
    """End every live session of this person except `keep`; returns how many ended."""
    query = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    result = db.session.execute(query.values(ended_at=utcnow()))
    if keep is None:
        logout_user()
        session.clear()
    return result.rowcount


def live_sessions(user: User) -> list[UserSession]:
    return list(db.session.scalars(
        select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())
    ))


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    try:
        session_id = uuid.UUID(session.get(SESSION_KEY, ""))
    except ValueError:
        return None
    found = db.session.execute(SIGNED_IN, {"session_id": session_id}).first()
    if found is None:
        return None
    row, user, space_id, partner_id, partner_name = found
    if row.ended_at is not None or str(row.user_id) != user_id:
        return None
    now = utcnow()
    if now - row.last_seen_at > current_app.permanent_session_lifetime:
        row.ended_at = now
        db.session.commit()
        return None
    if now - row.last_seen_at > LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        if request.method in ("GET", "HEAD", "OPTIONS"):
            db.session.commit()  # a write request commits it with its own change, once
        session.modified = True  # the cookie's expiry moves with last_seen
    remember_live_space(user.id, space_id)
    g.known_names = {partner_id: partner_name} if partner_id else {}
    g.user_session = row
    return user
