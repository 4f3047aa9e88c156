"""Push reminders (issue 5): subscriptions, the scheduler and the sender, against a fake push
service on loopback that verifies every request like a real one (see fake_push.py).

The scheduler runs in-process here with an injected clock, on the suite's database (SQLite, or
PostgreSQL with TEST_DATABASE_URL). The multi-process tests (two workers with SKIP LOCKED, a
worker killed mid-batch) are in test_push_workers.py.
"""

import json
import logging
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fake_push import FakePushService, b64, public_bytes
from helpers import error_of
from sqlalchemy import func, select, update

from server.database import utcnow
from server.extensions import db
from server.push import endpoints, payload
from server.push.models import Delivery, PushPreferences, PushSubscription
from server.push.outbox import claim, send_due
from server.push.scheduler import claim_due
from server.push.sender import Message, Sender, retry_after_seconds
from server.push.services import notify, quiet_until
from server.push.vapid import VapidHeaders, b64url_decode
from server.push.worker import tick
from server.rituals.models import Occurrence, Ritual
from server.rituals.schedule import next_occurrence

DAILY = [1, 2, 3, 4, 5, 6, 7]
PUSH_TEST_CONFIG = {
    "PUSH_EXTRA_ALLOWED_HOSTS": ["127.0.0.1"],
    "PUSH_TIMEOUT_SECONDS": 10.0,
    "PUSH_BACKOFF_SECONDS": 5.0,
    "PUSH_MAX_ATTEMPTS": 3,
    "PUBLIC_URL": "https://kintsugi.example",
}
PERSONAL = ("Ana", "Ben", "ana@", "ben@", "Evening walk", "Where were you")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def app(make_app):
    return make_app(**PUSH_TEST_CONFIG)


@pytest.fixture
def fake_push(app):
    with FakePushService(expected_key=app.config["VAPID_PUBLIC_KEY"]) as service:
        yield service
    assert service.errors == [], "every request must pass the fake service's checks"


def subscribe(phone, fake, **extra):
    subscription = fake.subscription()
    response = phone.post("/api/push/subscriptions", {**subscription, **extra})
    assert response.status_code == 201, response.get_json()
    return subscription, response.get_json()


def make_ritual(ana, ben, at="21:00", zone="Europe/Berlin", weekdays=DAILY,
                title="Evening walk"):
    ritual_id = str(uuid.uuid4())
    response = ana.request("PUT", f"/api/rituals/{ritual_id}", json={
        "title": title, "activity": "walk", "weekdays": weekdays, "local_time": at,
        "time_zone": zone, "occurred_at": "2026-11-01T20:00:00+01:00"})
    assert response.status_code == 201, response.get_json()
    if ben is not None:
        assert ben.post(f"/api/rituals/{ritual_id}/accept").status_code == 200
    return uuid.UUID(ritual_id)


def set_next_fire(app, ritual_id, after):
    """Put the ritual's next time where a worker running at `after` would find it."""
    with app.app_context():
        ritual = db.session.get(Ritual, ritual_id)
        _, ritual.next_fire_at = next_occurrence(ritual.weekdays, ritual.local_time,
                                                 ritual.time_zone, after)
        db.session.commit()
        return ritual.next_fire_at


def run_tick(app, now):
    with app.app_context():
        sender = Sender.from_config(app.config)
        try:
            return tick(sender, now)
        finally:
            sender.close()


def run_send(app, now):
    with app.app_context():
        sender = Sender.from_config(app.config)
        try:
            return send_due(sender, now)
        finally:
            sender.close()


def deliveries(app, **where):
    with app.app_context():
        query = select(Delivery)
        for name, value in where.items():
            query = query.where(getattr(Delivery, name) == value)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def subscription_row(app, endpoint):
    with app.app_context():
        row = db.session.scalar(select(PushSubscription).where(
            PushSubscription.endpoint == endpoint))
        if row is not None:
            db.session.expunge(row)
        return row


@pytest.fixture
def due(app, couple, fake_push):
    """Ana (two phones) and Ben (one phone) with a daily 21:00 Berlin walk, due at `now`."""
    ana, ben = couple
    devices = {name: subscribe(phone, fake_push)[0] for name, phone in (
        ("ana-phone", ana), ("ana-tablet", ana), ("ben-phone", ben))}
    ritual = make_ritual(ana, ben)
    fire = set_next_fire(app, ritual, utc(2026, 11, 24, 12))
    return {"ritual": ritual, "fire": fire, "devices": devices, "ana": ana, "ben": ben}


# --- The public key and subscriptions ---------------------------------------------------------

