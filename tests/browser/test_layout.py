"""Every screen holds on a real phone (issue 16): at 360, 390 and 430 px, light and dark, a tour
of every tab and every part, a dialog, signed out, unpaired and paired. The checks themselves
(phones.LAYOUT_PROBLEMS: no sideways scroll, the quick exit in view and clickable, the tab bar at
the bottom, every form control named, no control under 44 px) run on every screen a browser test
passes through; here each screen is also checked explicitly once it has settled."""

import pytest
from playwright.sync_api import expect

from browser.phones import check_screen
from browser.settings_pages import DATA, DEVICES, LEAVING, LOCK, REMINDERS, settings_page
from browser.test_screens import fill_the_day

WIDTHS = pytest.mark.parametrize("width", [360, 390, 430])
SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])


def settled(phone, heading):
    expect(phone.page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    expect(phone.page.locator("[aria-busy=true]")).to_have_count(0)
    phone.page.wait_for_timeout(400)  # lists filled from the server, charts drawn
    check_screen(phone, f"{phone.page.url} ({heading})")


def parts_of(page, tab):
    """The names of the parts of a tab, from its row of links."""
    return [name.strip() for name in page.get_by_role("navigation", name=f"Parts of {tab}")
            .get_by_role("link").all_inner_texts()]


@WIDTHS
@SCHEMES
def test_every_screen_holds_at_every_phone_width(phones, couple, width, scheme):
    # As a phone's browser lays pages out: a too-wide page widens the layout viewport.
    phone = {"viewport": {"width": width, "height": 844}, "is_mobile": True, "has_touch": True}
    newcomer = phones(scheme, **phone)
    page = newcomer.open("/")
    settled(newcomer, "Kintsugi")
    page.get_by_role("button", name="Create an account").click()
    settled(newcomer, "Create your account")
    page.get_by_role("button", name="Sign in").click()
    settled(newcomer, "Welcome back")
    newcomer.sign_up("Carla")
    newcomer.open("/")
    settled(newcomer, "Hello, Carla")

    ana, ben = couple(scheme, **phone)
    fill_the_day(ana, ben)
    page = ana.open("/today")
    settled(ana, "Today")
    page.get_by_role("button", name="Add trust, safety, connection or a note").click()
    settled(ana, "Today")
    sections = page.get_by_role("navigation", name="Sections")
    for tab in ["Truth", "Together", "Journey", "Me"]:
        sections.get_by_role("link", name=tab, exact=True).click()
        settled(ana, tab)
        for part in parts_of(page, tab):
            page.get_by_role("navigation", name=f"Parts of {tab}").get_by_role(
                "link", name=part, exact=True).click()
            settled(ana, tab)
    for title in [REMINDERS, DEVICES, LOCK, DATA, LEAVING]:
        settings_page(page, title)
        settled(ana, "Me")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("dialog", name="Delete your account for good?")).to_be_visible()
    check_screen(ana, "the dialog that deletes the account")
