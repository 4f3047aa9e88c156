"""Bugs the schemathesis fuzzing (tests/test_schemathesis.py) and its follow-up probes found,
each pinned down where it was: a server error or a wrong answer, on SQLite and PostgreSQL."""

import uuid

import pytest
from helpers import error_of

from server.records.registry import KINDS

WHEN = "2026-03-14T21:05:00+01:00"


def put(phone, url, body):
    return phone.request("PUT", url, json=body)


# --- Text with a NUL character (PostgreSQL cannot store it in text: was a 500 there) ----------

@pytest.mark.parametrize(("method", "url", "body", "field"), [
    ("PUT", "/api/setbacks/{id}", {"what_happened": "a\x00b", "occurred_at": WHEN},
     "what_happened"),
    ("PUT", "/api/checkins/{id}", {"feelings": ["hope"], "need_from_you": "\x00",
                                   "occurred_at": WHEN}, "need_from_you"),
    ("PATCH", "/api/me", {"display_name": "Ana\x00"}, "display_name"),
    ("POST", "/api/auth/login", {"email": "ana\x00@example.org", "auth": "x" * 43}, "email"),
])
def test_text_with_nul_is_refused_naming_the_field(couple, method, url, body, field):
    ana, _ben = couple
    response = ana.request(method, url.format(id=uuid.uuid4()), json=body)
    assert response.status_code == 422, response.get_json()
    assert field in error_of(response)["fields"]
    assert ana.get("/api/me").get_json()["display_name"] == "Ana"


def test_nul_in_a_list_item_or_a_query_names_where(couple):
    ana, _ben = couple
    response = put(ana, f"/api/checkins/{uuid.uuid4()}",
                   {"feelings": ["hope", "fe\x00ar"], "occurred_at": WHEN})
    assert response.status_code == 422
    assert "feelings.1" in error_of(response)["fields"]
    response = ana.get("/api/checkins?author=me%00")
    assert response.status_code == 422
    assert "author" in error_of(response)["fields"]
    assert ana.get("/api/checkins").get_json()["items"] == []


# --- Times at the ends of the calendar (moving them to UTC overflowed: was a 500) --------------

@pytest.mark.parametrize("occurred_at", ["0001-01-01T00:30:00+01:00",
                                         "9999-12-31T23:59:00-01:00",
                                         "1899-12-31T23:59:59+00:00"])
def test_a_record_outside_1900_to_2200_is_refused(couple, occurred_at):
    ana, _ben = couple
    response = put(ana, f"/api/setbacks/{uuid.uuid4()}",
                   {"what_happened": "x", "occurred_at": occurred_at})
    assert response.status_code == 422, response.get_json()
    assert "occurred_at" in error_of(response)["fields"]


def test_a_pause_at_the_end_of_time_is_refused_and_active_pauses_still_answer(couple):
    ana, ben = couple
    response = put(ana, f"/api/pauses/{uuid.uuid4()}",
                   {"minutes": 1440, "occurred_at": "9999-12-31T23:00:00+00:00"})
    assert response.status_code == 422
    assert "occurred_at" in error_of(response)["fields"]
    # Stored, it made every list of pauses fail for both partners (its end overflowed).
    assert ana.get("/api/pauses/active").status_code == 200
    assert ben.get("/api/pauses").status_code == 200


@pytest.mark.parametrize("url", ["/api/setbacks?from=0001-01-01T00:30:00%2B01:00",
                                 "/api/setbacks?to=9999-12-31T23:59:00-01:00",
                                 "/api/journey/timeline?from=0001-01-01T00:30:00%2B01:00",
                                 "/api/journey/progress?to=9999-12-31T23:59:00-01:00"])
def test_a_filter_outside_1900_to_2200_is_refused(couple, url):
    ana, _ben = couple
    response = ana.get(url)
    assert response.status_code == 422, response.get_json()
    assert set(error_of(response)["fields"]) & {"from", "to", "since", "until"}


def test_the_widest_sensible_filter_still_works(couple):
    ana, _ben = couple
    response = ana.get("/api/setbacks?from=1900-01-01T00:00:00%2B00:00"
                       "&to=2199-12-31T00:00:00%2B00:00")
    assert response.status_code == 200


# --- A ritual's own "kind" (talk, walk, ...) shadowed the record kind "ritual" in answers ------
# The ritual's field is now "activity"; "kind" names the kind of record everywhere, tombstones too.

def test_a_ritual_answers_kind_ritual_and_its_own_activity(couple):
    ana, _ben = couple
    ritual_id = uuid.uuid4()
    created = put(ana, f"/api/rituals/{ritual_id}", {
        "title": "Sunday talk", "activity": "talk", "weekdays": [7], "local_time": "19:00",
        "time_zone": "Europe/Berlin", "occurred_at": WHEN})
    assert created.status_code == 201, created.get_json()
    assert (created.get_json()["kind"], created.get_json()["activity"]) == ("ritual", "talk")
    withdrawn = ana.delete(f"/api/rituals/{ritual_id}")
    assert withdrawn.status_code == 200, withdrawn.get_json()
    assert withdrawn.get_json()["withdrawn_at"] is not None
    assert withdrawn.get_json()["kind"] == "ritual"
    assert ana.get(f"/api/rituals/{ritual_id}").get_json()["kind"] == "ritual"


def test_no_kind_has_a_field_named_like_a_common_one(app, couple):
    """A tombstone answers the common fields alone: no kind's own field may reuse their names."""
    ana, _ben = couple
    ritual_id = uuid.uuid4()
    assert put(ana, f"/api/rituals/{ritual_id}", {
        "title": "Walk", "activity": "walk", "weekdays": [1], "local_time": "08:00",
        "time_zone": "UTC", "occurred_at": WHEN}).status_code == 201
    common = set(ana.delete(f"/api/rituals/{ritual_id}").get_json())
    assert {"id", "kind", "version", "withdrawn_at"} <= common
    for name, kind in KINDS.items():
        assert not (set(kind.out_fields) | set(kind.extra_out)) & common, name
