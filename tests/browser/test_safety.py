"""Safety: quick exit leaves no app page in history; logout leaves nothing on the phone (and the
server says Clear-Site-Data); the optional app lock keeps a hashed PIN and locks when idle."""

from playwright.sync_api import expect

from browser.phones import eventually
from browser.settings_pages import LOCK, open_settings

NEUTRAL = "https://www.bbc.com/weather"


def stand_in_for_the_neutral_site(context):
    # No network here: answer for the neutral site ourselves.
    context.route("https://www.bbc.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"))


def app_pages_in_history(phone):
    cdp = phone.context.new_cdp_session(phone.page)
    entries = cdp.send("Page.getNavigationHistory")["entries"]
    return [entry["url"] for entry in entries if entry["url"].startswith(phone.base_url)]


def test_quick_exit_leaves_no_app_page_in_history(couple):
    ana, _ = couple()
    stand_in_for_the_neutral_site(ana.context)
    page = ana.open("/")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    for tab in ("Me", "Journey", "Today"):
        page.get_by_role("navigation", name="Sections").get_by_role("link", name=tab).click()
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(NEUTRAL)
    assert app_pages_in_history(ana) == []
    page.go_back()
    assert not page.url.startswith(ana.base_url)


def test_shift_three_times_is_a_quick_exit_too(phones):
    phone = phones()
    stand_in_for_the_neutral_site(phone.context)
    page = phone.open("/")
    expect(page.get_by_role("button", name="Quick exit")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert app_pages_in_history(phone) == []


EMPTY_ON_THE_PHONE = """async () => ({
  databases: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  localStorage: localStorage.length,
})"""


def test_logout_leaves_indexeddb_and_cache_storage_empty(couple):
    ana, _ = couple()
    page = ana.open("/today")
    ana.wait_for_service_worker()
    page.get_by_role("button", name="calm", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_test_id("my-checkin")).to_contain_text("calm")
    before = ana.evaluate(EMPTY_ON_THE_PHONE)
    assert before["databases"] == ["kintsugi"] and before["caches"], before

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Me").click()
    page.get_by_role("navigation", name="Parts of Me").get_by_role("link", name="Settings").click()
    page.get_by_role("button", name="Sign out and clear this phone").click()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    assert ana.evaluate(EMPTY_ON_THE_PHONE) == {"databases": [], "caches": [], "localStorage": 0}
    assert ana.api("GET", "/api/me").status == 401


def test_logout_answers_with_clear_site_data(person):
    ana = person("ana")
    response = ana.post("/api/auth/logout")
    assert response.status_code == 204
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    assert ana.get("/api/me").status_code == 401


READ_LOCK = """() => new Promise((resolve) => {
  const opening = indexedDB.open('kintsugi');
  opening.onsuccess = () => {
    const request = opening.result.transaction('device').objectStore('device').get('lock');
    request.onsuccess = () => {
      const lock = request.result.value;
      resolve({ minutes: lock.minutes, salt: lock.salt.length, hash: Array.from(lock.hash) });
    };
  };
})"""


def test_app_lock_keeps_a_hashed_pin_and_locks_when_idle(couple):
    ana, _ = couple()
    page = open_settings(ana, LOCK)
    page.clock.install()
    page.reload()
    page.get_by_label("PIN (4 to 8 digits)").fill("2468")
    page.get_by_label("Lock after").select_option("1")
    page.get_by_role("button", name="Turn on the app lock").click()
    expect(page.get_by_text("Kintsugi locks after 1 minutes")).to_be_visible()
    lock = ana.evaluate(READ_LOCK)
    assert lock["minutes"] == 1 and lock["salt"] == 16 and len(lock["hash"]) == 32
    assert "2468" not in str(lock)

    page.clock.run_for("01:10")  # idle for over a minute
    expect(page.get_by_role("heading", name="Kintsugi is locked")).to_be_visible()
    expect(page.get_by_role("navigation", name="Sections")).to_have_count(0)
    page.get_by_label("PIN").fill("1111")
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_role("alert")).to_contain_text("not the one")
    page.get_by_label("PIN").fill("2468")
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_role("heading", name="Me", exact=True)).to_be_visible()

    page.reload()  # a fresh start after the idle time locks too
    page.clock.run_for("01:10")
    eventually(lambda: page.get_by_role("heading", name="Kintsugi is locked").is_visible(),
               page=page)
