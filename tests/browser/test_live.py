"""Live partner updates (issue 16): while A's app stays open on Today, B's "I noticed" appears
without a reload — within 10 s by the gentle refresh, at once when a push for it arrives (the
service worker tells open windows) — and nothing is fetched while the app is hidden."""

import json
import uuid
from datetime import UTC, datetime

from playwright.sync_api import expect

from browser.phones import registration_id
from server.push import payload

MY_LATEST = "/api/checkins?author=me&limit=1"


def checked_in(ana):
    """Ana's check-in, written on her phone's behalf; its id."""
    checkin = str(uuid.uuid4())
    ana.json("PUT", f"/api/checkins/{checkin}", {
        "feelings": ["hope"], "occurred_at": datetime.now(UTC).isoformat()}, status=201)
    return checkin


def ben_notices(ben, checkin):
    ben.json("PUT", f"/api/checkins/{checkin}/acknowledgement", {"words": None}, status=200)


def test_the_partners_acknowledgement_appears_within_ten_seconds(couple):
    ana, ben = couple()
    checkin = checked_in(ana)
    page = ana.open("/today")
    mine = page.get_by_test_id("my-checkin")
    expect(mine).to_contain_text("hope")
    expect(mine).not_to_contain_text("Ben noticed this")
    ben_notices(ben, checkin)
    expect(mine).to_contain_text("Ben noticed this", timeout=10_000)


def test_a_push_brings_the_acknowledgement_at_once(couple):
    ana, ben = couple()
    checkin = checked_in(ana)
    page = ana.open("/today")
    ana.wait_for_service_worker()
    cdp, registration = registration_id(ana)
    mine = page.get_by_test_id("my-checkin")
    expect(mine).to_contain_text("hope")
    # Right after a gentle refresh the next is six seconds away: what shows sooner came by push.
    with page.expect_response(lambda response: response.url.endswith(MY_LATEST), timeout=10_000):
        pass
    ben_notices(ben, checkin)
    message = payload.notification("acknowledged", uuid.uuid4(), ana.base_url)
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": ana.base_url,
             "registrationId": registration, "data": message})
    expect(mine).to_contain_text("Ben noticed this", timeout=2_500)


HIDE = """() => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}"""
SHOW = """() => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  document.dispatchEvent(new Event('visibilitychange'));
}"""


def test_nothing_is_fetched_while_the_app_is_hidden(couple):
    ana, ben = couple()
    checkin = checked_in(ana)
    page = ana.open("/today")
    expect(page.get_by_test_id("my-checkin")).to_contain_text("hope")
    fetched = []
    page.on("request", lambda request: "/api/" in request.url and fetched.append(request.url))
    page.wait_for_timeout(7_000)
    assert MY_LATEST in json.dumps(fetched), "visible: refreshed gently"
    page.evaluate(HIDE)
    page.wait_for_timeout(500)  # a refresh already on its way may still arrive
    fetched.clear()
    ben_notices(ben, checkin)
    page.wait_for_timeout(13_000)
    assert fetched == []
    page.evaluate(SHOW)
    expect(page.get_by_test_id("my-checkin")).to_contain_text("Ben noticed this", timeout=2_500)
