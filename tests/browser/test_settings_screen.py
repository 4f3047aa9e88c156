"""Me → Settings on two partners' phones: notification kinds and quiet hours reach the server
(through the outbox, offline too), devices and sessions can be ended from here, a new password,
the export as a real download, leaving the space (the partner's app notices), deleting the
account; what needs a connection says so offline and changes nothing. Every state is shot in
light and dark."""

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import phone_crypto
import pytest
from helpers import PASSWORD
from playwright.sync_api import expect

from browser.phones import READ_OUTBOX, READ_SEEN, eventually, shoot
from browser.settings_pages import (
    DATA,
    DEVICES,
    LEAVING,
    LOCK,
    REMINDERS,
    open_settings,
    settings_page,
)
from browser.test_push import fake_subscription

SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])
NEW_PASSWORD = "a new seam of gold 2"
NEEDS_CONNECTION = "That needs a connection. Nothing was changed."


def scroll_to(locator):
    """Bring a part of the page to the top (below the sticky bar) for its screenshot."""
    locator.evaluate("(element) => element.scrollIntoView()")


def signed_in_elsewhere(phones, scheme, name, device_label):
    """The same person signed in on another device (its own browser context)."""
    other = phones(scheme)
    other.sign_in_by_api(f"{name}@example.org", device_label=device_label)
    return other


def sign_in_status(phones, password):
    """What a fresh phone gets when it signs in as Ana with `password`."""
    return phones().login_status("ana@example.org", password)


def now_iso():
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@SCHEMES
def test_notification_kinds_and_quiet_hours_reach_the_server(couple, scheme):
    ana, _ = couple(scheme, timezone_id="Europe/Berlin")
    page = open_settings(ana)
    shoot(ana, "settings-top", scheme, "Me")
    settings_page(page, REMINDERS)

    for kind in ("My partner asked for a pause", "A question of mine was answered"):
        switch = page.get_by_role("switch", name=kind)
        expect(switch).to_have_attribute("aria-checked", "true")
        switch.click()
        expect(switch).to_have_attribute("aria-checked", "false")
    page.get_by_label("From").fill("22:30")
    page.get_by_label("Until").fill("07:30")
    page.get_by_role("button", name="Save quiet hours").click()
    expect(page.get_by_test_id("quiet-hours")).to_contain_text(
        "between 22:30 and 07:30 (Europe/Berlin)")
    expected = {"acknowledged": True, "answered": False, "consent": True, "pause": False,
                "daily": True, "quiet_from": "22:30:00", "quiet_until": "07:30:00",
                "time_zone": "Europe/Berlin"}
    eventually(lambda: ana.json("GET", "/api/push/preferences", status=200) == expected,
               message="the preferences never reached the server")
    scroll_to(page.get_by_role("heading", name="Notifications", exact=True))
    shoot(ana, "settings-notifications", scheme, "Notifications")

    # Offline the switch still turns, and the change waits in the outbox until it can be sent.
    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    consent = page.get_by_role("switch", name="An agreement needs my consent")
    consent.click()
    expect(consent).to_have_attribute("aria-checked", "false")
    waiting = ana.evaluate(READ_OUTBOX)
    assert [(entry["method"], entry["url"]) for entry in waiting] == [
        ("PUT", "/api/push/preferences")]
    assert waiting[0]["body"]["consent"] is False
    expect(page.get_by_text("Waiting to sync.")).to_be_visible()
    shoot(ana, "settings-notifications-offline", scheme, "Notifications")
    assert ana.json("GET", "/api/push/preferences", status=200)["consent"] is True
    ana.context.set_offline(False)
    eventually(lambda: ana.json("GET", "/api/push/preferences")["consent"] is False,
               message="the offline change never arrived")

    page.get_by_role("button", name="No quiet hours").click()
    expect(page.get_by_test_id("quiet-hours")).to_contain_text("No quiet hours")
    eventually(lambda: ana.json("GET", "/api/push/preferences")["quiet_from"] is None)
    page.reload()  # what shows after a fresh start is the server's
    expect(page.get_by_role("switch", name="My partner asked for a pause")).to_have_attribute(
        "aria-checked", "false")
    expect(page.get_by_role("switch", name="My partner noticed something of mine")) \
        .to_have_attribute("aria-checked", "true")


