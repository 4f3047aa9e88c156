"""Installable: Chromium reports no installability error (in a persistent profile: incognito
always reports one) and the manifest has every field an installed app needs."""

import struct

from playwright.sync_api import expect

from browser.phones import VIEWPORT


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_chromium_reports_no_installability_error(playwright, browser_type_launch_args,
                                                  live_server, tmp_path):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), **{"headless": True, **browser_type_launch_args},
        viewport=VIEWPORT)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(live_server)
        expect(page.get_by_role("heading", name="Kintsugi")).to_be_visible()
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert cdp.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


def test_manifest_icons_and_ios_tags(page, live_server):
    page.goto(live_server)
    link = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(f"{live_server}{link}").json()
    assert manifest["id"] == "/" and manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["name"] == "Kintsugi" and manifest["short_name"] == "Kintsugi"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"].startswith("#") and manifest["background_color"].startswith("#")
    icons = {(icon["sizes"], icon.get("purpose", "any")): icon["src"] for icon in manifest["icons"]}
    assert set(icons) >= {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        response = page.request.get(f"{live_server}{src}")
        assert response.headers["content-type"] == "image/png"
        assert "x".join(map(str, png_size(response.body()))) == sizes

    touch_icon = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
    assert png_size(page.request.get(f"{live_server}{touch_icon}").body()) == (180, 180)
    assert page.locator("meta[name=apple-mobile-web-app-capable]").get_attribute("content") == "yes"
    assert page.locator("meta[name=apple-mobile-web-app-title]").get_attribute("content")
    assert page.locator("html").get_attribute("lang") == "en"


def test_ios_safari_gets_the_add_to_home_screen_guide(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, user_agent=(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1"))
    try:
        page = context.new_page()
        page.goto(live_server)
        guide = page.get_by_role("region", name="Add to Home Screen")
        expect(guide).to_contain_text("Add to Home Screen")
        expect(guide).to_contain_text("reminders work only there")
    finally:
        context.close()
