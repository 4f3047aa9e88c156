"""After leaving, each former partner keeps what they wrote themselves, nothing of the other's."""

import uuid

from helpers import create_id

WHEN = "2026-11-20T21:00:00+01:00"


def test_former_partners_keep_their_own_records_and_lose_the_others(couple):
    ana, ben = couple
    anas = create_id(ana, "/api/checkins", {"want_you_to_know": "ana's words", "occurred_at": WHEN})
    bens = create_id(ben, "/api/checkins", {"want_you_to_know": "ben's words", "occurred_at": WHEN})
    bens_action = create_id(ben, "/api/actions", {"what": "ben did", "occurred_at": WHEN})
    assert ana.post("/api/space/leave").status_code == 204

    assert ana.get(f"/api/checkins/{anas}").status_code == 200
    assert ana.get(f"/api/checkins/{bens}").status_code == 404
    assert ana.get(f"/api/actions/{bens_action}").status_code == 404
    assert [c["id"] for c in ana.get("/api/checkins").get_json()["items"]] == [anas]
    assert [c["id"] for c in ben.get("/api/checkins").get_json()["items"]] == [bens]
    timeline = ana.get("/api/journey/timeline").get_json()["items"]
    assert {item["id"] for item in timeline} == {anas}
    assert "ben's words" not in ana.get("/api/export").get_data(as_text=True)
    assert "ana's words" in ana.get("/api/export").get_data(as_text=True)


def test_records_of_an_ended_space_are_read_only(couple):
    ana, ben = couple
    anas = create_id(ana, "/api/checkins", {"want_you_to_know": "before", "occurred_at": WHEN})
    ben.post("/api/space/leave")
    response = ana.patch(f"/api/checkins/{anas}", {"version": 1, "want_you_to_know": "after"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "space_ended"
    assert ana.delete(f"/api/checkins/{anas}").status_code == 409
    # New shared records need a space again.
    assert ana.request("PUT", f"/api/checkins/{uuid.uuid4()}",
                       json={"feelings": ["calm"], "occurred_at": WHEN}).status_code == 404


def test_a_new_partner_never_sees_records_of_an_earlier_space(couple, person):
    ana, ben = couple
    old = create_id(ana, "/api/checkins", {"want_you_to_know": "old space", "occurred_at": WHEN})
    ana.post("/api/space/leave")
    code = ana.post("/api/space").get_json()["invite"]["code"]
    carl = person("carl")
    carl.post("/api/space/join", {"code": code})
    assert carl.get(f"/api/checkins/{old}").status_code == 404
    assert carl.get("/api/checkins").get_json()["items"] == []
    assert old in {c["id"] for c in ana.get("/api/checkins").get_json()["items"]}
