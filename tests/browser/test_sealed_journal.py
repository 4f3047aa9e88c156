"""The journal sealed on the phone (issue #18), through the real app in Chromium: the words, and
the password, never reach the server.

Ana registers and signs in through the app, writes (one entry changed, one offline) and downloads
her exports; then her canary and her password are searched for in the raw database (the SQLite
file's bytes, or a pg_dump on PostgreSQL), every log record, both exports' raw bytes, and every
request body and every answer the server handled (a WSGI middleware records them), sign-in
included. Each search also finds what must be there (her ciphertext, her email), so it can fail.
Then: a second phone of hers reads every entry, her partner's never can, a password changed on
one phone opens all on the other, and a ciphertext swapped between two entries is refused."""

import io
import json
import logging
import subprocess
import uuid
from pathlib import Path

import phone_crypto
import pytest
from helpers import PASSWORD, make_legacy
from playwright.sync_api import expect
from sqlalchemy import make_url, text, update

from browser.phones import FAKE_PUSH_HOST, READ_OUTBOX, eventually
from browser.settings_pages import LOCK, open_settings
from browser.test_journal_privacy import EVERY_INDEXEDDB
from server.extensions import db
from server.journal.models import JournalEntry

NEW_PASSWORD = "a fresh seam of gold 7"


class Recorder:
    """WSGI middleware: every request's path and body, and every answer's headers and body."""

    def __init__(self, wsgi):
        self.wsgi = wsgi
        self.requests: list[bytes] = []
        self.answers: list[bytes] = []

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        self.requests.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}?"
                             f"{environ.get('QUERY_STRING', '')}\n".encode() + body)

        def recording_start(status, headers, exc_info=None):
            self.answers.append(f"{status} {headers}".encode())
            return start_response(status, headers, exc_info)

        for chunk in self.wsgi(environ, recording_start):
            self.answers.append(chunk)
            yield chunk

    def sent(self, method: str, path: str) -> list[bytes]:
        return [r for r in self.requests if r.startswith(f"{method} {path}?".encode())]


@pytest.fixture
def app(make_app):
    app = make_app(PUSH_EXTRA_ALLOWED_HOSTS=[FAKE_PUSH_HOST])
    app.wsgi_app = Recorder(app.wsgi_app)
    return app


