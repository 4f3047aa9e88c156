"""A person's own app in every state of their shared space (issue 15), on 390×844 phones,
through what a person sees: not yet paired, waiting for the partner, the space ended by me and
by my partner, and paired again with someone new. In each: the journal is written and read,
both exports are downloaded (after the password is asked again), a session is ended, the person
signs out and back in, and deletes the account. The ended space's history is read-only, and none
of the former partner's words reach the page, IndexedDB, the caches, either export or the printed
PDF. New screens are kept as screenshots in light and dark."""

import json
import uuid
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from helpers import PASSWORD
from playwright.sync_api import expect
from pypdf import PdfReader

from browser import settings_pages
from browser.phones import READ_SEEN, check_screen, eventually, shoot
from browser.settings_pages import DATA, DEVICES, LEAVING, settings_page
from browser.test_journal_privacy import DOM, EVERY_CACHE, EVERY_INDEXEDDB

SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])


def now_iso():
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def canary(who, where):
    return f"{who}-{where}-{uuid.uuid4().hex[:8]}"


def tab(page, name):
    page.get_by_role("navigation", name="Sections").get_by_role("link", name=name,
                                                                 exact=True).click()


def write_in_journal(phone, words):
    """Me → Journal, as a person: write, save, and read it back in the list."""
    page = phone.page
    tab(page, "Me")
    page.get_by_role("navigation", name="Parts of Me").get_by_role(
        "link", name="Journal", exact=True).click()
    expect(page.get_by_text("Only you can read this.")).to_be_visible()
    opening = page.get_by_role("button", name="Open my journal")
    expect(opening.or_(page.get_by_role("heading", name="Write", exact=True))).to_be_visible()
    if opening.is_visible():  # signed up through the API: the password opens it here once
        phone.open_journal()
    page.get_by_label("What is on my mind").fill(words)
    page.get_by_role("button", name="Save in my journal").click()
    expect(page.get_by_role("article").filter(has_text=words)).to_be_visible()
    eventually(lambda: words in [phone.words_of(entry)["text"]
                                 for entry in phone.json("GET", "/api/journal")["items"]],
               message="the entry never reached the server")


def open_settings(page, title=None):
    """Me → Settings, as a person taps there, and then its page named `title`."""
    tab(page, "Me")
    page.get_by_role("navigation", name="Parts of Me").get_by_role(
        "link", name="Settings", exact=True).click()
    if title:
        settings_page(page, title)


def download_readable_journal(phone):
    """Settings → "Download my journal, readable": made on the phone (within the window the
    exports opened, so not asked again). Returns the document's text."""
    page = phone.page
    open_settings(page, DATA)
    section = page.get_by_role("region", name="My data")
    with page.expect_download() as started:
        section.get_by_role("button", name="Download my journal, readable").click()
    journal = started.value
    assert journal.suggested_filename == f"kintsugi-journal-{date.today().isoformat()}.html"
    return Path(journal.path()).read_text()


def download_both_exports(phone, scheme=None, shot=None):
    """Both exports from Settings: the phone asks for the password first (once: the window
    stays open for the second). Returns (the JSON's text, the readable document's text)."""
    page = phone.page
    open_settings(page, DATA)
    section = page.get_by_role("region", name="My data")
    section.get_by_role("button", name="Download a copy to read and print").click()
    dialog = page.get_by_role("dialog", name="Is it you?")
    dialog.get_by_label("Your password").fill("not my password")
    dialog.get_by_role("button", name="Confirm and download").click()
    expect(dialog.get_by_role("alert")).to_have_text("The password is not right.")
    if shot:
        shoot(phone, shot, scheme, "Is it you?")
    dialog.get_by_label("Your password").fill(PASSWORD)
    with page.expect_download() as started:
        dialog.get_by_role("button", name="Confirm and download").click()
    readable = started.value
    assert readable.suggested_filename == f"kintsugi-{date.today().isoformat()}.html"
    expect(dialog).to_have_count(0)
    with page.expect_download() as started:  # within the window: not asked again
        section.get_by_role("button", name="Download my data").click()
    machine = started.value
    assert machine.suggested_filename == f"kintsugi-export-{date.today().isoformat()}.json"
    expect(section.get_by_role("status")).to_have_text(f"Saved as {machine.suggested_filename}.")
    return Path(machine.path()).read_text(), Path(readable.path()).read_text()


def end_other_session_sign_out_and_back_in(phone, phones, name):
    """A second device is signed out from Settings; then this phone signs out (cleared) and signs
    in again through the welcome screen."""
    other = phones()
    other.sign_in_by_api(f"{name.lower()}@example.org", device_label="Laptop")
    page = phone.page
    open_settings(page, DEVICES)
    sessions = page.get_by_role("region", name="Where I am signed in")
    sessions.get_by_role("button", name="Sign out Laptop").click()
    expect(sessions.get_by_role("status")).to_have_text("Laptop is signed out.")
    assert other.api("GET", "/api/me").status == 401
    # Signing out of this phone: on Settings' first page, two taps from Me.
    tab(page, "Me")
    page.get_by_role("navigation", name="Parts of Me").get_by_role(
        "link", name="Settings", exact=True).click()
    page.get_by_role("button", name="Sign out and clear this phone").click()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()


