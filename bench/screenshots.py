"""Every screen of the app at 390×844, light and dark, as PNGs a person can look at:
docs/screenshots/<set>/<screen>-<light|dark>.png (set = "before" or "after" a design pass, or
any name). Starts the real app (bench/_local_app.py), fills a couple's space through the API,
then tours as a person would: signed out, on my own, waiting for a partner, paired (every tab and
part, found from the screen's own "Parts of …" links, Settings' own pages, the forms and dialogs),
and after the partner ended the space. Needs the built client (`npm run build`) and Debian's
Chromium. Run: .venv/bin/python bench/screenshots.py after  [--only today,me-settings]
[--full-page]; `--table` prints the README's list of both sets."""

import argparse
import re
import shutil
import uuid
from datetime import UTC, datetime, timedelta

from _local_app import ROOT, Person, local_app, paired_couple
from playwright.sync_api import sync_playwright

VIEWPORT = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SETTLE_MS = 600  # lists filled from the server, and any entrance motion, settle


def at(days_ago=0, hours_ago=0):
    return (datetime.now(UTC) - timedelta(days=days_ago, hours=hours_ago)).isoformat()


def put(person, collection, fields, when=None):
    """A record written as `person` with an id made here, as the phone would."""
    return person.call("PUT", f"/api/{collection}/{uuid.uuid4()}",
                       {**fields, "occurred_at": when or at()})


def fill_a_space(ana, ben):
    """A few weeks of a couple's records, something in every tab and part."""
    for day in range(20, -1, -3):
        put(ana, "checkins", {"feelings": ["grief", "hope"], "trust": 3 + day % 4, "safety": 5,
                              "connection": 4}, at(day, 2))
        put(ben, "checkins", {"feelings": ["sadness"], "trust": 6, "safety": 7,
                              "connection": 5 + day % 3}, at(day, 1))
        put(ben, "actions", {"what": "Told you where I was going before I left"}, at(day))
    put(ben, "checkins", {
        "feelings": ["sadness", "hope"], "trust": 4, "safety": 6, "connection": 5,
        "want_you_to_know": "Yesterday's talk helped, even if it was hard.",
        "need_from_you": "A walk tonight, phones at home."})
    action = put(ben, "actions", {"what": "Cooked dinner and put my phone away"})
    ana.call("PUT", f"/api/actions/{action['id']}/acknowledgement", {"words": "I saw it."})
    put(ana, "actions", {"what": "Said what I needed instead of going quiet"})
    question = put(ana, "questions", {"text": "When did you first think of telling me?"}, at(3))
    ben.call("PUT", f"/api/questions/{question['id']}/answers/{uuid.uuid4()}",
             {"text": "The week after the trip. I was afraid, and I chose wrong.", "based_on": 0})
    put(ana, "questions", {"text": "Who else knew?"})
    ritual = put(ana, "rituals", {"title": "Evening check-in", "activity": "checkin",
                                  "weekdays": [1, 2, 3, 4, 5, 6, 7], "local_time": "21:00",
                                  "time_zone": "Europe/Berlin"}, at(14))
    ben.call("POST", f"/api/rituals/{ritual['id']}/accept", {})
    agreement = put(ana, "agreements", {
        "title": "Phones stay open", "terms": "If you ask to see my phone, I show it.",
        "category": "devices_social_media", "why": None, "review_on": None}, at(10))
    ben.call("POST", f"/api/agreements/{agreement['id']}/consent", {"version_number": 1})
    put(ben, "agreements", {"title": "No contact with her", "terms": "I do not answer her.",
                            "category": "contact_third_person", "why": None,
                            "review_on": None})
    experience = put(ana, "experiences", {"title": "A walk without phones"}, at(2))
    ben.call("PUT", f"/api/experiences/{experience['id']}/reflection",
             {"text": "It felt like us again, for an hour.", "joy": 4})
    put(ana, "setbacks", {"what_happened": "A bad night after the anniversary"}, at(6))
    put(ben, "pauses", {"minutes": 30, "note": "I need some air; back after dinner."})


class Tour:
    """One browser, a context per person, every shot taken in light and then dark."""

    def __init__(self, browser, base_url, folder, only, full_page=False):
        self.browser, self.base_url, self.folder, self.only = browser, base_url, folder, only
        self.full_page = full_page
        self.taken, self.missed = [], []

    def phone(self, person=None):
        context = self.browser.new_context(viewport=VIEWPORT, base_url=self.base_url,
                                           timezone_id="Europe/Berlin")
        if person is not None:
            csrf = context.request.get("/api/auth/csrf").json()["csrf_token"]
            context.request.post("/api/auth/login", headers={"X-CSRFToken": csrf},
                                 data=person.login_body())
        return context.new_page()

    def shoot(self, page, name):
        if self.only and name not in self.only:
            return
        page.wait_for_timeout(SETTLE_MS)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.wait_for_timeout(150)
            page.screenshot(path=str(self.folder / f"{name}-{scheme}.png"),
                            full_page=self.full_page)
        page.emulate_media(color_scheme="light")
        self.taken.append((name, page.evaluate("document.documentElement.scrollHeight")))

    def step(self, name, page, *actions):
        """Do `actions` (each a function of the page) and shoot; a step whose control is not
        there (a screen that changed) is reported, not fatal."""
        try:
            for action in actions:
                action(page)
        except Exception as problem:  # noqa: BLE001 — any failure: report it, tour on
            self.missed.append(f"{name}: {str(problem).splitlines()[0]}")
            return False
        self.shoot(page, name)
        return True

    def open(self, path):
        def opening(page):
            page.goto(path)
            page.wait_for_load_state("networkidle")
        return opening

    def parts(self, page, tab):
        """The hrefs of a tab's parts, from its own row of links."""
        page.goto(f"/{tab}")
        page.wait_for_load_state("networkidle")
        links = page.get_by_role("navigation", name=re.compile(r"^Parts of")).get_by_role("link")
        return [link.get_attribute("href") for link in links.all()]


