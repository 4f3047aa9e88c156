"""Password guessing is capped however many tries arrive at once, and cannot be turned against
the account's owner: the rule in server/auth/guessing.py, tried the way a partner who knows the
email would try it (many requests released together, from threads and from several gunicorn
workers sharing Redis)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import phone_crypto
import pytest
import requests
from conftest import PASSWORD_LIMITS
from helpers import (
    PASSWORD,
    ApiClient,
    at_once,
    error_of,
    registering_over_http,
)

from server.auth import guessing, sealing

LIMIT = 5  # PASSWORD_TRIES_PER_ACCOUNT / _PER_KNOWN_DEVICE / _PER_SESSION: "5 per minute"


@pytest.fixture
def app(make_app):
    """The app with production's password-try limits (the suite's are raised)."""
    return make_app(**PASSWORD_LIMITS)


@pytest.fixture
def checked(monkeypatch):
    """Counts the passwords the server really checks (argon2 verifications)."""
    count = {"checks": 0}
    lock = threading.Lock()
    real = sealing.verify_password

    def counting(password_hash, password):
        with lock:
            count["checks"] += 1
        return real(password_hash, password)

    monkeypatch.setattr(sealing, "verify_password", counting)
    return count


def stranger(app):
    """A phone that has never signed in to anyone's account here."""
    return ApiClient(app.test_client())


def sign_in(device, password):
    return lambda: device.login("ana@example.org", password=password)


@pytest.mark.parametrize("tries", [25, 100])
def test_tries_at_once_check_at_most_the_limit_of_passwords(app, person, checked, tries):
    person("ana")  # her own first sign-in is one of the account's tries
    guesses = [sign_in(stranger(app), f"guess number {n}") for n in range(tries - 1)]
    answers = at_once(*guesses, sign_in(stranger(app), PASSWORD))
    codes = [a.status_code for a in answers]
    assert checked["checks"] == LIMIT  # hers and four of these, however many came at once
    assert codes.count(401) + codes.count(200) == LIMIT - 1
    assert codes.count(429) == tries - (LIMIT - 1)
    # Past the limit the right password does not get in either, from a phone the account does
    # not know.
    assert sign_in(stranger(app), PASSWORD)().status_code == 429


def test_the_owners_known_phone_signs_in_during_an_attack(app, person, checked):
    ana = person("ana")  # her phone signed in once, so it carries the device cookie
    assert ana.post("/api/auth/logout").status_code == 204
    attack = at_once(*(sign_in(stranger(app), f"guess {n}") for n in range(25)))
    assert sorted({a.status_code for a in attack}) == [401, 429]
    assert sign_in(stranger(app), PASSWORD)().status_code == 429  # the account is held
    assert ana.login("ana@example.org").status_code == 200  # its owner is not


def test_a_known_phone_has_its_own_limit(app, person):
    ana = person("ana")
    assert ana.post("/api/auth/logout").status_code == 204
    answers = at_once(*(sign_in(ana, f"guess {n}") for n in range(1)))
    assert [a.status_code for a in answers] == [401]
    for n in range(LIMIT - 1):
        assert ana.login("ana@example.org", password=f"more {n}").status_code == 401
    held = ana.login("ana@example.org")
    assert held.status_code == 429
    assert error_of(held)["code"] == "rate_limited"
    assert int(held.headers["Retry-After"]) > 0
    # Her phone held does not hold the account for a phone that does not know it either way.
    assert sign_in(stranger(app), PASSWORD)().status_code == 200


def test_the_partners_device_cookie_does_not_count_as_the_owners(app, person):
    person("ana")  # her own sign-in was the first try from a phone her account did not know
    ben = person("ben")  # known to his own account, not to hers
    assert ben.post("/api/auth/logout").status_code == 204
    for n in range(LIMIT - 1):
        assert ben.login("ana@example.org", password=f"guess {n}").status_code == 401
    assert ben.login("ana@example.org").status_code == 429
    assert ben.login("ben@example.org").status_code == 200  # his own phone, his own account