def delete_account(phone, phones, name):
    page = phone.page
    open_settings(page, LEAVING)
    page.get_by_role("button", name="Delete my account").click()
    dialog = page.get_by_role("dialog", name="Delete your account for good?")
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    assert phones().login_status(f"{name.lower()}@example.org") == 401


def my_own_app(phone, phones, name, words, scheme, shots):
    """Everything of one's own, in the state the phone is in now."""
    write_in_journal(phone, words)
    check_screen(phone)
    machine, readable = download_both_exports(phone, scheme, shots)
    # Sealed: the server's files hold the journal only locked; the phone makes it readable.
    assert words not in machine and words not in readable and '"sealing"' in machine
    journal = download_readable_journal(phone)
    assert words in journal and "Opened on this phone with your password" in journal
    end_other_session_sign_out_and_back_in(phone, phones, name)
    write_in_journal(phone, f"{words} again")
    return machine, readable


@SCHEMES
def test_before_pairing_and_while_waiting_a_person_has_their_whole_own_app(phones, scheme):
    cara = phones(scheme)
    cara.sign_up("Cara")
    page = cara.open("/today")
    expect(page.get_by_role("heading", name="Hello, Cara")).to_be_visible()
    expect(page.get_by_role("button", name="Create our space")).to_be_visible()
    tab_bar = page.get_by_role("navigation", name="Sections")
    assert [t.strip() for t in tab_bar.get_by_role("link").all_inner_texts()] == ["Home", "Me"]
    shoot(cara, "own-unpaired-home", scheme, "Hello, Cara")
    check_screen(cara)
    my_own_app(cara, phones, "Cara", canary("cara", "unpaired"), scheme, "own-export-password")
    tab(page, "Me")
    parts = page.get_by_role("navigation", name="Parts of Me")
    assert [p.strip() for p in parts.get_by_role("link").all_inner_texts()] == [
        "Journal", "Setbacks", "Support", "Settings"]
    delete_account(cara, phones, "Cara")

    dana = phones(scheme)
    dana.sign_up("Dana")
    page = dana.open("/today")
    page.get_by_role("button", name="Create our space").click()
    expect(page.get_by_role("heading", name="Your space is ready")).to_be_visible()
    shoot(dana, "own-waiting-home", scheme, "Your space is ready")
    my_own_app(dana, phones, "Dana", canary("dana", "waiting"), scheme, None)
    tab(page, "Home")
    expect(page.get_by_label("Invite code")).to_have_text(
        dana.json("GET", "/api/space")["invite"]["code"])
    delete_account(dana, phones, "Dana")


def words_of_a_couple(ana, ben):
    """Both write in the space, on their own records and on each other's."""
    words = {"ana": {where: canary("ana", where) for where in ("question", "checkin")},
             "ben": {where: canary("ben", where) for where in ("answer", "action", "reflection")}}
    question = ana.json("PUT", f"/api/questions/{uuid.uuid4()}", {
        "text": words["ana"]["question"], "occurred_at": now_iso()}, status=201)["id"]
    ben.json("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}", {
        "text": words["ben"]["answer"], "based_on": 0}, status=201)
    ana.json("PUT", f"/api/checkins/{uuid.uuid4()}", {
        "feelings": ["grief"], "trust": 3, "want_you_to_know": words["ana"]["checkin"],
        "occurred_at": now_iso()}, status=201)
    ben.json("PUT", f"/api/actions/{uuid.uuid4()}", {
        "what": words["ben"]["action"], "category": "care", "occurred_at": now_iso()},
        status=201)
    experience = ana.json("PUT", f"/api/experiences/{uuid.uuid4()}", {
        "title": "A walk without phones", "occurred_at": now_iso()}, status=201)["id"]
    ben.json("PUT", f"/api/experiences/{experience}/reflection", {
        "text": words["ben"]["reflection"], "joy": 4}, status=200)
    return words


def nothing_of(phone, withheld, *exports):
    """None of these words anywhere on the phone or in the files it downloaded."""
    places = {"page": phone.evaluate(DOM), "IndexedDB": phone.evaluate(EVERY_INDEXEDDB),
              "caches": phone.evaluate(EVERY_CACHE)}
    places.update({f"export {n}": text for n, text in enumerate(exports)})
    leaks = [(where, word) for where, text in places.items() for word in withheld
             if word in text]
    assert not leaks


def printed_text(phone, html):
    """The readable export as Chromium prints it, read back from the PDF."""
    page = phone.context.new_page()
    page.set_content(html)
    pdf = page.pdf(format="A4")
    page.close()
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


