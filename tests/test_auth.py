"""Accounts: registration without enumeration, passwords, sign-in limits, sessions, CSRF."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import argon2
import phone_crypto
import pytest
from conftest import PASSWORD_LIMITS
from helpers import PASSWORD, ApiClient, error_of
from sqlalchemy import select, update

from server.auth.models import UserSession
from server.database import utcnow
from server.extensions import db

COOKIE = "kintsugi_session"


def set_cookie_header(response, name=COOKIE):
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))


def steal_cookie(phone: ApiClient, app) -> ApiClient:
    """Another browser holding a copy of this phone's session cookie."""
    thief = ApiClient(app.test_client())
    thief.http.set_cookie(COOKIE, phone.http.get_cookie(COOKIE).value)
    return thief


def test_register_answers_the_same_whether_or_not_the_email_exists(client):
    first = client.register("ana@example.org")
    again = client.register("ANA@example.org ", password="another fine secret 2")
    assert first.status_code == again.status_code == 202
    assert first.get_json() == again.get_json()
    # The existing account was not touched by the second registration.
    assert client.login("ana@example.org").status_code == 200


def test_register_hashes_the_password_even_when_the_email_is_taken(client, monkeypatch):
    client.register("ana@example.org")
    hashed = []
    real_hash = argon2.PasswordHasher.hash
    monkeypatch.setattr(argon2.PasswordHasher, "hash",
                        lambda self, pw, **kw: hashed.append(pw) or real_hash(self, pw, **kw))
    body = client.register_body("ana@example.org", password="another fine secret 2")
    client.post("/api/auth/register", body)
    assert hashed == [body["auth"]]  # what the phone derived; the password never came


def test_login_with_unknown_email_still_runs_a_hash_check(client, monkeypatch):
    verified = []
    real_verify = argon2.PasswordHasher.verify
    monkeypatch.setattr(argon2.PasswordHasher, "verify",
                        lambda self, h, pw: verified.append(pw) or real_verify(self, h, pw))
    client.register("ana@example.org")
    unknown = client.login("nobody@example.org")
    wrong = client.login("ana@example.org", password="not the password")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_json() == wrong.get_json()
    # The unknown email was checked too (against a dummy hash).
    assert verified == [client.auth(PASSWORD, "nobody@example.org"),
                        client.auth("not the password", "ana@example.org")]


@pytest.mark.parametrize("field, value, reason", [
    ("memory_kib", 512, "memory_kib must be between 1024"),
    ("iterations", 0, "iterations must be between 1"),
    ("parallelism", 17, "parallelism must be between 1 and 16"),
    ("salt", "c2hvcnQ", "Length"),
])
def test_a_phone_cannot_choose_a_weaker_derivation_than_todays(client, field, value, reason):
    """The phone picks the salt, so the server holds the parameters to at least its own: no
    phone can make an account cheaper to guess."""
    body = client.register_body("ana@example.org")
    body["kdf"][field] = value
    response = client.post("/api/auth/register", body)
    assert response.status_code == 422
    assert reason in error_of(response)["fields"][f"kdf.{field}"]
    assert client.login("ana@example.org").status_code == 401  # no account was made


@pytest.mark.parametrize("auth", ["mended with gold 1", "A" * 44, "+" * 43])
def test_only_an_authentication_value_is_taken_never_a_password(client, auth):
    client.register("ana@example.org")
    response = client.post("/api/auth/login", {"email": "ana@example.org", "auth": auth})
    assert response.status_code == 422
    assert error_of(response)["fields"]["auth"] == "Expected 32 bytes, base64url."
    old = client.post("/api/auth/login", {"email": "ana@example.org", "password": PASSWORD})
    assert old.status_code == 422
    assert error_of(old)["fields"]["auth"] == "Missing data for required field."


def test_prelogin_answers_alike_whether_or_not_the_email_has_an_account(client):
    """The salt and parameters come before sign-in without telling who has an account: for an
    unknown email a made-up salt, the same every time (asking twice cannot tell them apart)."""
    client.register("ana@example.org")
    ana = client.prelogin("ana@example.org")
    nobody = client.prelogin("nobody@example.org")
    assert set(ana) == set(nobody) == {"algorithm", "salt", "memory_kib", "iterations",
                                       "parallelism"}
    assert {k: v for k, v in ana.items() if k != "salt"} \
        == {k: v for k, v in nobody.items() if k != "salt"}
    assert client.prelogin("nobody@example.org") == nobody
    assert client.prelogin(" NOBODY@example.org") == nobody
    assert client.prelogin("nobody2@example.org")["salt"] != nobody["salt"]
    assert ana["salt"] != nobody["salt"] and len(ana["salt"]) == len(nobody["salt"])
    assert client.prelogin("ana@example.org") == ana


