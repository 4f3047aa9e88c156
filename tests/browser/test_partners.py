"""Two partners on two phones, everything through the UI: register, pair with the code, a
check-in in two taps, the partner notices it, and the first sees that."""

import re

from playwright.sync_api import expect

from browser.phones import eventually


def register_through_the_ui(phone, name):
    page = phone.open("/")
    page.get_by_role("button", name="Create an account").click()
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    page.get_by_label("Password").fill("mended with gold 1")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()
    return page


# Headless Chromium has no share sheet: record what the app hands to navigator.share().
STUB_SHARE = """navigator.share = async (data) => { window.shared = data; };"""


def test_register_pair_check_in_acknowledge_and_see_it(phones):
    ana, ben = phones(), phones()
    ana.context.add_init_script(script=STUB_SHARE)
    a = register_through_the_ui(ana, "Ana")
    b = register_through_the_ui(ben, "Ben")

    a.get_by_role("button", name="Create our space").click()
    code = a.get_by_test_id("invite-code")
    expect(code).to_have_text(re.compile(r"^\w{4}-\w{4}$"))
    a.get_by_role("button", name="Share the code").click()
    eventually(lambda: a.evaluate("() => window.shared?.text"), page=a)
    assert code.inner_text() in a.evaluate("() => window.shared.text")
    b.get_by_label("Invite code").fill(code.inner_text())
    b.get_by_role("button", name="Join").click()
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    # Ana's page notices the pairing by itself (it checks when visible and every few seconds).
    expect(a.get_by_role("heading", name="Today", exact=True)).to_be_visible(timeout=20000)

    # A minimal check-in: one feeling, Save — two taps.
    a.get_by_role("button", name="hope", exact=True).click()
    a.get_by_role("button", name="Save check-in").click()
    expect(a.get_by_test_id("my-checkin")).to_contain_text("hope")
    expect(a.get_by_test_id("sync-status")).to_have_count(0)

    b.reload()
    partner = b.get_by_test_id("partner-checkin")
    expect(partner).to_contain_text("Ana’s last check-in")
    expect(partner).to_contain_text("hope")
    partner.get_by_role("button", name="I noticed").click()
    expect(partner).to_contain_text("You noticed this")
    eventually(lambda: ana.json("GET", "/api/checkins?author=me")["items"][0]["acknowledgements"],
               message="the acknowledgement never reached the server")

    a.reload()
    expect(a.get_by_test_id("my-checkin")).to_contain_text("Ben noticed this")


def test_an_action_is_noticed_by_the_partner(couple):
    ana, ben = couple()
    a, b = ana.open("/today"), ben.open("/today")
    b.get_by_label("Something I did today").fill("Shared my calendar for the week")
    b.get_by_role("button", name="Log it").click()
    expect(b.get_by_test_id("my-actions")).to_contain_text("Shared my calendar for the week")

    a.reload()
    theirs = a.get_by_test_id("partner-actions")
    expect(theirs).to_contain_text("Shared my calendar for the week")
    theirs.get_by_role("button", name="I noticed").click()
    expect(theirs).to_contain_text("You noticed this")
    eventually(lambda: ben.json("GET", "/api/actions?author=me")["items"][0]["acknowledgements"])

    b.reload()
    expect(b.get_by_test_id("my-actions")).to_contain_text("Ana noticed")
