"""Several gunicorn workers: the sign-in limit is shared through Redis, not per process."""

import redis
import requests
from helpers import registering_over_http, signing_in_over_http


def csrf_session(base):
    http = requests.Session()
    token = http.get(f"{base}/api/auth/csrf", timeout=30).json()["csrf_token"]
    http.headers["X-CSRFToken"] = token
    return http


def test_failed_login_limit_holds_across_gunicorn_workers(gunicorn, redis_url):
    base = gunicorn(workers=3, RATELIMIT_STORAGE_URI=redis_url)
    http = csrf_session(base)
    assert http.post(f"{base}/api/auth/register", json=registering_over_http(
        http, base, "ana@example.org", display_name="Ana"), timeout=30).status_code == 202
    wrong = signing_in_over_http(http, base, "ana@example.org", "wrong guess")
    statuses = []
    for _ in range(6):
        # A new connection each time, so the attempts spread over the workers.
        response = http.post(f"{base}/api/auth/login", timeout=30, headers={"Connection": "close"},
                             json=wrong)
        statuses.append(response.status_code)
    assert statuses == [401] * 5 + [429]
    assert redis.Redis.from_url(redis_url).keys("LIMITS*"), "the counters live in Redis"


def test_sessions_work_across_workers(gunicorn):
    base = gunicorn(workers=3)
    http = csrf_session(base)
    http.post(f"{base}/api/auth/register", timeout=30, json=registering_over_http(
        http, base, "ben@example.org", display_name="Ben"))
    login = http.post(f"{base}/api/auth/login", timeout=30,
                      json=signing_in_over_http(http, base, "ben@example.org"))
    assert login.status_code == 200
    http.headers["X-CSRFToken"] = login.json()["csrf_token"]
    for _ in range(6):
        me = http.get(f"{base}/api/me", timeout=30, headers={"Connection": "close"})
        assert me.status_code == 200
        assert me.json()["email"] == "ben@example.org"