@SCHEMES
def test_after_the_end_each_keeps_their_own_app_and_history_and_nothing_of_the_other(
        couple, phones, scheme):
    ana, ben = couple(scheme)
    words = words_of_a_couple(ana, ben)
    settings_pages.open_settings(ana, LEAVING)
    ana.wait_for_service_worker()
    ben.open("/today")

    # Ana ends it: her app shows the ending, gently, and all of her own app.
    page = ana.page
    page.get_by_role("button", name="Leave our space").click()
    page.get_by_role("dialog", name="Leave our space?").get_by_role(
        "button", name="Yes, end our space").click()
    ending = page.get_by_role("region", name="Your shared space has ended")
    expect(ending).to_contain_text(f"It ended on {date.today():%B %-d, %Y}.")  # en-US
    for heading in ("What you keep", "What is gone", "Support, any time",
                    "Where you can go from here", "Begin again, if and when you want"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert "blame" in ending.inner_text() and "you ended" not in page.inner_text("body").lower()
    check_screen(ana)
    shoot(ana, "own-ended-home", scheme, "Your shared space has ended")

    # What she kept: read-only, her words, none of his.
    page.get_by_role("link", name="Read what I kept").click()
    history = page.get_by_test_id("ended-space")
    expect(history).to_contain_text(words["ana"]["question"])
    expect(history).to_contain_text(words["ana"]["checkin"])
    expect(history).to_contain_text("Read-only: this space has ended.")
    expect(history.get_by_role("button")).to_have_count(0)
    shoot(ana, "own-ended-history", scheme, "Spaces that ended")

    # Offline, her own app is the same: the ending, and the journal she wrote since.
    kept = canary("ana", "offline")
    write_in_journal(ana, kept)
    sealed = eventually(lambda: next((entry["sealed"] for entry in ana.json(
        "GET", "/api/journal")["items"] if ana.words_of(entry)["text"] == kept), None))
    eventually(lambda: sealed in json.dumps(ana.evaluate(READ_SEEN)),
               message="the phone never kept the journal for offline use")
    assert kept not in json.dumps(ana.evaluate(READ_SEEN))  # kept sealed
    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("journal-entries")).to_contain_text(kept)
    tab(page, "Home")
    expect(page.get_by_role("heading", name="Hello, Ana")).to_be_visible()
    expect(page.get_by_role("heading", name="What you keep")).to_be_visible()
    ana.context.set_offline(False)

    machine, readable = my_own_app(ana, phones, "Ana", canary("ana", "journal"), scheme, None)
    assert words["ana"]["question"] in readable and words["ana"]["checkin"] in readable
    printed = printed_text(ana, readable)
    assert words["ana"]["question"] in printed and "My journal" in printed
    withheld = list(words["ben"].values())
    nothing_of(ana, withheld, machine, readable, printed)

    # Ben's space was ended by his partner: the same gentle screen, his own app, none of hers.
    their = ben.page
    their.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    expect(their.get_by_role("region", name="Your shared space has ended")).to_be_visible()
    shoot(ben, "own-ended-by-partner-home", scheme, "Your shared space has ended")
    machine, readable = my_own_app(ben, phones, "Ben", canary("ben", "journal"), scheme, None)
    assert words["ben"]["action"] in readable or words["ben"]["action"] in machine
    tab(their, "Me")
    their.get_by_role("navigation", name="Parts of Me").get_by_role(
        "link", name="Ended", exact=True).click()
    expect(their.get_by_test_id("ended-space")).to_contain_text(words["ben"]["action"])
    nothing_of(ben, list(words["ana"].values()), machine, readable)

    delete_account(ben, phones, "Ben")
    delete_account(ana, phones, "Ana")


def test_paired_again_with_someone_new_the_ended_space_stays_mine_alone(couple, phones):
    ana, ben = couple()
    words = words_of_a_couple(ana, ben)
    ben.json("POST", "/api/space/leave", status=204)
    cara = phones()
    cara.sign_up("Cara")
    code = cara.json("POST", "/api/space", {"role": "healing"}, status=201)["invite"]["code"]
    page = ana.open("/today")
    page.get_by_label("Invite code").fill(code)
    page.get_by_role("button", name="Join", exact=True).click()
    tab_bar = page.get_by_role("navigation", name="Sections")
    expect(tab_bar.get_by_role("link")).to_have_count(5)

    machine, readable = my_own_app(ana, phones, "Ana", canary("ana", "again"), "light", None)
    tab(page, "Me")
    page.get_by_role("navigation", name="Parts of Me").get_by_role(
        "link", name="Ended", exact=True).click()
    history = page.get_by_test_id("ended-space")
    expect(history).to_have_count(1)
    expect(history).to_contain_text(words["ana"]["question"])
    nothing_of(ana, list(words["ben"].values()), machine, readable)
    # Her new partner sees nothing of the space before.
    assert words["ana"]["question"] not in json.dumps(cara.json("GET", "/api/questions"))
    delete_account(ana, phones, "Ana")
    assert cara.api("GET", "/api/space").status == 404