def test_the_common_passwords_are_served_for_the_phone_to_refuse(client):
    response = client.get("/api/auth/common-passwords")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    words = response.get_data(as_text=True).splitlines()
    assert len(words) == 19640 and "iloveyou" in words  # Django's list, its duplicates out


def test_a_128_character_password_works(client):
    password = "kintsugi " * 14 + "ab"
    assert len(password) == 128
    client.register("ana@example.org", password=password)
    assert client.login("ana@example.org", password=password).status_code == 200


def test_login_sets_a_strict_session_cookie_and_no_remember_cookie(client):
    client.register("ana@example.org")
    response = client.login("ana@example.org")
    header = set_cookie_header(response)
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header  # plain http is fine in development and tests
    assert not any(h.startswith("remember_token") for h in response.headers.getlist("Set-Cookie"))


def test_cookies_are_secure_outside_development(make_app):
    app = make_app(ENV="production")
    phone = ApiClient(app.test_client())
    https = {"base_url": "https://localhost"}
    token = phone.http.get("/api/auth/csrf", **https).get_json()["csrf_token"]
    headers = {"X-CSRFToken": token, "Referer": "https://localhost/"}
    kdf = phone.http.post("/api/auth/prelogin", json={"email": "ana@example.org"},
                          headers=headers, **https).get_json()
    phone.http.post("/api/auth/register", json={
        "email": "ana@example.org", "display_name": "Ana",
        **phone_crypto.new_credentials(PASSWORD, kdf, bytes(32))}, headers=headers, **https)
    kdf = phone.http.post("/api/auth/prelogin", json={"email": "ana@example.org"},
                          headers=headers, **https).get_json()
    response = phone.http.post("/api/auth/login", json={
        "email": "ana@example.org", "auth": phone_crypto.auth_value(PASSWORD, kdf)},
        headers=headers, **https)
    assert response.status_code == 200
    header = set_cookie_header(response)
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert app.config["REMEMBER_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_HTTPONLY"]


def test_sixth_failed_login_for_one_account_within_a_minute_is_429(make_app):
    client = ApiClient(make_app(**PASSWORD_LIMITS).test_client())
    client.register("ana@example.org")
    client.register("ben@example.org")
    for _ in range(5):
        assert client.login("ana@example.org", password="wrong password").status_code == 401
    sixth = client.login("ana@example.org", password="wrong password")
    assert sixth.status_code == 429
    assert error_of(sixth)["code"] == "rate_limited"
    assert int(sixth.headers["Retry-After"]) > 0
    # Even the right password waits now; another account is not affected.
    assert client.login("ana@example.org").status_code == 429
    assert client.login("ben@example.org").status_code == 200


def test_every_sign_in_try_counts_and_a_known_phone_has_its_own(make_app):
    """Right passwords count too (no more passwords are ever checked than the limit), so the
    sixth sign-in in a minute from phones the account does not know waits; the phone that
    signed in before goes on against its own allowance."""
    app = make_app(**PASSWORD_LIMITS)
    known = ApiClient(app.test_client())
    known.register("ana@example.org")
    assert known.login("ana@example.org").status_code == 200
    for _ in range(4):
        assert ApiClient(app.test_client()).login("ana@example.org").status_code == 200
    assert ApiClient(app.test_client()).login("ana@example.org").status_code == 429
    for _ in range(5):
        assert known.login("ana@example.org").status_code == 200
    assert known.login("ana@example.org").status_code == 429


def test_registration_is_rate_limited_per_address(make_app):
    phone = ApiClient(make_app(REGISTRATIONS_PER_ADDRESS="2 per hour").test_client())
    assert phone.register("a@example.org").status_code == 202
    assert phone.register("b@example.org").status_code == 202
    assert phone.register("c@example.org").status_code == 429


