"""Hostile bodies (issue 8, fault tests): 10 MB, JSON nested 100,000 deep, bytes that are not
UTF-8. Each is a clear 4xx JSON error on every operation that takes a body, never a 500, and
nothing is stored. The operations come from the OpenAPI document, as in test_bad_input."""

import json

import pytest
import requests
from helpers import error_of
from record_samples import create_body, kind_urls
from test_bad_input import concrete, operations_with_bodies, snapshot

from server.api import SURROGATE_REFUSED
from server.json_input import MAX_DEPTH
from server.records.registry import KINDS

TEN_MEGABYTES = b"x" * (10 * 1024 * 1024)
JSON = {"Content-Type": "application/json"}


def nested_list(depth: int):
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


NESTED_TOO_DEEP = {
    "100,000 [ never closed": "[" * 100_000,
    "100,000 objects never closed": '{"a": ' * 100_000,
    "1,000 levels, well formed": "[" * 1_000 + "]" * 1_000,
    "a field 40 levels down": json.dumps({"feelings": nested_list(40)}),
}
NOT_UTF8 = {
    "a stray byte": b'{"text": "caf\xe9"}',
    "an overlong slash": b'{"text": "\xc0\xaf"}',
    "an encoded surrogate": b'{"text": "\xed\xa0\x80"}',
    "a cut-off character": b'{"text": "\xe2\x82"}',
}




def send_everywhere(phone, spec, body: bytes | str):
    """The same raw body to every operation that takes one: [(method, path, response)]."""
    return [(method, path, phone.request(method, concrete(path), data=body, headers=JSON))
            for path, method, _schema in operations_with_bodies(spec)]


def test_ten_megabytes_is_413_json_everywhere(signed_in, spec, app):
    before = snapshot(app)
    answers = send_everywhere(signed_in, spec, TEN_MEGABYTES)
    assert len(answers) > 20
    for method, path, response in answers:
        assert response.status_code == 413, (method, path, response.data[:200])
        assert error_of(response)["code"] == "payload_too_large"
    assert snapshot(app) == before


@pytest.mark.parametrize("shape", NESTED_TOO_DEEP)
def test_json_nested_too_deeply_is_400_everywhere(signed_in, spec, app, shape):
    before = snapshot(app)
    for method, path, response in send_everywhere(signed_in, spec, NESTED_TOO_DEEP[shape]):
        assert response.status_code == 400, (method, path, response.data[:200])
        error = error_of(response)
        assert error["code"] == "json_too_deep"
        assert f"at most {MAX_DEPTH} levels" in error["message"]
    assert snapshot(app) == before


def test_nesting_is_refused_just_past_the_documented_limit(signed_in):
    url = "/api/checkins/00000000-0000-4000-8000-000000000001"
    # {"surprise": [...]} is one level for the object and the rest for the lists.
    at_limit = signed_in.request("PUT", url, json={"surprise": nested_list(MAX_DEPTH - 1)})
    past_limit = signed_in.request("PUT", url, json={"surprise": nested_list(MAX_DEPTH)})
    assert at_limit.status_code == 422  # parsed, then refused by the schema, naming the field
    assert "surprise" in error_of(at_limit)["fields"]
    assert past_limit.status_code == 400
    assert error_of(past_limit)["code"] == "json_too_deep"


def test_deep_nesting_is_refused_before_sign_in_is_even_counted(client):
    # The sign-in limit reads the body to find the account: a deep body must not crash it.
    response = client.request("POST", "/api/auth/login", data="[" * 100_000, headers=JSON)
    assert response.status_code == 400
    assert error_of(response)["code"] == "json_too_deep"


@pytest.mark.parametrize("shape", NOT_UTF8)
def test_invalid_utf8_is_400_everywhere(signed_in, spec, app, shape):
    before = snapshot(app)
    for method, path, response in send_everywhere(signed_in, spec, NOT_UTF8[shape]):
        assert response.status_code == 400, (method, path, response.data[:200])
        assert error_of(response)["code"] == "invalid_json"
    assert snapshot(app) == before


def test_a_lone_surrogate_escape_is_422_naming_the_field_for_every_kind(couple, app):
    # Valid JSON ("\\ud800" is a legal escape), but no UTF-8 text can hold it: both databases
    # refused it with an encoding error, a 500, before the parser learned to say so.
    ana, _ben = couple
    before = snapshot(app)
    urls = kind_urls(app)
    for kind in KINDS:
        body = create_body(kind, words="half a pair \ud800 here")
        if "sealed" in body:  # the journal's words are sealed: the escape goes in its one field
            body["sealed"] = "v1.half a pair \ud800 here"
        response = ana.request("PUT", f"{urls[kind]}/00000000-0000-4000-8000-0000000000aa",
                               json=body)
        assert response.status_code == 422, (kind, response.data[:200])
        assert SURROGATE_REFUSED in error_of(response)["fields"].values(), kind
    assert snapshot(app) == before


def test_ten_megabytes_under_gunicorn_is_413_json(gunicorn):
    base = gunicorn(workers=2)
    http = requests.Session()
    http.headers["X-CSRFToken"] = http.get(f"{base}/api/auth/csrf", timeout=30).json()[
        "csrf_token"]

    def in_chunks():  # no Content-Length: the server only learns the size by reading
        for start in range(0, len(TEN_MEGABYTES), 256 * 1024):
            yield TEN_MEGABYTES[start:start + 256 * 1024]

    announced = http.post(f"{base}/api/auth/register", data=TEN_MEGABYTES, headers=JSON,
                          timeout=30)
    chunked = http.post(f"{base}/api/auth/register", data=in_chunks(), headers=JSON, timeout=30)
    for response in (announced, chunked):
        assert response.status_code == 413, response.text[:200]
        assert response.json()["error"]["code"] == "payload_too_large"
    assert http.get(f"{base}/api/health", timeout=30).status_code == 200  # still serving
