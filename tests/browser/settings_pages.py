"""Me › Settings as a person finds it: its first page (who I am, a menu of short pages, signing
out of this phone), then one of its pages through the menu, and back."""

from playwright.sync_api import expect

REMINDERS = "Reminders and notifications"
DEVICES = "Devices and sign-ins"
LOCK = "App lock and password"
DATA = "My data"
LEAVING = "Leaving"


def open_settings(phone, page_title=None):
    """Open Settings' first page (by its address), and then the page named `page_title`."""
    page = phone.open("/me/settings")
    expect(page.get_by_role("navigation", name="Settings pages")).to_be_visible()
    if page_title:
        settings_page(page, page_title)
    return page


def settings_page(page, title):
    """From wherever in Settings, tap back to its first page if needed, then the menu's `title`."""
    back = page.get_by_role("link", name="All settings")
    if back.count():
        back.click()
    page.get_by_role("navigation", name="Settings pages").get_by_role(
        "link", name=title).click()
    expect(page.get_by_role("link", name="All settings")).to_be_visible()
    return page
