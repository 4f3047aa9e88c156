"""What an operator watches (issue 17): the reminder worker's heartbeat, lateness and delivery
outcomes in its log and in GET /api/health, shown only to private or loopback addresses; a
worker that has not ticked for several minutes shows as unhealthy."""

import logging
import threading
from datetime import timedelta

import pytest
from fake_push import FakePushService
from sqlalchemy import update
from test_push_reminders import PUSH_TEST_CONFIG, make_ritual, subscribe

from server.database import utcnow
from server.extensions import db
from server.push import worker
from server.push.monitor import Heartbeat
from server.push.outbox import SendResult
from server.rituals.models import Ritual

PUBLIC = "93.184.216.34"


def health(app, **options):
    response = app.test_client().get("/api/health", **options)
    assert response.status_code == 200
    return response.get_json()


def test_only_private_and_loopback_addresses_see_the_workers(make_app):
    app = make_app()
    for address in ("127.0.0.1", "::1", "10.0.0.7", "192.168.1.20"):
        assert "reminders" in health(app, environ_base={"REMOTE_ADDR": address}), address
    with app.app_context():
        database = db.engine.dialect.name
    assert health(app, environ_base={"REMOTE_ADDR": PUBLIC}) == {"status": "ok",
                                                                 "database": database}
    behind_caddy = make_app(TRUSTED_PROXY_HOPS=1)
    assert "reminders" not in health(behind_caddy, headers={"X-Forwarded-For": PUBLIC})
    assert "reminders" not in health(behind_caddy,
                                     headers={"X-Forwarded-For": f"10.0.0.7, {PUBLIC}"})
    assert "reminders" in health(behind_caddy, headers={"X-Forwarded-For": "10.0.0.7"})


def test_no_worker_or_a_worker_silent_for_minutes_is_unhealthy(app):
    assert health(app)["reminders"] == {"status": "unhealthy", "workers": []}
    with app.app_context():
        heartbeat = Heartbeat(now=utcnow() - timedelta(minutes=6))
        name = heartbeat.worker
    [silent] = health(app)["reminders"]["workers"]
    assert health(app)["reminders"]["status"] == "unhealthy"
    assert silent["worker"] == name and 360 <= silent["seconds_since_tick"] < 400

    with app.app_context():
        heartbeat.record(SendResult(sent=3, gone=1, retried=2), utcnow(), ticked=True,
                         lateness=1.5)
        heartbeat.record(SendResult(sent=1, failed=1), utcnow(), ticked=False)
    reminders = health(app)["reminders"]
    assert reminders["status"] == "ok"
    [ticking] = reminders["workers"]
    assert ticking["seconds_since_tick"] < 5 and ticking["lateness_seconds"] == 1.5
    assert ticking["deliveries"] == {"sent": 4, "gone": 1, "retried": 2, "failed": 1,
                                     "rejected": 0, "expired": 0}


@pytest.fixture
def app(make_app):
    return make_app(**PUSH_TEST_CONFIG, REMINDERS_TICK_SECONDS=0.2, REMINDERS_POLL_SECONDS=0.1)


def test_the_running_worker_logs_and_reports_lateness_and_outcomes(app, person, caplog):
    push_app = app
    ana, ben = person("ana"), person("ben")
    code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
    assert ben.post("/api/space/join", {"code": code, "role": "rebuilding"}).status_code == 200
    with FakePushService(expected_key=push_app.config["VAPID_PUBLIC_KEY"]) as fake_push:
        subscribe(ana, fake_push)
        ritual = make_ritual(ana, ben)
        with push_app.app_context():
            db.session.execute(update(Ritual).where(Ritual.id == ritual).values(
                next_fire_at=utcnow() - timedelta(seconds=42)))
            db.session.commit()
        stop = threading.Event()

        def run():
            with push_app.app_context():
                worker.run(stop)

        thread = threading.Thread(target=run, daemon=True)
        with caplog.at_level(logging.INFO, logger="server.push.worker"):
            thread.start()
            try:
                for _ in range(100):
                    if fake_push.received:
                        break
                    stop.wait(0.1)
                stop.wait(0.5)  # the tick records its outcomes after the send
            finally:
                stop.set()
                thread.join(timeout=10)
        assert len(fake_push.received) == 1 and fake_push.errors == []
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("tick:")]
    assert "1 rituals, 1 reminded, 0 missed, 1 deliveries queued; sent 1, gone 0, retry 0, " \
           "failed 0, rejected 0, expired 0; reminders 4" in line and line.endswith(" s late")
    [reported] = health(push_app)["reminders"]["workers"]
    assert 42 <= reported["lateness_seconds"] < 50
    assert reported["deliveries"] == {"sent": 1, "gone": 0, "retried": 0, "failed": 0,
                                      "rejected": 0, "expired": 0}