@SCHEMES
def test_my_name_changes_through_the_outbox_and_my_partner_sees_it(couple, scheme):
    ana, ben = couple(scheme)
    page = open_settings(ana)
    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    page.get_by_role("button", name="Change my name").click()
    page.get_by_label("My name (your partner sees it)").fill("Ana Maria")
    shoot(ana, "settings-name", scheme, "Ana")
    page.get_by_role("button", name="Save my name").click()
    profile = page.get_by_role("region", name="Ana Maria")
    expect(profile).to_contain_text("Your new name is waiting to sync.")
    shoot(ana, "settings-name-waiting", scheme, "Ana Maria")
    assert [entry["url"] for entry in ana.evaluate(READ_OUTBOX)] == ["/api/me"]

    ana.context.set_offline(False)
    expect(profile).not_to_contain_text("waiting to sync", timeout=15000)
    members = ben.json("GET", "/api/space", status=200)["members"]
    assert {m["display_name"] for m in members} == {"Ana Maria", "Ben"}


@SCHEMES
def test_sessions_are_listed_and_ended_and_devices_removed(couple, phones, scheme):
    ana, _ = couple(scheme)
    laptop = signed_in_elsewhere(phones, scheme, "ana", "Laptop")
    tablet = signed_in_elsewhere(phones, scheme, "ana", "Old tablet")
    expect(laptop.open("/today").get_by_role("heading", name="Today", exact=True)).to_be_visible()
    ana.json("POST", "/api/push/subscriptions",
             {**fake_subscription(), "device_label": "Old phone"}, status=201)

    page = open_settings(ana, DEVICES)
    sessions = page.get_by_test_id("sessions")
    expect(sessions.get_by_role("listitem")).to_have_count(3)
    expect(sessions.get_by_role("listitem").filter(has_text="This phone")).to_have_count(1)
    expect(sessions.get_by_role("listitem").filter(has_text="This phone")).not_to_contain_text(
        "Laptop")
    devices = page.get_by_test_id("devices")
    expect(devices).to_contain_text("Old phone")
    scroll_to(page.get_by_role("heading", name="Devices that get notifications"))
    shoot(ana, "settings-devices", scheme, "Devices that get notifications")
    scroll_to(page.get_by_role("heading", name="Where I am signed in"))
    shoot(ana, "settings-sessions", scheme, "Where I am signed in")

    sessions.get_by_role("button", name="Sign out Laptop").click()
    expect(page.get_by_role("status").filter(has_text="Laptop is signed out.")).to_be_visible()
    expect(sessions.get_by_role("listitem")).to_have_count(2)
    assert laptop.api("GET", "/api/me").status == 401
    assert tablet.api("GET", "/api/me").status == 200
    laptop.page.reload()  # the laptop's app finds itself signed out
    expect(laptop.page.get_by_role("button", name="Create an account")).to_be_visible()
    shoot(ana, "settings-session-ended", scheme, "Where I am signed in")

    page.get_by_role("button", name="Sign out everywhere else").click()
    expect(page.get_by_role("status").filter(has_text="Every other device")).to_be_visible()
    expect(sessions.get_by_role("listitem")).to_have_count(1)
    assert tablet.api("GET", "/api/me").status == 401
    assert [s["current"] for s in ana.json("GET", "/api/sessions", status=200)] == [True]

    devices.get_by_role("button", name="Remove Old phone").click()
    expect(devices).not_to_contain_text("Old phone")
    assert ana.json("GET", "/api/push/subscriptions", status=200) == []