def raw_database(app) -> bytes:
    """Everything the database holds, as stored: the SQLite file (with its WAL) byte for byte,
    or PostgreSQL's own dump."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        with app.app_context():
            db.session.execute(text("PRAGMA wal_checkpoint(FULL)"))
        files = [Path(url.database + suffix) for suffix in ("", "-wal")]
        return b"".join(path.read_bytes() for path in files if path.exists())
    return subprocess.run(
        ["pg_dump", "-h", url.host, "-p", str(url.port or 5432), "-U", url.username,
         url.database], capture_output=True, check=True).stdout


def sign_in_through_the_app(phone, email, password=PASSWORD):
    page = phone.open("/")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()
    return page


def register_through_the_app(phone, name, password=PASSWORD):
    page = phone.open("/")
    page.get_by_role("button", name="Create an account").click()
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Email").fill(f"{name.lower()}@example.org")
    expect(page.get_by_text("a lost password means a lost journal")).to_be_visible()
    page.get_by_label("Password").fill("iloveyou")  # refused on the phone: the server never sees
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_have_text(
        "This password is too common; choose one that is hard to guess.")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()
    return page


def write(phone, words, prompt=None):
    page = phone.open("/me/journal")
    if prompt:
        page.get_by_role("button", name=prompt, exact=True).click()
    page.get_by_role("textbox").first.fill(words)
    page.get_by_role("button", name="Save in my journal").click()
    expect(page.get_by_test_id("journal-entries")).to_contain_text(words)


def journal_shows(phone, words: list[str]):
    page = phone.open("/me/journal")
    entries = page.get_by_test_id("journal-entries")
    for each in words:
        expect(entries).to_contain_text(each)
    return page


def test_the_words_and_the_password_never_reach_the_server(app, phones, caplog):
    caplog.set_level(logging.DEBUG)
    recorder = app.wsgi_app
    canary = f"canary-{uuid.uuid4().hex}"
    words = [f"{canary} one: the message at dinner", f"{canary} two: a quiet walk",
             f"{canary} three: written offline"]
    ana, ben = phones(), phones()
    page = register_through_the_app(ana, "Ana")
    ana.csrf = None
    ben.sign_up("Ben")
    code = ana.json("POST", "/api/space", {"role": "healing"}, status=201)["invite"]["code"]
    ben.json("POST", "/api/space/join", {"code": code, "role": "rebuilding"}, status=200)

    write(ana, words[0], prompt="triggers")
    write(ana, words[1])
    entries = page.get_by_test_id("journal-entries")
    entries.get_by_role("article").filter(has_text=words[1]).get_by_role(
        "button", name="Edit").click()
    page.get_by_label("Change this entry").fill(f"{words[1]}, changed")
    page.get_by_role("button", name="Save the change").click()
    expect(entries).to_contain_text("Version 2")

    # Offline: sealed before it enters the outbox; nothing of the words in IndexedDB at all.
    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    page.get_by_label("What is on my mind").fill(words[2])
    page.get_by_role("button", name="Save in my journal").click()
    expect(entries).to_contain_text(words[2])
    [waiting] = ana.evaluate(READ_OUTBOX)
    assert waiting["method"] == "PUT" and set(waiting["body"]) == {"sealed", "occurred_at"}
    offline_id = waiting["url"].rsplit("/", 1)[1]
    kept = ana.evaluate(EVERY_INDEXEDDB)
    assert waiting["body"]["sealed"] in kept and canary not in kept and PASSWORD not in kept
    ana.context.set_offline(False)
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the outbox never emptied")
    assert len(recorder.sent("PUT", f"/api/journal/{offline_id}")) == 1  # sent once
    listed = eventually(lambda: len(ana.json("GET", "/api/journal")["items"]) == 3
                        and ana.json("GET", "/api/journal")["items"])
    kdf = ana.prelogin("ana@example.org")  # her key, as a second phone opens it, for the check
    ana.journal_key = phone_crypto.unwrap(ana.json("POST", "/api/me/journal-key", {
        "auth": phone_crypto.auth_value(PASSWORD, kdf)}, status=200)["wrapped_journal_key"],
        phone_crypto.wrapping_key(PASSWORD, kdf))
    assert sorted(ana.words_of(entry)["text"] for entry in listed) == sorted(
        [words[0], f"{words[1]}, changed", words[2]])
    page.reload()
    journal_shows(ana, [words[0], f"{words[1]}, changed", words[2]])

    # Both exports, as the phone downloads them (after confirming the password).
    ana.json("POST", "/api/me/reauthenticate", {
        "auth": phone_crypto.auth_value(PASSWORD, kdf)}, status=200)
    exports = [ana.api("GET", "/api/export").body(), ana.api("GET", "/api/export/readable").body()]
    assert json.loads(exports[0])["sealing"]["wrapped_journal_key"].startswith("v1.")
    assert b"3 entries are sealed" in exports[1]

    # Her partner's phone never opens them: not listed, not given.
    assert ben.json("GET", "/api/journal", status=200)["items"] == []
    assert ben.api("GET", f"/api/journal/{offline_id}").status == 404
    bens = ben.open("/me/journal")
    expect(bens.get_by_role("heading", name="Private journal")).to_be_visible()
    bens.wait_for_timeout(500)
    assert canary not in bens.content() and canary not in ben.evaluate(EVERY_INDEXEDDB)

    sealed = [entry["sealed"] for entry in listed]
    searched = {
        "database": raw_database(app),
        "logs": (caplog.text + "\n".join(f"{r.getMessage()} {r.args!r}"
                                         for r in caplog.records)).encode(),
        "machine export": exports[0], "readable export": exports[1],
        "request bodies": b"\n".join(recorder.requests),
        "answers": b"\n".join(recorder.answers),
    }
    # Each holds what it should, so finding no canary in it means something.
    assert all(s.encode() in searched["database"] for s in sealed)
    assert all(s.encode() in searched["machine export"] for s in sealed)
    assert f"/api/journal/{offline_id}".encode() in searched["logs"]
    assert recorder.sent("POST", "/api/auth/login") and recorder.sent("POST", "/api/auth/register")
    assert all(s.encode() in searched["request bodies"] for s in sealed)
    assert all(s.encode() in searched["answers"] for s in sealed)
    for where, found in searched.items():
        assert canary.encode() not in found, f"the words reached the server's {where}"
        assert PASSWORD.encode() not in found, f"the password reached the server's {where}"
    signing_in = b"\n".join(recorder.sent("POST", "/api/auth/login"))
    assert b'"auth"' in signing_in and b"password" not in signing_in


def test_a_second_phone_reads_all_and_a_new_password_opens_them_on_the_other(app, phones):
    ana, laptop = phones(), phones()
    register_through_the_app(ana, "Ana")
    texts = ["The first page of it.", "What I could not say at dinner."]
    for words in texts:
        write(ana, words)
    # A second phone: sign in, and the journal is open with no extra step.
    sign_in_through_the_app(laptop, "ana@example.org")
    journal_shows(laptop, texts)

    # A new password on the first phone; the laptop is signed out and signs in with it.
    page = open_settings(ana, LOCK)
    form = page.get_by_role("form", name="Password")
    form.get_by_label("Current password").fill(PASSWORD)
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Change my password").click()
    expect(form.get_by_role("status")).to_contain_text("Your password is changed")
    journal_shows(ana, texts)  # this phone keeps its key
    assert laptop.api("GET", "/api/me").status == 401
    fresh = phones()
    assert fresh.login_status("ana@example.org", PASSWORD) == 401
    page = laptop.open("/")
    page.context.clear_cookies()
    sign_in_through_the_app(laptop, "ana@example.org", NEW_PASSWORD)
    journal_shows(laptop, texts)
    page = laptop.page
    page.get_by_label("What is on my mind").fill("Written after the new password.")
    page.get_by_role("button", name="Save in my journal").click()
    journal_shows(ana, [*texts, "Written after the new password."])


def test_a_ciphertext_swapped_between_two_entries_is_refused_not_shown(app, phones):
    ana = phones()
    page = register_through_the_app(ana, "Ana")
    write(ana, "The first entry's words.")
    write(ana, "The second entry's words.")
    [second, first] = eventually(lambda: len(ana.json("GET", "/api/journal")["items"]) == 2
                                 and ana.json("GET", "/api/journal")["items"])
    with app.app_context():  # whoever holds the database moves the ciphertexts around
        for entry, other in ((first, second), (second, first)):
            db.session.execute(update(JournalEntry).where(
                JournalEntry.id == uuid.UUID(entry["id"])).values(sealed=other["sealed"]))
        db.session.commit()
    page.reload()
    entries = page.get_by_test_id("journal-entries")
    expect(entries.get_by_role("alert")).to_have_count(2)
    expect(entries.get_by_role("alert").first).to_contain_text("This entry did not open")
    expect(entries).not_to_contain_text("entry's words")


def test_an_account_from_before_sealing_moves_at_its_next_sign_in(app, phones):
    """Its password was hashed by the server and its entries kept in clear: signing in through
    the app moves it (no password sent) and seals the old entries; the server keeps no words."""
    phones().sign_up("Ana")
    ana = phones()  # her phone, signed out
    make_legacy(app, "ana@example.org", entries=["Written before sealing.", "And this too."])
    sign_in_through_the_app(ana, "ana@example.org")
    journal_shows(ana, ["Written before sealing.", "And this too."])
    def all_sealed():
        listed = ana.json("GET", "/api/journal")["items"]
        return all(entry["sealed"] and entry["text"] is None for entry in listed) and listed

    sealed = eventually(all_sealed, message="the old entries were never sealed")
    assert [entry["version"] for entry in sealed] == [2, 2]
    assert b"Written before sealing." not in raw_database_rows(app)
    # Another phone of hers signs in with the same password and reads them.
    laptop = phones()
    sign_in_through_the_app(laptop, "ana@example.org")
    journal_shows(laptop, ["Written before sealing.", "And this too."])


def raw_database_rows(app) -> bytes:
    """The journal and account rows as stored (not the file: SQLite keeps freed pages)."""
    with app.app_context():
        rows = db.session.execute(text("SELECT * FROM journal_entries")).all()
        rows += db.session.execute(text("SELECT * FROM users")).all()
    return repr(rows).encode()
