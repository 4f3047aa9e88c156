"""'Remind me' on a ritual tells the truth about this phone (issue 16): on a phone that never
allowed notifications it is off, whatever the person chose elsewhere, and the screen offers to
allow them; once allowed and subscribed here, it is on."""

import json
import uuid
from datetime import UTC, datetime

from playwright.sync_api import expect

from browser.test_push import STUB_PUSH_MANAGER, fake_subscription


def test_remind_me_is_off_until_this_phone_allows_notifications(couple):
    ana, ben = couple()
    ana.context.add_init_script(script=STUB_PUSH_MANAGER % json.dumps(
        fake_subscription()))
    ritual = str(uuid.uuid4())
    ana.json("PUT", f"/api/rituals/{ritual}", {
        "title": "Evening check-in", "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "UTC", "occurred_at": datetime.now(UTC).isoformat()},
        status=201)
    ben.json("POST", f"/api/rituals/{ritual}/accept", {}, status=200)
    assert ana.json("GET", "/api/rituals")["items"][0]["reminder_on"] is True  # her wish

    page = ana.open("/together/rituals")
    switch = page.get_by_role("switch", name="Remind me of Evening check-in")
    expect(page.get_by_text("Notifications are off on this phone")).to_be_visible()
    expect(switch).to_have_attribute("aria-checked", "false")

    ana.context.grant_permissions(["notifications"], origin=ana.base_url)
    page.get_by_role("button", name="Allow notifications on this phone").click()
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.get_by_text("Reminders come to this phone.")).to_be_visible()
    assert len(ana.json("GET", "/api/push/subscriptions", status=200)) == 1
