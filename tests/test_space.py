"""Pairing: one space, two people, single-use invites, roles, leaving alone."""

import re
from datetime import timedelta

import pytest
from helpers import error_of

from server.database import utcnow
from server.extensions import db
from server.space import invites
from server.space.models import Invite


def invite_code(phone):
    return phone.get("/api/space").get_json()["invite"]["code"]


def test_creating_a_space_gives_a_typable_invite_that_lasts_48_hours(person):
    ana = person("ana")
    response = ana.post("/api/space", {"role": "healing"})
    assert response.status_code == 201
    space = response.get_json()
    assert space["status"] == "waiting"
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", space["invite"]["code"])
    assert [m["role"] for m in space["members"]] == ["healing"]
    assert ana.get("/api/me").get_json()["space"]["status"] == "waiting"


def test_partner_joins_with_the_code_as_typed_on_a_phone(person):
    ana, ben = person("ana"), person("ben")
    code = ana.post("/api/space").get_json()["invite"]["code"]
    typed = " " + code.lower().replace("-", " ") + " "
    response = ben.post("/api/space/join", {"code": typed, "role": "rebuilding"})
    assert response.status_code == 200
    space = response.get_json()
    assert space["status"] == "paired"
    assert space["invite"] is None
    assert {(m["display_name"], m["role"], m["is_me"]) for m in space["members"]} == {
        ("Ana", "unstated", False), ("Ben", "rebuilding", True)}
    assert ana.get("/api/space").get_json()["id"] == space["id"]


def test_lookalike_letters_are_read_as_digits():
    assert invites.normalize("o1l0-ILoo") == "01101100"


def test_an_invite_works_only_once(couple, person):
    ana, _ben = couple
    carl = person("carl")
    used = ana.get("/api/space").get_json()
    assert used["invite"] is None
    code = invites.display(_any_code(ana))
    response = carl.post("/api/space/join", {"code": code})
    assert response.status_code == 409
    assert error_of(response)["code"] == "space_full"
    assert "code" in error_of(response)["fields"]


def _any_code(phone):
    """The one invite code in the database, read directly (the API no longer shows a used one)."""
    with phone.http.application.app_context():
        return db.session.query(Invite).one().code


def test_a_third_person_cannot_join_a_full_space(couple, person):
    ana, ben = couple
    carl = person("carl")
    response = carl.post("/api/space/join", {"code": invites.display(_any_code(ana))})
    assert response.status_code == 409
    assert error_of(response)["code"] == "space_full"
    assert carl.get("/api/space").status_code == 404
    assert len(ana.get("/api/space").get_json()["members"]) == 2


def test_a_used_invite_of_a_waiting_space_is_refused_clearly(person, app):
    ana, ben = person("ana"), person("ben")
    ana.post("/api/space")
    old = invite_code(ana)
    assert ana.post("/api/space/invite").status_code == 201  # a new code replaces the old one
    response = ben.post("/api/space/join", {"code": old})
    assert response.status_code == 410
    assert error_of(response)["code"] == "invite_used"
    assert ben.post("/api/space/join", {"code": invite_code(ana)}).status_code == 200


def test_an_expired_invite_is_refused_clearly(person, app):
    ana, ben = person("ana"), person("ben")
    ana.post("/api/space")
    code = invite_code(ana)
    with app.app_context():
        invite = db.session.get(Invite, invites.normalize(code))
        invite.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    response = ben.post("/api/space/join", {"code": code})
    assert response.status_code == 410
    assert error_of(response)["code"] == "invite_expired"
    assert ben.get("/api/space").status_code == 404


def test_invites_expire_after_48_hours(person):
    ana = person("ana")
    invite = ana.post("/api/space").get_json()["invite"]
    from datetime import datetime

    lifetime = datetime.fromisoformat(invite["expires_at"]) - utcnow()
    assert timedelta(hours=47, minutes=59) < lifetime <= timedelta(hours=48)


def test_unknown_code_is_a_clear_404(person):
    response = person("ben").post("/api/space/join", {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 404
    assert error_of(response)["code"] == "invite_not_found"


def test_one_cannot_join_own_space_or_a_second_space(person):
    ana, ben, carl = person("ana"), person("ben"), person("carl")
    ana.post("/api/space")
    own = ana.post("/api/space/join", {"code": invite_code(ana)})
    assert own.status_code == 409
    assert error_of(own)["code"] == "already_in_space"
    carl.post("/api/space")
    ben.post("/api/space/join", {"code": invite_code(ana)})
    second = ben.post("/api/space/join", {"code": invite_code(carl)})
    assert second.status_code == 409
    assert error_of(second)["code"] == "already_in_space"
    assert ben.post("/api/space").status_code == 409


def test_new_invite_is_refused_once_paired(couple):
    ana, _ = couple
    response = ana.post("/api/space/invite")
    assert response.status_code == 409
    assert error_of(response)["code"] == "space_full"


@pytest.mark.parametrize("role", ["rebuilding", "healing", "unstated"])
def test_a_member_may_state_a_role_or_not(couple, role):
    ana, ben = couple
    assert ana.patch("/api/space/me", {"role": role}).status_code == 200
    members = ben.get("/api/space").get_json()["members"]
    assert next(m for m in members if m["display_name"] == "Ana")["role"] == role


def test_an_unknown_role_is_refused_naming_the_field(couple):
    ana, _ = couple
    response = ana.patch("/api/space/me", {"role": "victim"})
    assert response.status_code == 422
    assert "role" in error_of(response)["fields"]


def test_either_partner_can_leave_alone_and_both_become_outsiders(couple):
    ana, ben = couple
    space_id = ana.get("/api/space").get_json()["id"]
    assert ben.post("/api/space/leave").status_code == 204
    for phone in (ana, ben):
        response = phone.get("/api/space")
        assert response.status_code == 404
        assert space_id not in response.get_data(as_text=True)
        # The app is told the space ended (not greeted as a newcomer), and which one it was.
        summary = phone.get("/api/me").get_json()["space"]
        assert (summary["id"], summary["status"]) == (space_id, "ended")
    assert ana.post("/api/space/leave").status_code == 404


def test_after_leaving_each_can_start_again(couple, person):
    ana, ben = couple
    ana.post("/api/space/leave")
    assert ana.post("/api/space").status_code == 201
    assert ana.get("/api/me").get_json()["space"]["status"] == "waiting"  # the new one, not the old
    carl = person("carl")
    assert carl.post("/api/space/join", {"code": invite_code(ana)}).status_code == 200


def test_an_invite_of_an_ended_space_does_not_work(person):
    ana, ben = person("ana"), person("ben")
    ana.post("/api/space")
    code = invite_code(ana)
    ana.post("/api/space/leave")
    response = ben.post("/api/space/join", {"code": code})
    assert response.status_code == 410
    assert error_of(response)["code"] == "space_ended"


def test_deleting_an_account_ends_the_space_for_the_partner(couple):
    from helpers import PASSWORD

    ana, ben = couple
    assert ben.delete_account(PASSWORD).status_code == 204
    assert ana.get("/api/space").status_code == 404


def test_guessing_invite_codes_is_rate_limited(person):
    ben = person("ben")
    statuses = [ben.post("/api/space/join", {"code": f"AAAA-AAA{n}"}).status_code
                for n in range(11)]
    assert statuses[:10] == [404] * 10
    assert statuses[10] == 429


def test_space_endpoints_need_sign_in(client):
    for method, path in (("GET", "/api/space"), ("POST", "/api/space"),
                         ("POST", "/api/space/join"), ("POST", "/api/space/leave")):
        assert client.request(method, path, json={}).status_code == 401