def click(role, name, exact=False):
    """Click the first visible control of `role` whose name matches (a string or a pattern)."""
    return lambda page: page.get_by_role(role, name=name, exact=exact).first.click(timeout=3000)


def slug(href):
    return href.strip("/").replace("/", "-")


def tour(browser, base_url, folder, only, full_page):
    shots = Tour(browser, base_url, folder, only, full_page)

    # Signed out.
    page = shots.phone()
    shots.step("welcome", page, shots.open("/"))
    shots.step("register", page, click("button", "Create an account"))
    shots.step("sign-in", page, shots.open("/"), click("button", re.compile("^Sign in")))

    # On my own, then waiting for a partner.
    carla = Person(base_url, "Carla").sign_up()
    page = shots.phone(carla)
    shots.step("home-on-my-own", page, shots.open("/today"))
    carla.call("POST", "/api/space", {"role": "healing"})
    shots.step("home-waiting-for-partner", page, shots.open("/today"))
    shots.step("me-on-my-own", page, shots.open("/me"))

    # Paired, with a few weeks of records.
    ana, ben = paired_couple(base_url)
    fill_a_space(ana, ben)
    page = shots.phone(ana)
    shots.step("today", page, shots.open("/today"))
    shots.step("today-check-in-details", page,
               click("button", re.compile("trust, safety, connection|more", re.I)))
    for tab in ("truth", "together", "journey", "me"):
        hrefs = shots.parts(page, tab) or [f"/{tab}"]
        for href in hrefs:
            shots.step(slug(href), page, shots.open(href))
    shots.step("truth-question", page, shots.open("/truth"),
               click("link", "When did you first think of telling me?"))
    shots.step("together-agreement-form", page, shots.open("/together/agreements"),
               click("button", re.compile("^Propose")))
    shots.step("together-agreement", page, shots.open("/together/agreements"),
               click("button", "Phones stay open"))

    # Settings and its own pages (after the design pass it is a short index of pages).
    page.goto("/me/settings")
    page.wait_for_load_state("networkidle")
    pages = [link.get_attribute("href") for link in page.locator(
        "main a[href^='/me/settings/']").all()]
    for href in pages:
        shots.step(slug(href), page, shots.open(href))
    leave = [href for href in pages if "leav" in href] or ["/me/settings"]
    shots.step("dialog-leave-space", page, shots.open(leave[0]),
               click("button", re.compile("^Leave our space")))
    delete = [href for href in pages if "delete" in href or "leav" in href] or ["/me/settings"]
    shots.step("dialog-delete-account", page, shots.open(delete[0]),
               click("button", re.compile("^Delete my account")))

    # After the partner ended the space.
    dana, eli = paired_couple(base_url, "Dana", "Eli")
    put(dana, "checkins", {"feelings": ["grief"], "trust": 2})
    eli.call("POST", "/api/space/leave")
    page = shots.phone(dana)
    shots.step("home-ended", page, shots.open("/today"))
    shots.step("me-ended", page, shots.open("/me/history"))
    return shots


def table(sets=("before", "after")):
    """The README's list: one row per screen, a link to each set's light and dark picture."""
    base = ROOT / "docs" / "screenshots"
    screens = sorted({shot.stem.rsplit("-", 1)[0] for name in sets
                      for shot in (base / name).glob("*.png")})
    header = "| screen | " + " | ".join(f"{name} light | {name} dark" for name in sets) + " |"
    rows = [header, "|---" * (1 + 2 * len(sets)) + "|"]
    for screen in screens:
        cells = []
        for name in sets:
            for scheme in ("light", "dark"):
                shot = base / name / f"{screen}-{scheme}.png"
                cells.append(f"[{scheme}]({shot.relative_to(ROOT)})" if shot.exists() else "—")
        rows.append(f"| {screen} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default="after",
                        help='the folder under docs/screenshots, e.g. "before" or "after" '
                             "(or an absolute path)")
    parser.add_argument("--only", default="", help="comma-separated screen names to retake")
    parser.add_argument("--full-page", action="store_true",
                        help="the whole page, not the phone's 390×844 (for a design review)")
    parser.add_argument("--table", action="store_true",
                        help="print the README's table of the before and after sets, take none")
    arguments = parser.parse_args()
    if arguments.table:
        print(table())
        return
    folder = ROOT / "docs" / "screenshots" / arguments.set  # an absolute path stays as it is
    only = {name for name in arguments.only.split(",") if name}
    if folder.exists() and not only:
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with local_app() as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        shots = tour(browser, base_url, folder, only, arguments.full_page)
        browser.close()
    print(f"{len(shots.taken)} screens, light and dark, in {folder}"
          f" (height of each page in px; one phone is {VIEWPORT['height']})")
    for name, height in shots.taken:
        too_long = "  longer than three phones" if height > 3 * VIEWPORT["height"] else ""
        print(f"  {name:32} {height:6,} px{too_long}")
    for missed in shots.missed:
        print(f"  not taken: {missed}")


if __name__ == "__main__":
    main()