def test_public_key_is_the_vapid_application_server_key(app, client):
    response = client.get("/api/push/public-key")
    assert response.status_code == 200
    key = response.get_json()["public_key"]
    assert key == app.config["VAPID_PUBLIC_KEY"]
    raw = b64url_decode(key)
    assert len(raw) == 65 and raw[0] == 4  # an uncompressed P-256 point


def test_subscribing_again_updates_the_one_row_of_this_device(app, person, fake_push):
    ana = person("ana")
    subscription, first = subscribe(ana, fake_push, device_label="Ana's phone")
    assert first["device_label"] == "Ana's phone" and first["service"] == "Test push service"
    new_keys = fake_push.subscription()["keys"]
    again = ana.post("/api/push/subscriptions", {**subscription, "keys": new_keys})
    assert again.status_code == 200
    assert again.get_json()["id"] == first["id"]
    devices = ana.get("/api/push/subscriptions").get_json()
    assert [d["id"] for d in devices] == [first["id"]]
    assert subscription_row(app, subscription["endpoint"]).p256dh == new_keys["p256dh"]


def test_the_device_label_defaults_to_the_browser(person, fake_push):
    ana = person("ana")
    body = fake_push.subscription()
    response = ana.post("/api/push/subscriptions", body, headers={
        "User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0"})
    assert response.get_json()["device_label"] == "Chrome on Android"


def test_a_device_that_changes_hands_moves_to_the_new_account(person, fake_push):
    ana, ben = person("ana"), person("ben")
    subscription, _ = subscribe(ana, fake_push)
    assert ben.post("/api/push/subscriptions", subscription).status_code == 200
    assert ana.get("/api/push/subscriptions").get_json() == []
    assert len(ben.get("/api/push/subscriptions").get_json()) == 1


def test_knowing_someones_endpoint_does_not_take_their_reminders(person, fake_push):
    ana, ben = person("ana"), person("ben")
    subscription, device = subscribe(ana, fake_push)
    # Ben read her endpoint off her phone, but not the keys her browser holds for it.
    other_keys = fake_push.subscription()["keys"]
    taken = ben.post("/api/push/subscriptions", {**subscription, "keys": other_keys})
    assert taken.status_code == 409
    assert error_of(taken)["code"] == "endpoint_taken"
    assert error_of(taken)["fields"] == {"endpoint": "Registered by someone else."}
    assert [d["id"] for d in ana.get("/api/push/subscriptions").get_json()] == [device["id"]]
    assert ben.get("/api/push/subscriptions").get_json() == []


def test_a_person_has_at_most_ten_devices_the_oldest_make_room(person, fake_push):
    ana = person("ana")
    first, _ = subscribe(ana, fake_push, device_label="old phone")
    for number in range(10):
        subscribe(ana, fake_push, device_label=f"device {number}")
    labels = [d["device_label"] for d in ana.get("/api/push/subscriptions").get_json()]
    assert len(labels) == 10 and "old phone" not in labels


def test_unsubscribe_by_id_and_by_endpoint(person, fake_push):
    ana, ben = person("ana"), person("ben")
    first, first_out = subscribe(ana, fake_push)
    second, _ = subscribe(ana, fake_push)
    assert ben.delete(f"/api/push/subscriptions/{first_out['id']}").status_code == 404
    assert ana.delete(f"/api/push/subscriptions/{first_out['id']}").status_code == 204
    assert ana.post("/api/push/unsubscribe", {"endpoint": second["endpoint"]}).status_code == 204
    assert ana.post("/api/push/unsubscribe", {"endpoint": second["endpoint"]}).status_code == 204
    assert ana.get("/api/push/subscriptions").get_json() == []


def test_subscribing_needs_sign_in_and_the_csrf_header(client, person, fake_push):
    body = fake_push.subscription()
    response = client.post("/api/push/subscriptions", body)
    assert (response.status_code, error_of(response)["code"]) == (401, "not_authenticated")
    ana = person("ana")
    response = ana.post("/api/push/subscriptions", body, csrf=False)
    assert response.status_code == 400 and error_of(response)["code"] == "csrf_failed"


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com/fcm/send/abc:def",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
    "https://web.push.apple.com/QGuQyavXutnMH",
    "https://api.push.apple.com/3/device/x",
])
def test_the_known_push_services_are_accepted(endpoint):
    assert endpoints.service_of(endpoint) in ("Google", "Mozilla", "Microsoft", "Apple")


