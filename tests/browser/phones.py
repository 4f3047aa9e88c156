"""Helpers for the browser tests: a partner's phone (context, page, API as that person),
polling instead of string-evaluated waits (our CSP forbids eval), the app's IndexedDB as a test
reads it."""

import json
import os
import time
from pathlib import Path

import phone_crypto
from helpers import PASSWORD
from playwright.sync_api import expect

VIEWPORT = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
# The push endpoint the stubbed PushManager hands out: loopback, nothing is ever sent to it.
FAKE_PUSH_HOST = "127.0.0.1:9"


def eventually(check, timeout=15.0, interval=0.1, message="condition never held", page=None):
    """Poll `check()` until it returns something truthy. Pass `page` when the check reads what
    Playwright's event handlers collect: waiting on the page lets them run."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} (last value: {value!r})")
        if page is not None:
            page.wait_for_timeout(interval * 1000)
        else:
            time.sleep(interval)


class Phone:
    """One partner's phone: a browser context, its page, and the API as that person."""

    def __init__(self, context, base_url):
        self.context = context
        self.base_url = base_url
        self.csrf = None
        self.layout_reports = watch_layout(context, base_url)
        self.page = context.new_page()

    def api(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if method != "GET":
            self.csrf = self.csrf or self.context.request.get(
                f"{self.base_url}/api/auth/csrf").json()["csrf_token"]
            headers["X-CSRFToken"] = self.csrf
        response = self.context.request.fetch(f"{self.base_url}{path}", method=method,
                                              headers=headers,
                                              data=None if body is None else json.dumps(body))
        return response

    def json(self, method, path, body=None, status=None):
        response = self.api(method, path, body)
        if status is not None:
            assert response.status == status, (path, response.status, response.text())
        return response.json() if response.status != 204 else None

    def prelogin(self, email):
        return self.json("POST", "/api/auth/prelogin", {"email": email}, status=200)

    def sign_up(self, name):
        """Register and sign in through the API, deriving from the password as the app does
        (tests/phone_crypto.py). The browser has no journal key yet: open_journal() opens it
        the way a person does on a phone signed in before sealing."""
        email = f"{name.lower()}@example.org"
        self.journal_key = os.urandom(32)
        self.json("POST", "/api/auth/register", {
            "email": email, "display_name": name,
            **phone_crypto.new_credentials(PASSWORD, self.prelogin(email), self.journal_key)},
            status=202)
        return self.sign_in_by_api(email)

    def login_status(self, email, password=PASSWORD):
        """The status of a sign-in through the API with this password (derived as the app)."""
        return self.api("POST", "/api/auth/login", {
            "email": email, "auth": phone_crypto.auth_value(password, self.prelogin(email))}
        ).status

    def sign_in_by_api(self, email, password=PASSWORD, **extra):
        kdf = self.prelogin(email)
        me = self.json("POST", "/api/auth/login", {
            "email": email, "auth": phone_crypto.auth_value(password, kdf), **extra}, status=200)
        self.csrf = me["csrf_token"]
        if me["sealing"]["kdf"] is not None:  # else an account from before sealing
            self.journal_key = phone_crypto.unwrap(me["sealing"]["wrapped_journal_key"],
                                                   phone_crypto.wrapping_key(password, kdf))
        return me

    def open_journal(self, password=PASSWORD):
        """On the journal screen: type the password once to open the journal on this phone."""
        page = self.page
        page.get_by_label("Your password").fill(password)
        page.get_by_role("button", name="Open my journal").click()
        expect(page.get_by_role("heading", name="Write", exact=True)).to_be_visible()

    def words_of(self, entry):
        """A journal entry from the API, opened with this person's key: {prompt, text}."""
        return phone_crypto.open_sealed(self.journal_key, entry["id"], entry["version"],
                                        entry["sealed"])

    def open(self, path="/today"):
        self.page.goto(f"{self.base_url}{path}")
        return self.page

    def wait_for_service_worker(self):
        """Until the worker controls the page (it claims open pages when it activates)."""
        eventually(lambda: self.page.evaluate(
            "() => navigator.serviceWorker.controller?.scriptURL ?? null"),
            message="the service worker never took control")

    def evaluate(self, function, arg=None):
        return self.page.evaluate(function, arg)

    def screenshot(self, name, scheme):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.png"), full_page=False)


def registration_id(phone):
    """The service worker's registration id, from the DevTools protocol."""
    cdp = phone.context.new_cdp_session(phone.page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")

    found = eventually(lambda: [r for r in registrations if not r.get("isDeleted")],
                       message="no registration reported", page=phone.page)
    return cdp, found[0]["registrationId"]


# The IndexedDB the app keeps, read and written as a test (plain IndexedDB: no app code).
READ_STORE = """(name) => new Promise((resolve, reject) => {
  const opening = indexedDB.open('kintsugi');
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const db = opening.result;
    const request = db.transaction(name).objectStore(name).getAll();
    request.onsuccess = () => { db.close(); resolve(request.result); };
  };
})"""
READ_OUTBOX = f"() => ({READ_STORE})('outbox')"
# The answers kept for offline use.
READ_SEEN = f"() => ({READ_STORE})('seen')"

PUT_OUTBOX = """(entries) => new Promise((resolve, reject) => {
  const opening = indexedDB.open('kintsugi');
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const db = opening.result;
    const transaction = db.transaction('outbox', 'readwrite');
    for (const entry of entries) transaction.objectStore('outbox').put(entry);
    transaction.oncomplete = () => { db.close(); resolve(entries.length); };
  };
})"""


# axe-core from node_modules (npm ci installs it), run in the page. evaluate() is not subject to
# the page's CSP, so the app's strict script-src stays as it is in production.
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ` +
      violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', '));
}"""


def serious_accessibility_problems(phone):
    """axe-core's serious and critical violations on the page as it is now ([] when none)."""
    if not phone.page.evaluate("() => typeof axe !== 'undefined'"):
        phone.page.evaluate(AXE_SOURCE.read_text())
    return phone.page.evaluate(RUN_AXE)


def shoot(phone, name, scheme, heading):
    """Check the screen as it is now — its heading shows, the layout invariants (check_screen),
    no serious or critical axe-core finding — and keep it as
    test-results/screenshots/<name>-<scheme>.png."""
    page = phone.page
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    page.wait_for_timeout(300)  # lists filled from the server settle
    check_screen(phone, name)
    phone.screenshot(name, scheme)


# --- Layout invariants, on every screen a test visits ------------------------------------------


def script_of(name):
    """A script kept beside this file, without its opening comment (evaluate() wants the bare
    function)."""
    lines = Path(__file__).with_name(name).read_text().splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


# What must hold on every screen, at any phone width: the document never scrolls sideways, the
# quick exit is in view and nothing covers it, the tab bar (when there is one) sits in view at the
# bottom, every form control has a name a screen reader says, every control is at least 44 px.
# LAYOUT_PROBLEMS returns what breaks these on the page as it is now ([] when nothing).
LAYOUT_PROBLEMS = script_of("layout_problems.js")

# Installed in every page of a Phone: after the page has changed and been still for a moment,
# the checks run; what persists for a second look is reported to the test through a binding.
# So every screen a test passes through is checked, with no call in the test.
LAYOUT_WATCH = script_of("layout_watch.js")


def layout_problems(phone):
    """The layout invariants broken on the page as it is now, in words ([] when none)."""
    return phone.page.evaluate(LAYOUT_PROBLEMS)


def check_screen(phone, name=""):
    """Everything a screen must hold, now: the layout invariants, names on every form control,
    no serious or critical axe-core finding, and nothing the watch saw earlier on this phone.
    Call it after opening a dialog or reaching a state the watch might pass too quickly."""
    assert_layout_held(phone)
    if not phone.page.url.startswith(phone.base_url):
        return  # not opened yet, or left by the quick exit
    now = layout_problems(phone)
    assert now == [], f"{name or phone.page.url}: " + "; ".join(now)
    found = serious_accessibility_problems(phone)
    assert found == [], f"{name or phone.page.url}: " + "; ".join(found)


def assert_layout_held(phone):
    """Nothing the watch reported on any screen this phone showed so far."""
    phone.page.wait_for_timeout(0)  # lets the binding's reports in
    seen = phone.layout_reports
    assert not seen, "screens broke the layout invariants:\n" + "\n".join(
        f"  {report['path']} at {report['width']} px ({report['heading']!r}): "
        + "; ".join(report["problems"]) for report in seen)


def watch_layout(context, base_url):
    """Install the layout watch in every page of `context`; returns the list its reports go to
    (each screen's problems once)."""
    reports, seen = [], set()

    def report(_source, found):
        key = (found["path"], found["width"], tuple(found["problems"]))
        if key not in seen:
            seen.add(key)
            reports.append(found)

    context.expose_binding("__layoutProblems", report)
    script = (LAYOUT_WATCH.replace("__ORIGIN__", json.dumps(base_url.rstrip("/")))
              .replace("__PROBLEMS__", LAYOUT_PROBLEMS))
    context.add_init_script(script=script)
    return reports
