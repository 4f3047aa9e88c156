"""The password never reaches the server, at the API (issue #18; the scheme is described in
server/auth/sealing.py): the journal key is opened on every phone with the password alone, a
password change re-wraps it, and an account from before the scheme moves to it at its next
sign-in with no password sent (its plaintext entries then sealed by its phone)."""

import base64
import uuid

import phone_crypto
from helpers import PASSWORD, ApiClient, error_of, make_legacy
from sqlalchemy import select, text

from server.auth.models import User
from server.extensions import db
from server.journal.models import JournalEntry


def test_every_phone_opens_the_same_journal_key_with_the_password_alone(person, phone):
    ana = person("ana")
    laptop = phone("ana")
    assert laptop.journal_key == ana.journal_key  # unwrapped from the sign-in answer
    entry = uuid.uuid4()
    ana.request("PUT", f"/api/journal/{entry}", json={
        "sealed": ana.seal("Only mine.", entry), "occurred_at": "2026-11-24T21:05:00+01:00"})
    stored = laptop.get(f"/api/journal/{entry}").get_json()
    assert phone_crypto.open_sealed(laptop.journal_key, entry, 1, stored["sealed"])["text"] \
        == "Only mine."


def test_a_password_change_rewraps_the_key_and_the_other_phone_opens_it_with_the_new_one(
        person, phone):
    ana = person("ana")
    laptop = phone("ana")
    before = ana.me["sealing"]
    assert ana.change_password(PASSWORD, "a brand new secret 9").status_code == 204
    assert laptop.get("/api/me").status_code == 401  # signed out elsewhere, as before
    assert laptop.login("ana@example.org").status_code == 401
    assert laptop.login("ana@example.org", password="a brand new secret 9").status_code == 200
    after = laptop.me["sealing"]
    assert after["kdf"]["salt"] != before["kdf"]["salt"]
    assert after["wrapped_journal_key"] != before["wrapped_journal_key"]
    assert laptop.journal_key == ana.journal_key  # the same key, wrapped anew


def test_a_phone_signed_in_before_opens_the_journal_with_the_password_alone(person):
    """POST /api/me/journal-key: the password checked (a wrong one is 403, counted as any
    confirmation), the wrapped key given, and no export window opened by it."""
    ana = person("ana")
    wrong = ana.post("/api/me/journal-key", {"auth": ana.auth("not my password")})
    assert wrong.status_code == 403 and error_of(wrong)["code"] == "wrong_password"
    answer = ana.post("/api/me/journal-key", {"auth": ana.auth(PASSWORD)})
    assert answer.status_code == 200
    assert answer.get_json()["wrapped_journal_key"] == ana.me["sealing"]["wrapped_journal_key"]
    assert error_of(ana.get("/api/export"))["code"] == "reauthentication_required"


def test_what_the_server_keeps_opens_nothing_without_the_password(app, person):
    """The wrapping key is not derivable from what the server stores (the hash of `auth`)."""
    ana = person("ana")
    with app.app_context():
        row = db.session.scalar(select(User).where(User.email == "ana@example.org"))
        kept = f"{row.password_hash} {row.kdf} {row.wrapped_journal_key}"
    wrapping = phone_crypto.wrapping_key(PASSWORD, row.kdf)
    assert phone_crypto.b64(wrapping) not in kept and phone_crypto.b64(ana.journal_key) not in kept
    assert ana.auth(PASSWORD) not in kept  # only its argon2id hash
    assert row.password_hash.startswith("$argon2id$")


def test_a_legacy_account_signs_in_without_sending_its_password_and_moves(app, person, phone):
    ana = person("ana")
    make_legacy(app, "ana@example.org", entries=["Written before sealing."])
    legacy = ana.prelogin("ana@example.org")
    with app.app_context():
        stored_hash = db.session.scalar(select(User.password_hash))
    salt = stored_hash.split("$")[-2]  # the hash's own salt: master IS its raw output
    assert phone_crypto.unb64(legacy["salt"]) == base64.b64decode(salt + "=" * (-len(salt) % 4))

    device = ApiClient(app.test_client())
    assert device.login("ana@example.org", password="not the password").status_code == 401
    assert device.login("ana@example.org").status_code == 200
    assert device.me["sealing"]["kdf"] is None
    assert device.me["sealing"]["wrapped_journal_key"] is None
    assert device.me["sealing"]["parameters"] == {
        k: v for k, v in legacy.items() if k != "salt"}  # for the new salt
    [old] = device.get("/api/journal").get_json()["items"]
    assert old["text"] == "Written before sealing." and old["sealed"] is None

    # The phone moves the account: a fresh salt, a journal key, the same password.
    device.journal_key = bytes(range(1, 33))
    body = device.new_password_body(PASSWORD, PASSWORD)
    assert body["current_auth"] == phone_crypto.auth_value(PASSWORD, legacy)
    assert device.post("/api/me/sealing", body).status_code == 204
    again = device.post("/api/me/sealing", device.new_password_body(PASSWORD, PASSWORD))
    assert again.status_code == 409 and error_of(again)["code"] == "already_sealed"
    assert device.get("/api/me").status_code == 200  # no session ended: the password is the same

    # ...then seals the plaintext entry; no plaintext of it is left in the row.
    sealed = phone_crypto.seal(device.journal_key, old["id"], 2, old["text"], old["prompt"])
    assert device.patch(f"/api/journal/{old['id']}", {"sealed": sealed, "version": 1}) \
        .get_json()["text"] is None
    with app.app_context():
        row = db.session.get(JournalEntry, uuid.UUID(old["id"]))
        assert (row.text, row.prompt, row.sealed) == (None, None, sealed)
        dumped = "\n".join(str(r) for r in db.session.execute(text("SELECT * FROM users")))
    assert "Written before sealing." not in dumped

    # Signing in now takes the new salt; the legacy derivation no longer opens the account.
    assert ana.prelogin("ana@example.org")["salt"] != legacy["salt"]
    laptop = phone("ana")
    assert laptop.journal_key == device.journal_key
    stale = ApiClient(app.test_client())
    stale.refresh_csrf()
    assert stale.post("/api/auth/login", {"email": "ana@example.org", "auth": body["current_auth"]}
                      ).status_code == 401


def test_a_legacy_account_answers_prelogin_like_any_other(app, person, client):
    person("ana")
    make_legacy(app, "ana@example.org")
    legacy, nobody = client.prelogin("ana@example.org"), client.prelogin("nobody@example.org")
    assert {k: v for k, v in legacy.items() if k != "salt"} \
        == {k: v for k, v in nobody.items() if k != "salt"}
    assert len(legacy["salt"]) == len(nobody["salt"])


def test_asking_for_salts_is_limited_per_address_like_signing_in(make_app):
    """Prelogin answers anyone, so it is limited as sign-in is: no address can collect the
    salts of a list of emails at speed."""
    device = ApiClient(make_app(LOGIN_ATTEMPTS_PER_ADDRESS="3 per minute").test_client())
    for n in range(3):
        assert device.post("/api/auth/prelogin", {"email": f"p{n}@example.org"}).status_code \
            == 200
    refused = device.post("/api/auth/prelogin", {"email": "p4@example.org"})
    assert refused.status_code == 429
    assert error_of(refused)["code"] == "rate_limited"
