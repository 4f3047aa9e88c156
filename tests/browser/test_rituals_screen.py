"""Together › Rituals on two phones at 390×844: one partner suggests a ritual in the app, the
other says yes in theirs; each marks today done or skipped, switches their own reminder, either
pauses and resumes. A ritual suggested and accepted in the app reminds through the real push path
(scheduler, sender, a verifying fake push service, the page's service worker) with generic words
only. Every state is shot in light and dark."""

import json
import uuid
from datetime import UTC, datetime

import pytest
from fake_push import FakePushService
from playwright.sync_api import expect
from test_push_reminders import run_tick, set_next_fire

from browser.phones import eventually, registration_id, shoot
from browser.settings_pages import REMINDERS, open_settings
from browser.test_push import READ_NOTIFICATIONS, STUB_PUSH_MANAGER, reminders_on_this_phone
from server.push import payload

ZONE = "Europe/Berlin"  # the phones' own zone: a new ritual takes it unless told otherwise
TITLE = "Walk by the river, just us"


@pytest.fixture
def app(make_app):
    # The fake push service listens on a loopback port of its own.
    return make_app(PUSH_EXTRA_ALLOWED_HOSTS=["127.0.0.1"])


@pytest.fixture
def fake_push(app):
    with FakePushService(expected_key=app.config["VAPID_PUBLIC_KEY"]) as service:
        yield service
    assert service.errors == [], "every push must pass the fake service's checks"


def rituals_of(phone):
    return phone.json("GET", "/api/rituals?limit=100", status=200)["items"]


def suggest(phone, title, at="21:00"):
    page = phone.open("/together/rituals")
    form = page.get_by_role("form", name="Suggest a ritual")
    form.get_by_label("What is it?").fill(title)
    form.get_by_label("What kind").select_option(label="Walk")
    form.get_by_label("At what time").fill(at)
    expect(form.get_by_label("Time zone")).to_have_value(ZONE)
    form.get_by_role("button", name="Suggest it").click()
    expect(page.get_by_test_id("rituals-proposed")).to_contain_text("Waiting for Ben’s yes")
    return eventually(lambda: rituals_of(phone), message="the ritual never reached the server")


def accept_in_the_app(phone):
    page = phone.open("/together/rituals")
    proposed = page.get_by_test_id("rituals-proposed")
    expect(proposed).to_contain_text("Ana suggested this.")
    return page, proposed