@pytest.mark.parametrize("endpoint", [
    "http://fcm.googleapis.com/fcm/send/abc",            # not https
    "https://fcm.googleapis.com:8443/fcm/send/abc",      # another port
    "https://fcm.googleapis.com.evil.example/send",      # suffix trick
    "https://evilfcm.googleapis.com.example/send",
    "https://notapple.com/push.apple.com",
    "https://fcm.googleapis.com@169.254.169.254/latest",  # userinfo trick
    "https://169.254.169.254/latest/meta-data",
    "https://127.0.0.1/push",
    "https://localhost/push",
    "file:///etc/passwd",
    "https://[::1]/push",
    "not a url",
    "https://evil.example\\@fcm.googleapis.com/send",   # a backslash some parsers split at
    "https://evil.example%2F.fcm.googleapis.com/send",  # %2F in the host
    "https://evil.example%2f@fcm.googleapis.com/send",
    "https://fcm.googleapis.com%2F@evil.example/send",
    "https://fcm.googleapis.com./send",                 # a trailing dot: another name
    "https://FCM.googleapis.com:/send",                 # an empty port
    "https://fcm.googleapis.com/send\nHost: evil",     # a line break
    "https://fcm.googleapis.com/s end",                 # a space
    "https://fcm.googleapis.com\u3002evil.example/x",   # an ideographic full stop
])
def test_other_endpoints_are_refused(endpoint):
    with pytest.raises(endpoints.EndpointRefused):
        endpoints.service_of(endpoint)


def test_the_api_refuses_unknown_push_services_with_a_clear_error(person, fake_push):
    ana = person("ana")
    body = fake_push.subscription()
    for endpoint in ("https://attacker.example/collect", "http://169.254.169.254/latest",
                     "https://fcm.googleapis.com.attacker.example/x"):
        response = ana.post("/api/push/subscriptions", {**body, "endpoint": endpoint})
        assert response.status_code == 422
        error = error_of(response)
        assert error["code"] == "push_service_not_allowed"
        assert "endpoint" in error["fields"]
    assert ana.get("/api/push/subscriptions").get_json() == []


def test_keys_and_encoding_are_checked(person, fake_push):
    ana = person("ana")
    body = fake_push.subscription()
    bad_point = b64(b"\x04" + b"\x01" * 64)
    for keys, field in (({"p256dh": bad_point, "auth": body["keys"]["auth"]}, "keys.p256dh"),
                        ({"p256dh": body["keys"]["p256dh"], "auth": b64(b"short")}, "keys.auth")):
        response = ana.post("/api/push/subscriptions", {**body, "keys": keys})
        assert response.status_code == 422 and field in error_of(response)["fields"]
    response = ana.post("/api/push/subscriptions", {**body, "encoding": "aesgcm"})
    assert response.status_code == 422 and "encoding" in error_of(response)["fields"]
    response = ana.post("/api/push/subscriptions", {"endpoint": body["endpoint"]})
    assert response.status_code == 422 and "keys" in error_of(response)["fields"]
    for keys in ("text", {"p256dh": body["keys"]["p256dh"]}, {**body["keys"], "extra": 1}):
        response = ana.post("/api/push/subscriptions", {**body, "keys": keys})
        assert response.status_code == 422 and "keys" in error_of(response)["fields"]


DEFAULTS = {"acknowledged": True, "answered": True, "consent": True, "pause": True, "daily": True,
            "quiet_from": None, "quiet_until": None, "time_zone": "UTC"}


def set_preferences(phone, **changes):
    return phone.request("PUT", "/api/push/preferences", json={**DEFAULTS, **changes})


def test_preferences_and_quiet_hours(person):
    ana = person("ana")
    assert ana.get("/api/push/preferences").get_json() == DEFAULTS
    response = set_preferences(ana, answered=False, quiet_from="22:30", quiet_until="07:30",
                               time_zone="Europe/Berlin")
    assert response.status_code == 200
    assert ana.get("/api/push/preferences").get_json()["quiet_from"] == "22:30:00"
    half = set_preferences(ana, quiet_from="22:30")
    assert half.status_code == 422 and "quiet_until" in error_of(half)["fields"]
    assert set_preferences(ana, time_zone="Mars/Olympus").status_code == 422
    partial = ana.request("PUT", "/api/push/preferences", json={"pause": False})
    assert partial.status_code == 422 and "answered" in error_of(partial)["fields"]


def test_quiet_hours_wrap_midnight_in_the_persons_zone():
    prefs = PushPreferences(quiet_from=time(22, 30), quiet_until=time(7, 30),
                            time_zone="Europe/Berlin")
    # 23:00 Berlin (CET, UTC+1) on 24 Nov → quiet until 07:30 Berlin on the 25th.
    assert quiet_until(prefs, utc(2026, 11, 24, 22)) == utc(2026, 11, 25, 6, 30)
    assert quiet_until(prefs, utc(2026, 11, 25, 5)) == utc(2026, 11, 25, 6, 30)
    assert quiet_until(prefs, utc(2026, 11, 25, 6, 30)) is None
    assert quiet_until(prefs, utc(2026, 11, 24, 12)) is None