def test_login_is_rate_limited_per_address(make_app):
    phone = ApiClient(make_app(LOGIN_ATTEMPTS_PER_ADDRESS="3 per minute").test_client())
    for n in range(3):
        assert phone.login(f"user{n}@example.org").status_code == 401
    assert phone.login("someone-else@example.org").status_code == 429


@pytest.mark.parametrize("token", [None, "not-the-token"])
def test_state_changes_without_the_csrf_token_are_refused_and_change_nothing(client, token):
    headers = {"X-CSRFToken": token} if token else {}
    response = client.post("/api/auth/register", client.register_body("ana@example.org"),
                           csrf=False, headers=headers)
    assert response.status_code == 400
    assert error_of(response)["code"] == "csrf_failed"
    client.refresh_csrf()
    assert client.login("ana@example.org").status_code == 401  # no account was made


def test_csrf_token_of_another_session_is_refused(person, app):
    ana = person("ana")
    stranger = ApiClient(app.test_client())
    stranger.refresh_csrf()
    response = ana.patch("/api/me", {"display_name": "X"},
                         headers={"X-CSRFToken": stranger.csrf_token})
    assert response.status_code == 400
    assert ana.get("/api/me").get_json()["display_name"] == "Ana"


def test_me_requires_sign_in(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_me_describes_the_person_and_can_be_renamed(person):
    ana = person("ana")
    me = ana.get("/api/me").get_json()
    assert me["email"] == "ana@example.org"
    assert me["display_name"] == "Ana"
    assert me["space"] is None
    assert "password_hash" not in me
    renamed = ana.patch("/api/me", {"display_name": "  Ana M. "})
    assert renamed.get_json()["display_name"] == "Ana M."


def test_logout_ends_this_session_for_good(person, app):
    ana = person("ana")
    copy = steal_cookie(ana, app)
    assert ana.post("/api/auth/logout").status_code == 204
    assert ana.get("/api/me").status_code == 401
    assert copy.get("/api/me").status_code == 401  # the old cookie is dead server-side


def test_the_cookie_is_sent_again_only_when_the_session_was_seen_a_minute_later(person, app):
    ana = person("ana")
    quiet = ana.get("/api/me")
    assert not [h for h in quiet.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]
    with app.app_context():
        db.session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(days=20)))
        db.session.commit()
    seen = ana.get("/api/me")
    assert seen.status_code == 200
    # Twenty days idle, then used: the cookie's 30 days start again, as the session's do.
    expires = parsedate_to_datetime(set_cookie_header(seen).split("Expires=")[1].split(";")[0])
    assert expires > utcnow() + timedelta(days=29)
    with app.app_context():
        assert db.session.scalar(select(UserSession.last_seen_at)) > utcnow() - timedelta(minutes=1)


def test_cookie_captured_before_logout_everywhere_is_401_after(person, app):
    ana = person("ana")
    laptop = ApiClient(app.test_client())
    laptop.login("ana@example.org")
    captured = steal_cookie(ana, app)
    assert captured.get("/api/me").status_code == 200
    assert ana.post("/api/auth/logout-everywhere").status_code == 204
    for phone in (captured, laptop, ana):
        assert phone.get("/api/me").status_code == 401


def test_sessions_list_devices_and_any_can_be_ended(person, app):
    ana = person("ana")
    laptop = ApiClient(app.test_client())
    laptop.login("ana@example.org", device_label="Work laptop")
    sessions = ana.get("/api/sessions").get_json()
    assert len(sessions) == 2
    assert {s["device_label"] for s in sessions} >= {"Work laptop"}
    assert [s["current"] for s in sessions].count(True) == 1
    laptop_session = next(s for s in sessions if s["device_label"] == "Work laptop")
    assert ana.delete(f"/api/sessions/{laptop_session['id']}").status_code == 204
    assert laptop.get("/api/me").status_code == 401
    assert ana.get("/api/me").status_code == 200
    assert len(ana.get("/api/sessions").get_json()) == 1


def test_device_label_is_guessed_from_the_browser(app):
    phone = ApiClient(app.test_client())
    phone.register("ana@example.org")
    ua = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/126.0 Mobile Safari/537.36")
    phone.post("/api/auth/login", {"email": "ana@example.org",
                                   "auth": phone.auth(email="ana@example.org")},
               headers={"User-Agent": ua})
    assert phone.get("/api/sessions").get_json()[0]["device_label"] == "Chrome on Android"