@SCHEMES
def test_password_changed_in_settings_is_the_one_that_signs_in(couple, phones, scheme):
    ana, _ = couple(scheme)
    laptop = signed_in_elsewhere(phones, scheme, "ana", "Laptop")
    page = open_settings(ana, LOCK)
    form = page.get_by_role("form", name="Password")

    form.get_by_label("Current password").fill("not my password")
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    expect(form.get_by_role("alert")).to_have_text("The password is not right.")
    shoot(ana, "settings-password-wrong", scheme, "Password")
    assert laptop.api("GET", "/api/me").status == 200

    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    expect(form.get_by_role("status")).to_contain_text("Your password is changed")
    expect(form.get_by_label("Current password")).to_have_value("")
    shoot(ana, "settings-password-changed", scheme, "Password")

    assert laptop.api("GET", "/api/me").status == 401, "other devices are signed out"
    assert ana.api("GET", "/api/me").status == 200, "this phone stays signed in"
    assert sign_in_status(phones, NEW_PASSWORD) == 200
    assert sign_in_status(phones, PASSWORD) == 401


@SCHEMES
def test_export_is_downloaded_as_a_file_with_my_records(couple, scheme):
    ana, ben = couple(scheme)
    checkin = ana.json("PUT", "/api/checkins/6f1c2b0e-8d9a-4c1e-9f57-3a2b1c0d9e8f",
                       {"feelings": ["hope"], "occurred_at": now_iso()}, status=201)["id"]
    mine, bens = "0b6a9d3e-2f4c-4e8a-b1d7-5c3e2a1f0d9b", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
    entry = ana.json("PUT", f"/api/journal/{mine}", {"sealed": phone_crypto.seal(
        ana.journal_key, mine, 1, "Only mine to read"), "occurred_at": now_iso()},
        status=201)["id"]
    theirs = ben.json("PUT", f"/api/journal/{bens}", {"sealed": phone_crypto.seal(
        ben.journal_key, bens, 1, "Ben's own page"), "occurred_at": now_iso()},
        status=201)["id"]
    page = open_settings(ana, DATA)

    # The phone asks for the password again before the server hands the data over.
    page.get_by_role("button", name="Download my data").click()
    dialog = page.get_by_role("dialog", name="Is it you?")
    dialog.get_by_label("Your password").fill(PASSWORD)
    with page.expect_download() as started:
        dialog.get_by_role("button", name="Confirm and download").click()
    download = started.value
    today = datetime.now(UTC).date().isoformat()
    assert download.suggested_filename == f"kintsugi-export-{today}.json"
    export = json.loads(Path(download.path()).read_text())
    assert export["account"]["email"] == "ana@example.org"
    assert checkin in [record["id"] for record in export["records"]["checkin"]]
    assert [record["id"] for record in export["records"]["journal_entry"]] == [entry]
    assert theirs not in json.dumps(export)
    expect(page.get_by_role("status").filter(has_text="Saved as")).to_have_text(
        f"Saved as kintsugi-export-{today}.json.")
    shoot(ana, "settings-export", scheme, "My data")

    # Offline: said plainly, and no file.
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    ana.context.set_offline(True)
    page.get_by_role("button", name="Download my data").click()
    section = page.get_by_role("region", name="My data")
    expect(section.get_by_role("alert")).to_have_text(NEEDS_CONNECTION)
    shoot(ana, "settings-export-offline", scheme, "My data")
    page.wait_for_timeout(500)
    assert downloads == []


@SCHEMES
def test_leaving_from_settings_ends_the_space_and_the_partner_app_notices(couple, scheme):
    ana, ben = couple(scheme)
    ana.json("PUT", f"/api/checkins/{uuid.uuid4()}", {
        "feelings": ["hope"], "want_you_to_know": "Words Ana shared while paired",
        "occurred_at": datetime.now(UTC).isoformat()}, status=201)
    their = ben.open("/today")
    expect(their.get_by_test_id("partner-checkin")).to_contain_text("Words Ana shared")
    eventually(lambda: "Words Ana shared" in json.dumps(ben.evaluate(READ_SEEN)),
               message="Ben's phone never kept Ana's check-in for offline use")
    page = open_settings(ana, LEAVING)

    page.get_by_role("button", name="Leave our space").click()
    dialog = page.get_by_role("dialog", name="Leave our space?")
    expect(dialog).to_contain_text("What you wrote yourself stays yours")
    expect(dialog).to_contain_text("What Ben wrote is no longer shown to you")
    shoot(ana, "settings-leave-dialog", scheme, "Leave our space?")
    dialog.get_by_role("button", name="Stay").click()
    expect(dialog).to_have_count(0)
    page.get_by_role("button", name="Leave our space").click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert ana.json("GET", "/api/space", status=200)["status"] == "paired", "nothing changed yet"

    page.get_by_role("button", name="Leave our space").click()
    dialog.get_by_role("button", name="Yes, end our space").click()
    expect(page.get_by_role("heading", name="Hello, Ana")).to_be_visible()
    expect(page.get_by_text("Your shared space has ended")).to_be_visible()
    shoot(ana, "settings-space-left", scheme, "Hello, Ana")
    assert ben.api("GET", "/api/space").status == 404

    # Ben's open app learns it when it comes back into view, without a reload...
    their.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    expect(their.get_by_role("heading", name="Hello, Ben")).to_be_visible()
    expect(their.get_by_text("Your shared space has ended")).to_be_visible()
    shoot(ben, "settings-partner-sees-space-ended", scheme, "Hello, Ben")
    their.reload()  # ...and on its next start
    expect(their.get_by_text("Your shared space has ended")).to_be_visible()
    # What his phone kept of the space for offline use is gone with it.
    assert "Words Ana shared" not in json.dumps(ben.evaluate(READ_SEEN))


