"""Crafted input the app cannot represent is refused naming the field, and changes nothing:
instants and days that leave the calendar once moved to UTC, cursors the server never gave out,
wall times with an offset, zone names that are no place."""

import base64
import json
import uuid

import pytest
from helpers import error_of
from record_samples import create_body


def crafted_cursor(when: str) -> str:
    raw = json.dumps([when, str(uuid.uuid4())]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def refused(response, field, status=422):
    assert response.status_code == status, response.get_json()
    assert field in error_of(response)["fields"], error_of(response)


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59",
                                  "0001-01-01T00:00:00+00:00", "1899-12-31T23:00:00+00:00"])
@pytest.mark.parametrize("path", ["/api/checkins", "/api/journey/timeline"])
def test_a_cursor_out_of_the_calendar_is_refused(couple, path, when):
    ana, _ = couple
    refused(ana.get(f"{path}?cursor={crafted_cursor(when)}"), "cursor")


@pytest.fixture
def ritual(couple):
    ana, ben = couple
    body = {**create_body("ritual"), "time_zone": "Pacific/Kiritimati"}  # UTC+14
    ritual_id = uuid.uuid4()
    assert ana.request("PUT", f"/api/rituals/{ritual_id}", json=body).status_code == 201
    assert ben.post(f"/api/rituals/{ritual_id}/accept", {"version": 1}).status_code == 200
    return ana, f"/api/rituals/{ritual_id}"


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "1899-12-31", "9999-12-31"])
def test_a_ritual_day_out_of_range_is_refused(ritual, day):
    ana, item = ritual
    refused(ana.request("PUT", f"{item}/occurrences/{day}", json={"status": "done"}),
            "local_date")
    assert ana.get(f"{item}/occurrences").get_json() == []


def test_ritual_days_asked_for_out_of_range_are_refused(ritual):
    ana, item = ritual
    refused(ana.get(f"{item}/occurrences?from=0001-01-01"), "from")


@pytest.mark.parametrize("local_time", ["21:00+05:00", "21:00Z", "21:00:00-03:30"])
def test_a_ritual_time_is_a_wall_time_without_offset(couple, local_time):
    ana, _ = couple
    body = {**create_body("ritual"), "local_time": local_time}
    refused(ana.request("PUT", f"/api/rituals/{uuid.uuid4()}", json=body), "local_time")
    assert ana.get("/api/rituals").get_json()["items"] == []


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "../../etc/passwd",
                                  "Europe/Nowhere"])
def test_only_real_iana_zones_are_accepted(couple, zone):
    ana, _ = couple
    body = {**create_body("ritual"), "time_zone": zone}
    refused(ana.request("PUT", f"/api/rituals/{uuid.uuid4()}", json=body), "time_zone")
    quiet = {"acknowledged": True, "answered": True, "consent": True, "pause": True,
             "quiet_from": "22:00", "quiet_until": "07:00", "time_zone": zone}
    refused(ana.request("PUT", "/api/push/preferences", json=quiet), "time_zone")


def test_real_zones_and_links_are_accepted(couple):
    ana, _ = couple
    for zone in ("Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires", "Asia/Calcutta"):
        body = {**create_body("ritual"), "time_zone": zone}
        assert ana.request("PUT", f"/api/rituals/{uuid.uuid4()}", json=body).status_code == 201


@pytest.mark.parametrize("field,value", [("quiet_from", "22:00+01:00"),
                                         ("quiet_until", "07:00Z")])
def test_quiet_hours_are_wall_times(couple, field, value):
    ana, _ = couple
    quiet = {"acknowledged": True, "answered": True, "consent": True, "pause": True,
             "quiet_from": "22:00", "quiet_until": "07:00", "time_zone": "Europe/Berlin",
             field: value}
    refused(ana.request("PUT", "/api/push/preferences", json=quiet), field)


@pytest.mark.parametrize("path,body,field", [
    ("/api/journey/discovery-date", {"date": "0001-01-01"}, "date"),
    ("/api/journey/discovery-date", {"date": "9999-12-31"}, "date"),
])
def test_days_out_of_range_are_refused(couple, path, body, field):
    ana, _ = couple
    refused(ana.request("PUT", path, json=body), field)