# --- The scheduler ----------------------------------------------------------------------------

def test_a_due_ritual_reaches_each_device_exactly_once(app, due, fake_push):
    now = due["fire"] + timedelta(seconds=10)
    claimed, sent = run_tick(app, now)
    assert (claimed.claimed, claimed.sent, claimed.deliveries) == (1, 1, 3)
    assert sent.sent == 3
    # More ticks, now and later, add nothing.
    for later in (now, now + timedelta(seconds=30), now + timedelta(minutes=5)):
        claimed, sent = run_tick(app, later)
        assert claimed.deliveries == 0 and sent.sent == 0
    rows = deliveries(app)
    assert len(rows) == 3 and {r.status for r in rows} == {"sent"}
    assert len({r.subscription_id for r in rows}) == 3
    assert len({r.occurrence_id for r in rows}) == 1
    tokens = sorted(r.token for r in fake_push.received)
    assert tokens == sorted(fake_push.token_of(s["endpoint"]) for s in due["devices"].values())
    with app.app_context():
        occurrence = db.session.scalar(select(Occurrence))
        assert occurrence.reminder == "sent" and occurrence.due_at == due["fire"]
        assert occurrence.local_date.isoformat() == "2026-11-24"
        assert db.session.get(Ritual, due["ritual"]).next_fire_at == utc(2026, 11, 25, 20)


def test_the_message_is_generic_declarative_web_push(app, due, fake_push):
    run_tick(app, due["fire"])
    received = fake_push.received
    assert len(received) == 3
    tags = set()
    for request in received:
        text = request.plaintext.decode()
        for word in PERSONAL:
            assert word not in text
        message = json.loads(text)
        assert message["web_push"] == 8030
        notification = message["notification"]
        assert notification["title"] == "Time for your evening ritual"
        assert notification["body"] == "You have a reminder"
        assert notification["navigate"] == "https://kintsugi.example/"
        tags.add(notification["tag"])
        assert int(request.headers["TTL"]) > 0
        assert request.headers["Urgency"] == "high"
        assert request.headers["Topic"] == payload.topic_for("ritual", due["ritual"])
        assert request.claims["aud"] == fake_push.origin  # with the port
        assert request.claims["exp"] <= datetime.now(UTC).timestamp() + 24 * 3600
        assert request.claims["sub"] == app.config["VAPID_SUBJECT"]
    assert len(tags) == 1, "one tag per occurrence: a repeat replaces, never stacks"


def test_a_person_who_switched_the_reminder_off_gets_nothing(app, due, fake_push):
    ben = due["ben"]
    assert ben.request("PUT", f"/api/rituals/{due['ritual']}/reminder",
                       json={"enabled": False}).status_code == 200
    run_tick(app, due["fire"])
    ben_token = fake_push.token_of(due["devices"]["ben-phone"]["endpoint"])
    assert len(fake_push.received) == 2
    assert fake_push.for_token(ben_token) == []


def test_nothing_before_its_time_and_nothing_for_a_proposed_ritual(app, couple, fake_push):
    ana, ben = couple
    subscribe(ana, fake_push)
    proposed = make_ritual(ana, None)
    with app.app_context():
        assert db.session.get(Ritual, proposed).next_fire_at is None
    active = make_ritual(ana, ben)
    fire = set_next_fire(app, active, utc(2026, 11, 24, 12))
    claimed, _ = run_tick(app, fire - timedelta(seconds=1))
    assert claimed.claimed == 0 and deliveries(app) == []


def test_a_day_marked_before_its_reminder_is_still_reminded_once(app, due, fake_push):
    with app.app_context():  # a partner marked "done" early: the occurrence row exists already
        db.session.add(Occurrence(ritual_id=due["ritual"], space_id=db.session.get(
            Ritual, due["ritual"]).space_id, local_date=due["fire"].date(), due_at=due["fire"]))
        db.session.commit()
    claimed, sent = run_tick(app, due["fire"])
    assert (claimed.sent, sent.sent) == (1, 3)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Occurrence)) == 1


def test_too_late_is_recorded_as_missed_and_not_sent(app, due, fake_push):
    # The worker was down for six hours: 03:00 in Berlin is no time for the 21:00 reminder.
    now = due["fire"] + timedelta(hours=6)
    claimed, sent = run_tick(app, now)
    assert (claimed.sent, claimed.missed, claimed.deliveries, sent.sent) == (0, 1, 0, 0)
    assert fake_push.received == []
    with app.app_context():
        occurrence = db.session.scalar(select(Occurrence))
        assert occurrence.reminder == "missed"
        assert db.session.get(Ritual, due["ritual"]).next_fire_at == utc(2026, 11, 25, 20)