@SCHEMES
def test_deleting_the_account_signs_out_and_the_password_stops_working(couple, phones, scheme):
    ana, ben = couple(scheme)
    page = open_settings(ana, LEAVING)
    page.get_by_role("button", name="Delete my account").click()
    dialog = page.get_by_role("dialog", name="Delete your account for good?")
    expect(dialog).to_contain_text("Your shared space with Ben ends now")
    dialog.get_by_label("Your password").fill("not my password")
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(dialog.get_by_role("alert")).to_have_text("The password is not right.")
    shoot(ana, "settings-delete-dialog", scheme, "Delete your account for good?")
    assert ana.api("GET", "/api/me").status == 200

    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    assert ana.api("GET", "/api/me").status == 401
    assert sign_in_status(phones, PASSWORD) == 401
    assert ben.api("GET", "/api/space").status == 404
    assert ana.evaluate("async () => (await indexedDB.databases()).length") == 0


@SCHEMES
def test_what_needs_a_connection_says_so_offline_and_changes_nothing(couple, phones, scheme):
    ana, ben = couple(scheme)
    laptop = signed_in_elsewhere(phones, scheme, "ana", "Laptop")
    page = open_settings(ana, DEVICES)
    expect(page.get_by_test_id("sessions").get_by_role("listitem")).to_have_count(2)
    ana.context.set_offline(True)

    page.get_by_test_id("sessions").get_by_role("button", name="Sign out Laptop").click()
    expect(page.get_by_role("region", name="Where I am signed in").get_by_role("alert")) \
        .to_have_text(NEEDS_CONNECTION)

    settings_page(page, LOCK)  # moving between Settings' pages needs no connection
    form = page.get_by_role("form", name="Password")
    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    expect(form.get_by_role("alert")).to_have_text(NEEDS_CONNECTION)
    shoot(ana, "settings-offline-password", scheme, "Password")

    settings_page(page, LEAVING)
    page.get_by_role("button", name="Leave our space").click()
    dialog = page.get_by_role("dialog", name="Leave our space?")
    dialog.get_by_role("button", name="Yes, end our space").click()
    expect(dialog.get_by_role("alert")).to_have_text(NEEDS_CONNECTION)
    shoot(ana, "settings-offline-leave", scheme, "Leave our space?")
    dialog.get_by_role("button", name="Stay").click()

    page.get_by_role("button", name="Delete my account").click()
    dialog = page.get_by_role("dialog", name="Delete your account for good?")
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(dialog.get_by_role("alert")).to_have_text(NEEDS_CONNECTION)
    dialog.get_by_role("button", name="Keep my account").click()

    assert ana.evaluate(READ_OUTBOX) == [], "nothing of these waits to be sent later"
    ana.context.set_offline(False)
    page.wait_for_timeout(500)
    assert laptop.api("GET", "/api/me").status == 200
    assert ben.json("GET", "/api/space", status=200)["status"] == "paired"
    assert sign_in_status(phones, PASSWORD) == 200
