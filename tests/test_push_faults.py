"""Push service faults at volume (issue 8): 300 devices due at the same minute, and the push
service answers 10 % of them 410 (gone), 10 % 500 once, 5 % not at all once (hangs), 2 % 500
every time. Every live device gets its reminder exactly once, the dead ones are removed, the
ones that keep failing are marked failed after PUSH_MAX_ATTEMPTS and kept, and no tick waits
for a hanging push service longer than its timeout.

Runs the worker's own steps in-process (a tick, then the sends between ticks, with an injected
clock) on the suite's database. The fake push service verifies and decrypts every request (see
fake_push.py).
"""

import time
from datetime import UTC, datetime, timedelta

import pytest
from fake_push import FakePushService
from sqlalchemy import func, select
from test_push_workers import populate

from server.extensions import db
from server.push.models import Delivery, PushSubscription
from server.push.outbox import send_due
from server.push.sender import Sender
from server.push.worker import tick

DEVICES = 300
TIMEOUT = 3.0        # PUSH_TIMEOUT_SECONDS: one POST, connection included
HANG = 90.0          # how long a hanging request would hold a sender that waited for it
MARGIN = 12.0        # claims, encryption and bookkeeping of 300 messages on a busy machine
BACKOFF = 5.0
MAX_ATTEMPTS = 3


FAULT_CONFIG = {"PUSH_EXTRA_ALLOWED_HOSTS": ["127.0.0.1"], "PUSH_TIMEOUT_SECONDS": TIMEOUT,
                "PUSH_BACKOFF_SECONDS": BACKOFF, "PUSH_MAX_ATTEMPTS": MAX_ATTEMPTS,
                "PUBLIC_URL": "https://kintsugi.example"}


@pytest.fixture
def faulty_service(make_app):
    """The fake push service (hanging requests hang for a minute) and its VAPID key's app."""
    app = make_app()
    with FakePushService(expected_key=app.config["VAPID_PUBLIC_KEY"],
                         hang_seconds=HANG) as service:
        yield service
    assert service.errors == [], "every request must pass the fake service's checks"


def script_faults(app, fake) -> dict[str, list[str]]:
    """Split the devices into groups by what their push service answers."""
    with app.app_context():
        tokens = sorted(fake.token_of(endpoint) for endpoint in db.session.scalars(
            select(PushSubscription.endpoint)))
    assert len(tokens) == DEVICES
    groups = {"gone": tokens[:30], "error_once": tokens[30:60], "hang_once": tokens[60:75],
              "always_error": tokens[75:81], "healthy": tokens[81:]}
    for token in groups["gone"]:
        fake.script(token, 410)
    for token in groups["error_once"]:
        fake.script(token, 500)
    for token in groups["hang_once"]:
        fake.script(token, "hang")
    for token in groups["always_error"]:
        fake.script(token, *[503] * MAX_ATTEMPTS)
    return groups


def _why(result) -> list[str]:
    """The outcomes other than sent, for a failing assertion's message."""
    return sorted({f"{o.result} {o.status} {o.detail}" for o in result.outcomes
                   if o.result != "sent"})


def timed(step, *args):
    started = time.monotonic()
    result = step(*args)
    return result, time.monotonic() - started


def test_faults_at_volume_each_live_device_reminded_once(make_app, faulty_service):
    fake = faulty_service
    app = make_app(**FAULT_CONFIG)
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    assert populate(app, fake, DEVICES // 2, due, per_couple=1) == DEVICES
    groups = script_faults(app, fake)

    with app.app_context():
        sender = Sender.from_config(app.config)
        try:
            now = due + timedelta(seconds=10)
            (claimed, first), first_wall = timed(tick, sender, now)
            # The retries' times come: the 500s and the hung ones once, the broken ones again.
            second, second_wall = timed(send_due, sender, now + timedelta(seconds=BACKOFF))
            third, third_wall = timed(send_due, sender, now + timedelta(seconds=3 * BACKOFF))
            rest = send_due(sender, now + timedelta(hours=1))
        finally:
            sender.close()

        # No step waited for a hanging service: each is bounded by the POST timeout.
        walls = (first_wall, second_wall, third_wall)
        assert max(walls) < TIMEOUT + MARGIN < HANG, walls
        assert (claimed.claimed, claimed.deliveries) == (DEVICES // 2, DEVICES)
        assert (first.sent, first.gone, first.retried) == (219, 30, 30 + 15 + 6), _why(first)
        assert (second.sent, second.retried, second.failed) == (45, 6, 0), _why(second)
        assert (third.sent, third.retried, third.failed) == (0, 0, 6), _why(third)
        assert rest.outcomes == []

        statuses = dict(db.session.execute(select(Delivery.status, func.count())
                                           .group_by(Delivery.status)).all())
        assert statuses == {"sent": 264, "gone": 30, "failed": 6}
        endpoints = {fake.token_of(row.endpoint): row for row in db.session.scalars(
            select(PushSubscription))}

    # Dead devices are removed; ones that keep failing are kept, with what went wrong.
    assert not set(groups["gone"]) & set(endpoints)
    for token in groups["always_error"]:
        assert endpoints[token].failure_count == MAX_ATTEMPTS
        assert endpoints[token].last_error == "HTTP 503"
    for token in groups["healthy"] + groups["error_once"] + groups["hang_once"]:
        assert endpoints[token].failure_count == 0 and endpoints[token].last_success_at

    # Every live device got its reminder exactly once (answered 201 once), the same message
    # each time it was tried (one tag: a repeat would replace, never stack).
    for group, tries in (("healthy", 1), ("error_once", 2), ("hang_once", 2), ("gone", 1),
                         ("always_error", MAX_ATTEMPTS)):
        for token in groups[group]:
            requests = fake.for_token(token)
            assert len(requests) == tries, (group, token)
            delivered = [r for r in requests if r.answered == 201]
            assert len(delivered) == (1 if group in ("healthy", "error_once", "hang_once")
                                      else 0), (group, token)
            assert len({r.message["notification"]["tag"] for r in requests}) == 1
