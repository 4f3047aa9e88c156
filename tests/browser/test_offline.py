"""Offline: the shell opens from the precache, writes wait in the outbox and arrive exactly
once, however often the outbox is replayed (by the page or by the worker's sync event)."""

import uuid
from datetime import UTC, datetime

from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually, registration_id


def mine(phone, collection):
    return phone.json("GET", f"/api/{collection}?author=me&limit=100", status=200)["items"]


def test_offline_writes_arrive_exactly_once_and_replays_add_nothing(couple):
    ana, ben = couple()
    ben.json("PUT", f"/api/checkins/{uuid.uuid4()}", {
        "feelings": ["tenderness"], "need_from_you": "Patience with me this week",
        "occurred_at": datetime.now(UTC).isoformat()}, status=201)
    page = ana.open("/today")
    expect(page.get_by_test_id("partner-checkin")).to_contain_text("Patience with me")
    ana.wait_for_service_worker()

    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Offline · kept on this phone")).to_be_visible()
    # What Ana saw last is still there, from IndexedDB.
    expect(page.get_by_test_id("partner-checkin")).to_contain_text("Patience with me")

    for feeling in ("grief", "hope"):
        page.get_by_role("button", name=feeling, exact=True).click()
        page.get_by_role("button", name="Save check-in").click()
    page.get_by_label("Something I did today").fill("Left my phone on the table, unlocked")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (3)")
    kept = ana.evaluate(READ_OUTBOX)
    assert [entry["method"] for entry in kept] == ["PUT", "PUT", "PUT"]

    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    checkins, actions = mine(ana, "checkins"), mine(ana, "actions")
    assert sorted(c["feelings"][0] for c in checkins) == ["grief", "hope"]
    assert [a["what"] for a in actions] == ["Left my phone on the table, unlocked"]
    ids = {entry["url"].rsplit("/", 1)[1] for entry in kept}
    assert ids == {c["id"] for c in checkins} | {a["id"] for a in actions}

    # Replay everything from the service worker's sync event...
    ana.evaluate(PUT_OUTBOX, kept)
    cdp, registration = registration_id(ana)
    cdp.send("ServiceWorker.dispatchSyncEvent", {"origin": ana.base_url,
             "registrationId": registration, "tag": "outbox", "lastChance": False})
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the worker never sent the outbox")
    # ... and from the page, as on `online`.
    ana.evaluate(PUT_OUTBOX, kept)
    ana.evaluate("() => dispatchEvent(new Event('online'))")
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the page never sent the outbox")

    assert len(mine(ana, "checkins")) == 2
    assert len(mine(ana, "actions")) == 1
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)