def test_a_person_cannot_end_someone_elses_session(person):
    ana, ben = person("ana"), person("ben")
    ben_session = ben.get("/api/sessions").get_json()[0]["id"]
    assert ana.delete(f"/api/sessions/{ben_session}").status_code == 404
    assert ben.get("/api/me").status_code == 200


def test_password_change_ends_every_other_session(person, app):
    ana = person("ana")
    laptop = ApiClient(app.test_client())
    laptop.login("ana@example.org")
    response = ana.change_password(PASSWORD, "a brand new secret 9")
    assert response.status_code == 204
    assert laptop.get("/api/me").status_code == 401
    assert ana.get("/api/me").status_code == 200  # this device stays signed in
    assert laptop.login("ana@example.org").status_code == 401
    assert laptop.login("ana@example.org", password="a brand new secret 9").status_code == 200


def test_password_change_needs_the_current_password_and_a_good_derivation(person):
    ana = person("ana")
    wrong = ana.change_password("nope nope", "a brand new secret 9")
    assert wrong.status_code == 403
    assert "current_auth" in error_of(wrong)["fields"]
    weak = ana.new_password_body(PASSWORD, "a brand new secret 9")
    weak["new_kdf"]["iterations"] = 0
    answer = ana.post("/api/me/password", weak)
    assert answer.status_code == 422
    assert "new_kdf.iterations" in error_of(answer)["fields"]
    assert ana.post("/api/auth/logout").status_code == 204
    assert ana.login("ana@example.org").status_code == 200  # still the old password


def test_wrong_passwords_on_a_signed_in_phone_are_limited_per_session(make_app):
    """A phone left signed in is no way to guess its owner's password: changing it and deleting
    the account share one limit of tries in this session (a right one counts too); the owner's
    other phones keep their own."""
    app = make_app(**PASSWORD_LIMITS)
    ana, ben = ApiClient(app.test_client()), ApiClient(app.test_client())
    for phone, email in ((ana, "ana@example.org"), (ben, "ben@example.org")):
        assert phone.register(email).status_code == 202
        assert phone.login(email).status_code == 200
    assert ana.change_password(PASSWORD, PASSWORD + " again").status_code == 204
    for _ in range(2):
        assert ana.change_password("a guess it is").status_code == 403
    for _ in range(2):
        assert ana.delete_account("another guess").status_code == 403
    sixth = ana.delete_account(PASSWORD + " again")
    assert sixth.status_code == 429
    assert error_of(sixth)["code"] == "rate_limited"
    assert ana.get("/api/me").status_code == 200  # nothing was deleted
    assert ben.delete_account("a wrong one").status_code == 403


def test_hash_is_upgraded_when_the_cost_parameters_rise(make_app):
    from server.auth.models import User
    from server.extensions import db

    cheap = ApiClient(make_app().test_client())
    cheap.register("ana@example.org")
    stronger = make_app(ARGON2_TIME_COST=2, ARGON2_MEMORY_COST=2048)
    assert ApiClient(stronger.test_client()).login("ana@example.org").status_code == 200
    with stronger.app_context():
        stored = db.session.query(User).one().password_hash
    assert "m=2048,t=2" in stored


def test_delete_account_asks_for_the_password_then_removes_everything(person):
    ana = person("ana")
    wrong = ana.delete_account("not it at all")
    assert wrong.status_code == 403
    assert ana.get("/api/me").status_code == 200
    assert ana.delete_account(PASSWORD).status_code == 204
    assert ana.get("/api/me").status_code == 401
    assert ana.login("ana@example.org").status_code == 401
    # The email can be used again for a new account.
    ana.register("ana@example.org")
    assert ana.login("ana@example.org").status_code == 200


def test_a_phone_asks_whether_it_is_signed_in_and_nobody_is_an_answer(client, person):
    assert client.get("/api/auth/session").get_json() == {"signed_in": False, "me": None}
    assert client.get("/api/me").status_code == 401  # the account itself stays closed
    ana = person("ana")
    answer = ana.get("/api/auth/session")
    assert answer.status_code == 200
    assert answer.get_json() == {"signed_in": True, "me": ana.get("/api/me").get_json()}
    assert ana.post("/api/auth/logout").status_code == 204
    assert ana.get("/api/auth/session").get_json() == {"signed_in": False, "me": None}