def test_days_missed_while_the_worker_was_away_are_each_recorded(app, due, fake_push):
    # Down for three days; back at 21:00:30 on the third: two days missed, today reminded.
    now = due["fire"] + timedelta(days=2, seconds=30)
    claimed, sent = run_tick(app, now)
    assert (claimed.missed, claimed.sent, sent.sent) == (2, 1, 3)
    with app.app_context():
        days = db.session.execute(select(Occurrence.local_date, Occurrence.reminder)
                                  .order_by(Occurrence.local_date)).all()
    assert [(d.isoformat(), r) for d, r in days] == [
        ("2026-11-24", "missed"), ("2026-11-25", "missed"), ("2026-11-26", "sent")]


def test_a_ritual_that_cannot_be_scheduled_does_not_block_the_others(app, due, fake_push):
    ana, ben = due["ana"], due["ben"]
    broken = make_ritual(ana, ben, at="07:00")
    set_next_fire(app, broken, utc(2026, 11, 24, 5))
    with app.app_context():  # e.g. a zone that a newer tzdata renamed away
        db.session.execute(update(Ritual).where(Ritual.id == broken).values(
            time_zone="Atlantis/Lost"))
        db.session.commit()
    claimed, sent = run_tick(app, due["fire"])
    assert (claimed.claimed, claimed.sent, sent.sent) == (2, 1, 3)
    with app.app_context():
        assert db.session.get(Ritual, broken).next_fire_at is None


def test_an_ended_space_stops_its_rituals(app, due, fake_push):
    assert due["ben"].post("/api/space/leave").status_code == 204
    with app.app_context():  # leaving clears it; a stale one must not remind anyone either
        assert db.session.get(Ritual, due["ritual"]).next_fire_at is None
        db.session.execute(update(Ritual).values(next_fire_at=due["fire"]))
        db.session.commit()
    claimed, sent = run_tick(app, due["fire"])
    assert claimed.claimed == 1 and claimed.deliveries == 0 and sent.sent == 0
    with app.app_context():
        assert db.session.get(Ritual, due["ritual"]).next_fire_at is None


@pytest.mark.parametrize(("zone", "at", "nights"), [
    # Berlin, spring forward on 29 March 2026 (02:00 → 03:00): 21:00 is 20:00 UTC before, 19:00
    # after; 02:30 does not exist that night and rings at 03:30 CEST (the gap moves it forward).
    ("Europe/Berlin", "21:00", [("2026-03-28", utc(2026, 3, 28, 20)),
                                ("2026-03-29", utc(2026, 3, 29, 19)),
                                ("2026-03-30", utc(2026, 3, 30, 19))]),
    ("Europe/Berlin", "02:30", [("2026-03-28", utc(2026, 3, 28, 1, 30)),
                                ("2026-03-29", utc(2026, 3, 29, 1, 30)),
                                ("2026-03-30", utc(2026, 3, 30, 0, 30))]),
    # Berlin, fall back on 25 October 2026 (03:00 → 02:00): 02:30 happens twice; the first.
    ("Europe/Berlin", "02:30", [("2026-10-24", utc(2026, 10, 24, 0, 30)),
                                ("2026-10-25", utc(2026, 10, 25, 0, 30)),
                                ("2026-10-26", utc(2026, 10, 26, 1, 30))]),
    # New York, spring forward on 8 March 2026 at 02:00.
    ("America/New_York", "07:00", [("2026-03-07", utc(2026, 3, 7, 12)),
                                   ("2026-03-08", utc(2026, 3, 8, 11)),
                                   ("2026-03-09", utc(2026, 3, 9, 11))]),
])
def test_dst_nights_deliver_at_the_agreed_wall_time(app, couple, fake_push, zone, at, nights):
    ana, ben = couple
    subscription, _ = subscribe(ana, fake_push)
    ritual = make_ritual(ana, ben, at=at, zone=zone)
    first_day, first_due = nights[0]
    set_next_fire(app, ritual, first_due - timedelta(hours=1))
    seen = []
    for day, instant in nights:
        # A worker ticking every 30 s: nothing 30 s before, the reminder at the tick after.
        claimed, _ = run_tick(app, instant - timedelta(seconds=30))
        assert claimed.claimed == 0, f"too early on {day}"
        claimed, sent = run_tick(app, instant + timedelta(seconds=5))
        assert (claimed.sent, sent.sent) == (1, 1), f"not reminded on {day}"
        seen.append(day)
        with app.app_context():
            occurrence = db.session.scalar(select(Occurrence).where(
                Occurrence.ritual_id == ritual).order_by(Occurrence.local_date.desc()))
            assert (occurrence.local_date.isoformat(), occurrence.due_at) == (day, instant)
    assert len(fake_push.received) == len(nights)
    assert len({r.message["notification"]["tag"] for r in fake_push.received}) == len(nights)


