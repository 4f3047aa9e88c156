"""Subscriptions (one per device), preferences, and notifications other than ritual reminders."""

import logging
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app
from sqlalchemy import delete, select, update

from server.auth.models import User
from server.auth.sessions import device_label_from_user_agent
from server.database import utcnow
from server.errors import ApiError, not_found
from server.extensions import db
from server.push import endpoints, payload
from server.push.models import NOTIFICATION_KINDS, Delivery, PushPreferences, PushSubscription
from server.push.vapid import b64url_decode
from server.space.models import Membership

log = logging.getLogger(__name__)


# --- Subscriptions ----------------------------------------------------------------------------

def _refuse_endpoint(endpoint: str) -> None:
    try:
        endpoints.service_of(endpoint, current_app.config["PUSH_EXTRA_ALLOWED_HOSTS"])
    except endpoints.EndpointRefused as refused:
        raise ApiError(422, "push_service_not_allowed", str(refused),
                       {"endpoint": str(refused)}) from None


def _refuse_keys(p256dh: str, auth: str) -> None:
    problems = {}
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except (ValueError, TypeError):
        problems["keys.p256dh"] = "Not a P-256 public key (65 bytes, base64url)."
    try:
        if len(b64url_decode(auth)) != 16:
            raise ValueError
    except ValueError:
        problems["keys.auth"] = "Not an auth secret (16 bytes, base64url)."
    if problems:
        raise ApiError(422, "validation_error", "The subscription's keys are not valid.",
                       problems)


def subscribe(user: User, data: dict, user_agent: str) -> tuple[PushSubscription, bool]:
    """Create or update this device's subscription (the app re-sends it on every start).
    An endpoint is one device. If another account subscribed it before, it moves to this one
    only with that subscription's own keys, which only the browser holding it can give (someone
    signing in on a phone another account used): knowing the endpoint alone is no proof, and
    moving it would silence the owner's reminders."""
    endpoint, keys = data["endpoint"], data["keys"]
    _refuse_endpoint(endpoint)
    _refuse_keys(keys["p256dh"], keys["auth"])
    label = (data.get("device_label") or device_label_from_user_agent(user_agent))[:80]
    now = utcnow()
    values = {"user_id": user.id, "p256dh": keys["p256dh"], "auth": keys["auth"],
              "device_label": label, "last_seen_at": now}
    row = db.session.scalar(select(PushSubscription).where(
        PushSubscription.endpoint == endpoint))
    if row is not None:
        if row.user_id != user.id and (row.p256dh, row.auth) != (keys["p256dh"], keys["auth"]):
            raise ApiError(409, "endpoint_taken", "This push address belongs to another "
                           "device's subscription. Subscribe again from this phone.",
                           {"endpoint": "Registered by someone else."})
        if row.user_id != user.id or row.p256dh != keys["p256dh"]:
            # New keys or a new owner: it is a fresh start for this device.
            values.update(failure_count=0, last_error=None, last_success_at=None)
        for name, value in values.items():
            setattr(row, name, value)
        db.session.flush()
        return row, False
    # The endpoint is unique: the same device subscribing in a parallel request makes this
    # one run again and update the row the other made.
    row = PushSubscription(endpoint=endpoint, created_at=now, **values)
    db.session.add(row)
    db.session.flush()
    _keep_newest_devices(user)
    return row, True


def _keep_newest_devices(user: User) -> None:
    """At most PUSH_MAX_DEVICES per person: the ones not seen for longest make room (a phone
    that was reset or replaced never unsubscribes)."""
    limit = current_app.config["PUSH_MAX_DEVICES"]
    stale = db.session.scalars(select(PushSubscription.id).where(
        PushSubscription.user_id == user.id).order_by(PushSubscription.last_seen_at.desc(),
                                                      PushSubscription.created_at.desc())
        .offset(limit)).all()
    remove_subscriptions(stale, "expired")


def devices_of(user: User) -> list[PushSubscription]:
    return list(db.session.scalars(select(PushSubscription).where(
        PushSubscription.user_id == user.id).order_by(PushSubscription.created_at)))


def remove_subscriptions(ids, status: str = "gone") -> int:
    """Delete subscriptions; their deliveries still waiting end with `status`. Returns how many
    this call removed (not those another transaction removed first)."""
    ids = list(ids)
    if not ids:
        return 0
    db.session.execute(update(Delivery).where(
        Delivery.subscription_id.in_(ids), Delivery.status == "pending").values(
        status=status, finished_at=utcnow()))
    return db.session.execute(
        delete(PushSubscription).where(PushSubscription.id.in_(ids))).rowcount