def test_a_forged_device_cookie_is_no_key(app, person):
    person("ana")  # the first try from a phone her account did not know
    forger = stranger(app)
    forger.http.set_cookie(guessing.DEVICE_COOKIE, "eyJhY2NvdW50Ijo.forged", path="/api/auth")
    for n in range(LIMIT - 1):
        assert forger.login("ana@example.org", password=f"guess {n}").status_code == 401
    assert sign_in(stranger(app), PASSWORD)().status_code == 429


def test_password_confirmations_at_once_are_capped_per_session(app, person, phone, checked):
    ana = person("ana")
    other = phone("ana")
    checked["checks"] = 0
    guess = ana.new_password_body("a guess", "a brand new secret 9")
    answers = at_once(*(lambda: ana.post("/api/me/password", guess) for _ in range(12)))
    codes = sorted(a.status_code for a in answers)
    assert checked["checks"] == codes.count(403) <= LIMIT
    assert codes.count(429) == 12 - codes.count(403)
    # Her other phone is not held by what was tried on this one.
    assert other.change_password(PASSWORD, PASSWORD + " new").status_code == 204


def test_a_hundred_tries_across_gunicorn_workers_check_at_most_the_limit(gunicorn, redis_url):
    base = gunicorn(workers=3, RATELIMIT_STORAGE_URI=redis_url)

    def fresh_phone():
        http = requests.Session()
        http.headers["X-CSRFToken"] = http.get(f"{base}/api/auth/csrf", timeout=30).json()[
            "csrf_token"]
        return http

    registering = fresh_phone()
    assert registering.post(f"{base}/api/auth/register", timeout=30, json=registering_over_http(
        registering, base, "ana@example.org", display_name="Ana")).status_code == 202
    # One prelogin, as an attacker would (the address's own limit is not what this tests).
    kdf = registering.post(f"{base}/api/auth/prelogin", json={"email": "ana@example.org"},
                           timeout=30).json()
    bodies = [{"email": "ana@example.org", "auth": phone_crypto.auth_value(
        PASSWORD if n == 99 else f"guess {n}", kdf)} for n in range(100)]
    phones = [fresh_phone() for _ in range(100)]
    start = threading.Barrier(100)

    def try_one(n):
        start.wait()
        return phones[n].post(f"{base}/api/auth/login", timeout=60, json=bodies[n]).status_code

    with ThreadPoolExecutor(100) as pool:
        codes = list(pool.map(try_one, range(100)))
    assert max(codes) < 500
    assert codes.count(401) + codes.count(200) <= LIMIT
    assert codes.count(429) >= 100 - LIMIT


# --- Behind a proxy: the client's address, not the proxy's -------------------------------------

def register_from(app, address, forwarded_for=None, n=0):
    phone = ApiClient(app.test_client())
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    phone.http.environ_base["REMOTE_ADDR"] = address
    phone.csrf_token = phone.http.get("/api/auth/csrf").get_json()["csrf_token"]
    return phone.post("/api/auth/register",
                      phone.register_body(f"p{n}-{address}@example.org", display_name="P"),
                      headers=headers).status_code


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(make_app):
    app = make_app(TRUSTED_PROXY_HOPS=1, REGISTRATIONS_PER_ADDRESS="2 per hour")
    proxy = "10.0.0.2"
    for client in range(12):
        for n in range(2):
            assert register_from(app, proxy, f"203.0.113.{client}", n) == 202
        assert register_from(app, proxy, f"203.0.113.{client}", 2) == 429


def test_a_forged_forwarded_for_header_is_ignored(make_app):
    app = make_app(TRUSTED_PROXY_HOPS=1, REGISTRATIONS_PER_ADDRESS="2 per hour")
    # The client writes its own X-Forwarded-For; the proxy appends the address it saw.
    codes = [register_from(app, "10.0.0.2", f"198.51.100.{n}, 203.0.113.9", n)
             for n in range(3)]
    assert codes == [202, 202, 429]


def test_without_trusted_proxies_the_header_counts_for_nothing(make_app):
    app = make_app(REGISTRATIONS_PER_ADDRESS="2 per hour")
    codes = [register_from(app, "198.51.100.7", f"203.0.113.{n}", n) for n in range(3)]
    assert codes == [202, 202, 429]