def today_marks(phone, ritual):
    occurrences = phone.json("GET", f"/api/rituals/{ritual['id']}/occurrences", status=200)
    return {mark["user_id"]: mark["status"] for o in occurrences for mark in o["marks"]}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_suggest_accept_mark_switch_and_pause_a_ritual(couple, scheme):
    ana, ben = couple(scheme, timezone_id=ZONE)
    reminders_on_this_phone(ana)
    page = ana.open("/together/rituals")
    expect(page.get_by_test_id("rituals-ours")).to_contain_text("None yet")
    shoot(ana, "rituals-empty", scheme, "Our rituals")

    [ritual] = suggest(ana, "Evening check-in")
    assert (ritual["activity"], ritual["kind"]) == ("walk", "ritual")
    assert ritual["time_zone"] == ZONE and ritual["weekdays"] == [1, 2, 3, 4, 5, 6, 7]
    assert ritual["local_time"].startswith("21:00") and ritual["state"] == "proposed"
    shoot(ana, "rituals-proposed", scheme, "Waiting for a yes")

    bens, proposed = accept_in_the_app(ben)
    shoot(ben, "rituals-to-accept", scheme, "Waiting for a yes")
    proposed.get_by_role("button", name="Yes, let’s do it").click()
    expect(bens.get_by_test_id("rituals-ours")).to_contain_text("Evening check-in")
    eventually(lambda: rituals_of(ana)[0]["state"] == "active", message="never active")
    due = bens.get_by_test_id("due-ritual")
    expect(due).to_contain_text("You: not yet · Ana: not yet")
    shoot(ben, "rituals-due", scheme, "Due today")

    # Each marks today: Ben did it, Ana skipped it (and each sees the other's).
    due.get_by_role("button", name="We did it").click()
    expect(due.get_by_role("button", name="We did it")).to_have_attribute("aria-pressed", "true")
    eventually(lambda: list(today_marks(ben, ritual).values()) == ["done"],
               message="Ben's mark never reached the server")
    page = ana.open("/together/rituals")
    anas_due = page.get_by_test_id("due-ritual")
    expect(anas_due).to_contain_text("Ben: done")
    anas_due.get_by_role("button", name="We skipped it").click()
    eventually(lambda: today_marks(ana, ritual) == {person_id(ana): "skipped",
                                                    person_id(ben): "done"},
               message="Ana's mark never reached the server")
    expect(anas_due).to_contain_text("You: skipped · Ben: done")
    shoot(ana, "rituals-marked", scheme, "Due today")
    # Today shows the same marks, from the server after a reload too: nothing offers again
    # what was already marked.
    today = ana.open("/today").get_by_test_id("today-rituals")
    expect(today).to_contain_text("You: skipped · Ben: done")
    expect(today.get_by_role("button", name="We skipped it")).to_have_attribute(
        "aria-pressed", "true")
    page = ana.open("/together/rituals")

    # Ana's reminder off: hers alone, Ben's stays on.
    switch = page.get_by_role("switch", name="Remind me of Evening check-in")
    expect(switch).to_have_attribute("aria-checked", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "false")
    eventually(lambda: rituals_of(ana)[0]["reminder_on"] is False,
               message="the reminder switch never reached the server")
    assert rituals_of(ben)[0]["reminder_on"] is True
    shoot(ana, "rituals-reminder-off", scheme, "Our rituals")

    # Either may pause; a paused ritual is not due and reminds nobody until resumed.
    page.get_by_role("button", name="Pause Evening check-in").click()
    expect(page.get_by_text("Paused. No reminders until one of you resumes it.")).to_be_visible()
    expect(page.get_by_test_id("rituals-due")).to_contain_text("Nothing today")
    eventually(lambda: rituals_of(ben)[0]["state"] == "paused", message="never paused")
    assert rituals_of(ben)[0]["next_fire_at"] is None
    shoot(ana, "rituals-paused", scheme, "Our rituals")
    bens = ben.open("/together/rituals")
    bens.get_by_role("button", name="Resume Evening check-in").click()
    expect(bens.get_by_test_id("due-ritual")).to_be_visible()
    eventually(lambda: rituals_of(ana)[0]["state"] == "active", message="never resumed")
    assert rituals_of(ana)[0]["next_fire_at"] is not None
    expect(bens.get_by_test_id("sync-status")).to_have_count(0)


def person_id(phone):
    return phone.json("GET", "/api/me", status=200)["id"]


def test_a_ritual_agreed_in_the_app_reminds_with_generic_words_only(couple, app, fake_push):
    subscription = fake_push.subscription()
    ana, ben = couple("light", timezone_id=ZONE)
    ana.context.add_init_script(script=STUB_PUSH_MANAGER % json.dumps(subscription))
    ana.context.grant_permissions(["notifications"], origin=ana.base_url)
    page = open_settings(ana, REMINDERS)
    ana.wait_for_service_worker()
    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_test_id("push-state")).to_contain_text("Reminders are on")
    eventually(lambda: ana.json("GET", "/api/push/subscriptions", status=200),
               message="the phone's subscription never reached the server")

    [ritual] = suggest(ana, TITLE, at="07:30")
    _, proposed = accept_in_the_app(ben)
    proposed.get_by_role("button", name="Yes, let’s do it").click()
    eventually(lambda: rituals_of(ana)[0]["state"] == "active", message="never accepted")

    # The scheduler's clock at the ritual's next 07:30 in Berlin: one tick claims and sends.
    fire = set_next_fire(app, uuid.UUID(ritual["id"]), datetime.now(UTC))
    claimed, sent = run_tick(app, fire)
    assert (claimed.claimed, sent.sent) == (1, 1)  # Ana's phone; Ben has none
    [received] = fake_push.received
    message = received.message
    assert message["notification"]["title"] == "Time for your morning ritual"
    assert message["notification"]["body"] == payload.BODY

    # The pushed bytes, as the push service hands them to the browser, into the real worker.
    cdp, registration = registration_id(ana)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": ana.base_url,
             "registrationId": registration, "data": received.plaintext.decode()})
    shown = eventually(lambda: ana.evaluate(READ_NOTIFICATIONS),
                       message="the worker showed no notification")
    assert [(n["title"], n["body"]) for n in shown] == [
        ("Time for your morning ritual", "You have a reminder")]
    assert shown[0]["tag"] == message["notification"]["tag"]
    words = " ".join(str(value) for value in shown[0].values()).lower()
    for private in (*TITLE.lower().replace(",", "").split(), "ana", "ben", "walk"):
        assert private not in words.split(), private
