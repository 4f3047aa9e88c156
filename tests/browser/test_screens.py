"""Every screen at 390×844, light and dark, written to test-results/screenshots/ for a person to
look at (the README names the folder; it is not committed). Each screen is also checked for the
basics: its heading, no control smaller than 44×44 px, no serious axe-core finding."""

import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from browser.phones import SCREENSHOTS, shoot
from browser.settings_pages import LOCK, open_settings


def now():
    return datetime.now(UTC).isoformat()


def fill_the_day(ana, ben):
    """A day with something in every part of Today."""
    ben.json("PUT", f"/api/checkins/{uuid.uuid4()}", {
        "feelings": ["sadness", "hope"], "trust": 4, "safety": 6, "connection": 5,
        "want_you_to_know": "Yesterday's talk helped, even if it was hard.",
        "need_from_you": "A walk tonight, phones at home.", "occurred_at": now()}, status=201)
    ben.json("PUT", f"/api/actions/{uuid.uuid4()}", {
        "what": "Told you where I was going before I left", "occurred_at": now()}, status=201)
    ben.json("PUT", f"/api/pauses/{uuid.uuid4()}", {
        "minutes": 30, "note": "I need some air; back after dinner.", "occurred_at": now()},
        status=201)
    ritual = str(uuid.uuid4())
    ana.json("PUT", f"/api/rituals/{ritual}", {
        "title": "Evening check-in", "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "Europe/Berlin", "occurred_at": now()}, status=201)
    ben.json("POST", f"/api/rituals/{ritual}/accept", {}, status=200)
    ana.json("PUT", f"/api/checkins/{uuid.uuid4()}", {
        "feelings": ["anxiety"], "trust": 3, "occurred_at": now()}, status=201)
    ana.json("PUT", f"/api/actions/{uuid.uuid4()}", {
        "what": "Cooked dinner together", "occurred_at": now()}, status=201)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_screen_in_light_and_dark(phones, couple, scheme):
    newcomer = phones(scheme)
    newcomer.open("/")
    shoot(newcomer, "01-welcome", scheme, "Kintsugi")
    newcomer.page.get_by_role("button", name="Create an account").click()
    shoot(newcomer, "02-register", scheme, "Create your account")
    newcomer.page.get_by_role("button", name="Sign in").click()
    shoot(newcomer, "03-sign-in", scheme, "Welcome back")

    newcomer.sign_up("Carla")
    newcomer.open("/")
    shoot(newcomer, "04-space", scheme, "Hello, Carla")
    newcomer.page.get_by_role("button", name="Create our space").click()
    shoot(newcomer, "05-invite-code", scheme, "Your space is ready")

    ana, ben = couple(scheme)
    fill_the_day(ana, ben)
    ana.open("/today")
    expect(ana.page.get_by_test_id("partner-pause")).to_be_visible()
    expect(ana.page.get_by_text("Evening check-in")).to_be_visible()
    shoot(ana, "06-today", scheme, "Today")
    ana.page.screenshot(path=str(SCREENSHOTS / f"06-today-full-{scheme}.png"), full_page=True)
    ana.page.get_by_role("button", name="Add trust, safety, connection or a note").click()
    shoot(ana, "07-check-in-details", scheme, "Today")

    for number, tab in enumerate(["Truth", "Together", "Journey", "Me"], start=8):
        ana.page.get_by_role("navigation", name="Sections").get_by_role("link", name=tab).click()
        shoot(ana, f"{number:02d}-{tab.lower()}", scheme, tab)

    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    ana.page.get_by_role("navigation", name="Sections").get_by_role("link", name="Today").click()
    ana.page.get_by_role("button", name="numbness", exact=True).click()
    ana.page.get_by_role("button", name="Save check-in").click()
    expect(ana.page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (1)")
    shoot(ana, "12-offline-waiting", scheme, "Today")
    ana.context.set_offline(False)
    expect(ana.page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)

    me = open_settings(ana, LOCK)
    me.clock.install()
    me.reload()
    me.get_by_label("PIN (4 to 8 digits)").fill("2468")
    me.get_by_label("Lock after").select_option("1")
    me.get_by_role("button", name="Turn on the app lock").click()
    expect(me.get_by_text("Kintsugi locks after 1 minutes")).to_be_visible()
    me.clock.run_for("01:10")
    shoot(ana, "13-locked", scheme, "Kintsugi is locked")