def unsubscribe(user: User, subscription_id: uuid.UUID) -> None:
    row = db.session.get(PushSubscription, subscription_id)
    if row is None or row.user_id != user.id or not remove_subscriptions([row.id], "expired"):
        raise not_found("device")  # or removed a moment ago by another request


def unsubscribe_endpoint(user: User, endpoint: str) -> None:
    """This device stops: same answer whether or not we knew the endpoint."""
    row = db.session.scalar(select(PushSubscription).where(
        PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id))
    if row is not None:
        remove_subscriptions([row.id], "expired")


def service_name(row: PushSubscription) -> str:
    try:
        return endpoints.service_of(row.endpoint, current_app.config["PUSH_EXTRA_ALLOWED_HOSTS"])
    except endpoints.EndpointRefused:
        return "Unknown"


# --- Preferences and quiet hours ----------------------------------------------------------------

def preferences_of(user_id: uuid.UUID) -> PushPreferences:
    found = db.session.get(PushPreferences, user_id)
    return found or PushPreferences(user_id=user_id, acknowledged=True, answered=True,
                                    consent=True, pause=True, daily=True,
                                    time_zone="UTC")


def set_preferences(user: User, data: dict) -> PushPreferences:
    prefs = db.session.get(PushPreferences, user.id)
    if prefs is None:
        prefs = preferences_of(user.id)
        db.session.add(prefs)
    for name, value in data.items():
        setattr(prefs, name, value)
    prefs.updated_at = utcnow()
    db.session.flush()  # one row per person: two phones at once, the loser runs again
    return prefs


def _inside(at: time, start: time, end: time) -> bool:
    if start <= end:
        return start <= at < end
    return at >= start or at < end  # wraps midnight


def quiet_until(prefs: PushPreferences, now: datetime) -> datetime | None:
    """When this person's quiet hours end, if `now` is inside them (else None)."""
    if prefs.quiet_from is None or prefs.quiet_until is None or \
            prefs.quiet_from == prefs.quiet_until:
        return None
    zone = ZoneInfo(prefs.time_zone)
    local = now.astimezone(zone)
    if not _inside(local.time(), prefs.quiet_from, prefs.quiet_until):
        return None
    day = local.date() if local.time() < prefs.quiet_until else local.date() + timedelta(days=1)
    return datetime.combine(day, prefs.quiet_until, zone).astimezone(now.tzinfo)


# --- Notifications other than ritual reminders ------------------------------------------------

def notify_partner(actor_id: uuid.UUID, kind: str) -> None:
    """Queue `kind` for the actor's partner, if they have one: called by each change that
    notifies, where it happens, in the same transaction (a rolled-back change notifies nobody).

    - acknowledged: my partner said "I noticed" about something of mine (records.rules)
    - answered: my partner answered, or answered again, my question (questions.services)
    - consent: my partner proposed an agreement or a change to one: it needs my yes (a new
      agreement: its kind's `notifies`; a change: agreements.services.propose_change)
    - pause: my partner asked for a pause (the pause kind's `notifies`)
    - daily: my partner answered today's question, never with their words (daily.services)

    The words are generic (payload.TEXTS); each person switches each kind on or off and may set
    quiet hours (notify)."""
    for partner_id in partner_ids(actor_id):
        notify(partner_id, kind)


def partner_ids(actor_id: uuid.UUID) -> list[uuid.UUID]:
    """The other live member of the actor's space (none if the actor is alone or not in one)."""
    space = select(Membership.space_id).where(Membership.user_id == actor_id,
                                              Membership.left_at.is_(None)).scalar_subquery()
    return list(db.session.scalars(select(Membership.user_id).where(
        Membership.space_id == space, Membership.user_id != actor_id,
        Membership.left_at.is_(None))))


def notify(user_id: uuid.UUID, kind: str, now: datetime | None = None) -> list[Delivery]:
    """Queue a generic notification to each of this person's devices, if they want this kind.
    Inside their quiet hours it waits until the quiet hours end. The worker sends it; the
    caller's transaction commits it (so a rolled-back change notifies nobody)."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    prefs = preferences_of(user_id)
    if not getattr(prefs, kind):
        return []
    now = now or utcnow()
    start = quiet_until(prefs, now) or now
    config = current_app.config
    queued = []
    for subscription_id in db.session.scalars(select(PushSubscription.id).where(
            PushSubscription.user_id == user_id)):
        delivery_id = uuid.uuid4()
        queued.append(Delivery(
            id=delivery_id, subscription_id=subscription_id, user_id=user_id, kind=kind,
            payload=payload.notification(kind, delivery_id, config["PUBLIC_URL"]),
            topic=payload.topic_for(kind), status="pending", attempts=0, next_attempt_at=start,
            expires_at=start + timedelta(seconds=config["PUSH_TTL_SECONDS"]), created_at=now))
    db.session.add_all(queued)
    return queued