# --- The sender: every answer of the push service ---------------------------------------------

def test_201_marks_sent_and_the_device_healthy(app, due, fake_push):
    run_tick(app, due["fire"])
    row = subscription_row(app, due["devices"]["ana-phone"]["endpoint"])
    assert row.last_success_at is not None and row.failure_count == 0
    assert {r.last_status for r in deliveries(app)} == {201}


@pytest.mark.parametrize("status", [404, 410])
def test_gone_removes_the_subscription(app, due, fake_push, status):
    ana_phone = due["devices"]["ana-phone"]
    fake_push.script(ana_phone, status)
    _, sent = run_tick(app, due["fire"])
    assert (sent.sent, sent.gone) == (2, 1)
    assert subscription_row(app, ana_phone["endpoint"]) is None
    gone = deliveries(app, status="gone")
    assert len(gone) == 1 and gone[0].subscription_id is None and gone[0].last_status == status
    assert len(due["ana"].get("/api/push/subscriptions").get_json()) == 1


def test_429_waits_for_retry_after_then_sends(app, due, fake_push):
    ben_phone = due["devices"]["ben-phone"]
    fake_push.script(ben_phone, (429, {"Retry-After": "120"}))
    now = due["fire"]
    _, sent = run_tick(app, now)
    assert (sent.sent, sent.retried) == (2, 1)
    waiting = deliveries(app, status="pending")
    assert len(waiting) == 1
    assert waiting[0].next_attempt_at == now + timedelta(seconds=120)  # not the 5 s backoff
    assert run_send(app, now + timedelta(seconds=119)).sent == 0
    assert run_send(app, now + timedelta(seconds=120)).sent == 1
    assert len(fake_push.for_token(fake_push.token_of(ben_phone["endpoint"]))) == 2
    assert subscription_row(app, ben_phone["endpoint"]).failure_count == 0


def test_500_backs_off_exponentially_then_fails(app, due, fake_push):
    ben_phone = due["devices"]["ben-phone"]
    fake_push.script(ben_phone, 500, 503, 502)
    now = due["fire"]
    run_tick(app, now)
    delays = []
    for _ in range(2):
        waiting = deliveries(app, status="pending")[0]
        delays.append((waiting.next_attempt_at - now).total_seconds())
        now = waiting.next_attempt_at
        run_send(app, now)
    assert delays == [5.0, 10.0]  # 5 s, then doubled
    failed = deliveries(app, status="failed")
    assert len(failed) == 1 and failed[0].attempts == 3 and failed[0].last_status == 502
    row = subscription_row(app, ben_phone["endpoint"])
    assert row is not None and row.failure_count == 3 and row.last_error == "HTTP 502"


def test_a_hanging_push_service_times_out_and_is_retried(make_app, app, due, fake_push):
    ben_phone = due["devices"]["ben-phone"]
    fake_push.script(ben_phone, "hang")
    impatient = make_app(**{**PUSH_TEST_CONFIG, "PUSH_TIMEOUT_SECONDS": 0.5})
    started = datetime.now(UTC)
    _, sent = run_tick(impatient, due["fire"])
    assert (datetime.now(UTC) - started).total_seconds() < 5  # the others did not wait
    assert (sent.sent, sent.retried) == (2, 1)
    assert subscription_row(app, ben_phone["endpoint"]).last_error == "timeout"
    assert run_send(app, due["fire"] + timedelta(seconds=5)).sent == 1


@pytest.mark.parametrize("status", [400, 403, 413])
def test_a_refusal_raises_an_alert_and_keeps_the_subscription(app, due, fake_push, status,
                                                              caplog):
    ben_phone = due["devices"]["ben-phone"]
    fake_push.script(ben_phone, status)
    with caplog.at_level(logging.ERROR, logger="server.push.outbox"):
        _, sent = run_tick(app, due["fire"])
    assert (sent.sent, sent.rejected) == (2, 1)
    assert any("ALERT" in record.getMessage() and str(status) in record.getMessage()
               for record in caplog.records)
    row = subscription_row(app, ben_phone["endpoint"])
    assert row is not None and row.last_error == f"HTTP {status}"
    assert deliveries(app, status="rejected")[0].last_status == status
    # Not retried: the next tick sends nothing more.
    assert run_send(app, due["fire"] + timedelta(hours=1)).outcomes == []


def test_a_delivery_past_its_window_expires_instead_of_being_sent(app, due, fake_push):
    fake_push.script(due["devices"]["ben-phone"], (503, {"Retry-After": "10800"}))
    run_tick(app, due["fire"])
    later = due["fire"] + timedelta(hours=3)  # past the 2 h window
    result = run_send(app, later)
    assert (result.sent, result.expired) == (0, 1)
    assert len(deliveries(app, status="expired")) == 1


