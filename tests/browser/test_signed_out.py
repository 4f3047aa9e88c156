"""A signed-out start is quiet (issue 16): the welcome screen, and not one error in the console
(being signed out is an answer the app expects, not a failed request)."""

from playwright.sync_api import expect


def test_a_signed_out_start_logs_no_error(phones):
    phone = phones()
    errors = []
    phone.page.on("console", lambda message: message.type == "error" and errors.append(
        f"{message.text} ({message.location.get('url')})"))
    phone.page.on("pageerror", lambda error: errors.append(str(error)))
    page = phone.open("/")
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    page.wait_for_timeout(500)
    assert errors == []