def test_a_dead_workers_lease_runs_out_and_the_delivery_is_sent(app, due, fake_push):
    now = due["fire"]
    with app.app_context():
        claim_due(now)
        claimed, _ = claim(now, 10)  # ... and the worker dies before sending
        assert len(claimed) == 3
    assert run_send(app, now + timedelta(seconds=60)).sent == 0  # still leased
    assert run_send(app, now + timedelta(seconds=121)).sent == 3
    assert {r.attempts for r in deliveries(app)} == {2}


def test_retry_after_as_seconds_or_http_date():
    now = utc(2026, 11, 24, 20)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Tue, 24 Nov 2026 20:02:00 GMT", now) == 120.0
    assert retry_after_seconds("Tue, 24 Nov 2026 19:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds("99999999") == 24 * 3600


def test_vapid_header_is_cached_per_origin_with_fresh_claims(app):
    headers = VapidHeaders(app.config["VAPID_PRIVATE_KEY"], "mailto:ops@kintsugi.example",
                           lifetime=3600, margin=300)
    now = 1_800_000_000
    first = headers.header("https://fcm.googleapis.com", now)
    assert headers.header("https://fcm.googleapis.com", now + 3000) == first  # cached
    other = headers.header("https://web.push.apple.com", now)
    assert other != first

    def claims(header):
        token = header.split("t=")[1].split(",")[0]
        return json.loads(b64url_decode(token.split(".")[1]))

    assert claims(first) == {"sub": "mailto:ops@kintsugi.example",
                             "aud": "https://fcm.googleapis.com", "exp": now + 3600}
    assert claims(other)["aud"] == "https://web.push.apple.com"
    refreshed = headers.header("https://fcm.googleapis.com", now + 3400)  # within the margin
    assert refreshed != first and claims(refreshed)["exp"] == now + 3400 + 3600


def test_the_sender_refuses_an_endpoint_outside_the_allow_list(app):
    sender = Sender.from_config({**app.config, "PUSH_EXTRA_ALLOWED_HOSTS": []})
    key = public_bytes(ec.generate_private_key(ec.SECP256R1()))
    try:
        [outcome] = sender.send([Message("http://127.0.0.1:9/push/x", b64(key), b64(b"0" * 16),
                                         b"{}", "t", 60)])
    finally:
        sender.close()
    assert outcome.result == "rejected" and "not allowed" in outcome.detail


# --- Other notifications ----------------------------------------------------------------------

def test_an_answer_notifies_the_asker_generically(app, couple, fake_push):
    ana, ben = couple
    ana_phone, _ = subscribe(ana, fake_push)
    subscribe(ben, fake_push)
    question = str(uuid.uuid4())
    assert ana.request("PUT", f"/api/questions/{question}", json={
        "text": "Where were you on the night of the 3rd?",
        "occurred_at": "2026-11-01T20:00:00+01:00"}).status_code == 201
    assert ben.request("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}",
                       json={"text": "At Ben's brother's", "based_on": 0}).status_code == 201
    queued = deliveries(app, kind="answered")
    assert len(queued) == 1
    result = run_send(app, utcnow())
    assert result.sent == 1
    [request] = fake_push.received
    assert request.token == fake_push.token_of(ana_phone["endpoint"])
    text = request.plaintext.decode()
    assert json.loads(text)["notification"]["title"] == "A question has an answer"
    for word in (*PERSONAL, "brother"):
        assert word not in text


AGREEMENT = {"title": "Plans", "terms": "We tell each other when plans change.",
             "why": None, "category": "communication", "review_on": None}


def agreement_ben_proposed(ana, ben) -> str:
    agreement = str(uuid.uuid4())
    assert ben.request("PUT", f"/api/agreements/{agreement}", json={
        **AGREEMENT, "occurred_at": "2026-11-01T20:00:00+01:00"}).status_code == 201
    return agreement


def ben_acknowledges_a_checkin(ana, ben) -> list:
    checkin = f"/api/checkins/{uuid.uuid4()}"
    assert ana.request("PUT", checkin, json={
        "feelings": ["hope"], "intensity": 3, "want_you_to_know": "Where were you",
        "occurred_at": "2026-11-01T20:00:00+01:00"}).status_code == 201
    return [("PUT", f"{checkin}/acknowledgement", {"words": None}, 200)]


def ben_proposes_an_agreement(ana, ben) -> list:
    return [("PUT", f"/api/agreements/{uuid.uuid4()}",
             {**AGREEMENT, "occurred_at": "2026-11-01T20:00:00+01:00"}, 201)]


def ben_proposes_a_change(ana, ben) -> list:
    agreement = agreement_ben_proposed(ana, ben)
    assert ana.post(f"/api/agreements/{agreement}/consent",
                    {"version_number": 1}).status_code == 200
    return [("PUT", f"/api/agreements/{agreement}/versions/{uuid.uuid4()}",
             {**AGREEMENT, "terms": "Within the hour.", "based_on": 1}, 201)]


def ben_asks_for_a_pause(ana, ben) -> list:
    return [("PUT", f"/api/pauses/{uuid.uuid4()}",
             {"minutes": 30, "note": "Evening walk", "occurred_at": "2026-11-01T20:00:00+01:00"},
             201)]


def ben_answers_todays_question(ana, ben) -> list:
    day = datetime.now(UTC).date().isoformat()
    prompt = ben.get(f"/api/daily/today?day={day}").get_json()["prompt"]["id"]
    return [("PUT", f"/api/daily/answers/{uuid.uuid4()}",
             {"day": day, "prompt_id": prompt, "text": "Where were you",
              "occurred_at": datetime.now(UTC).isoformat()}, 201)]


@pytest.mark.parametrize(("cause", "kind"), [
    (ben_acknowledges_a_checkin, "acknowledged"),
    (ben_proposes_an_agreement, "consent"),
    (ben_proposes_a_change, "consent"),
    (ben_asks_for_a_pause, "pause"),
    (ben_answers_todays_question, "daily"),
], ids=lambda value: getattr(value, "__name__", value))
def test_each_cause_notifies_the_partner_once_generically(app, couple, fake_push, cause, kind):
    """Every notification besides "answered" (above), through HTTP: Ben's step queues one
    generic message for Ana's phone (none for Ben's), and the same request sent again (an
    outbox replay) queues nothing more."""
    ana, ben = couple
    ana_phone, _ = subscribe(ana, fake_push)
    subscribe(ben, fake_push)
    [(method, url, body, status)] = cause(ana, ben)
    run_send(app, utcnow())  # what the steps before the cause notified (a proposal) goes first
    fake_push.received.clear()
    before = {d.id for d in deliveries(app)}
    assert ben.request(method, url, json=body).status_code == status
    assert ben.request(method, url, json=body).status_code == status  # replayed: the same
    queued = [d for d in deliveries(app) if d.id not in before]
    assert [(d.kind, d.user_id) for d in queued] == [(kind, uuid.UUID(ana.me["id"]))]
    assert run_send(app, utcnow()).sent == 1
    [request] = fake_push.received
    assert request.token == fake_push.token_of(ana_phone["endpoint"])
    text = request.plaintext.decode()
    assert json.loads(text)["notification"]["title"] == payload.TEXTS[kind]
    for word in PERSONAL:
        assert word not in text


def test_a_switched_off_kind_is_not_sent(app, couple, fake_push):
    ana, ben = couple
    subscribe(ana, fake_push)
    assert set_preferences(ana, pause=False).status_code == 200
    with app.app_context():
        assert notify(uuid.UUID(ana.me["id"]), "pause") == []
        assert len(notify(uuid.UUID(ana.me["id"]), "consent")) == 1


def test_quiet_hours_hold_notifications_but_not_rituals(app, due, fake_push):
    ana = due["ana"]
    assert set_preferences(ana, quiet_from="20:00", quiet_until="07:30",
                           time_zone="Europe/Berlin").status_code == 200
    now = due["fire"]  # 21:00 Berlin: inside Ana's quiet hours
    with app.app_context():
        [one, _] = notify(uuid.UUID(ana.me["id"]), "acknowledged", now)
        db.session.commit()
        assert one.next_attempt_at == utc(2026, 11, 25, 6, 30)
    _, sent = run_tick(app, now)
    assert sent.sent == 3  # the ritual they agreed on at 21:00 still reminds both
    held = deliveries(app, kind="acknowledged")
    assert {d.status for d in held} == {"pending"}
    assert run_send(app, utc(2026, 11, 25, 6, 30)).sent == 2


def test_deliveries_are_unique_per_occurrence_and_device(app, due):
    run_tick(app, due["fire"])
    with app.app_context():
        row = db.session.scalars(select(Delivery)).first()
        db.session.execute(update(Ritual).values(next_fire_at=due["fire"]))
        db.session.execute(update(Occurrence).values(reminder=None))
        db.session.commit()
        # Even a scheduler that re-records the day cannot queue the same device twice.
        claim_due(due["fire"])
        count = db.session.scalar(select(func.count()).select_from(Delivery).where(
            Delivery.occurrence_id == row.occurrence_id))
    assert count == 3
