"""Agreements through the API (issue 4, "Agreements"): one consent is not enough, a change needs
both again while the old version stays in force, withdrawing consent pauses, retiring needs both,
review dates, and the history both partners see."""

import uuid
from datetime import date, timedelta

import pytest
from helpers import create, error_of, fetch

from server.agreements.models import AgreementVersion
from server.extensions import db

AT = "2026-11-24T21:05:00+01:00"
TERMS = {"title": "No contact with X", "terms": "No messages, no calls; if X writes, I tell you.",
         "why": "So I can stop checking.", "category": "contact_third_person"}


def propose(phone, agreement_id=None, **fields):
    return create(phone, "/api/agreements", {**TERMS, "occurred_at": AT, **fields}, agreement_id)


def get(phone, agreement_id):
    return fetch(phone, f"/api/agreements/{agreement_id}")


def consent(phone, agreement_id, number):
    return phone.post(f"/api/agreements/{agreement_id}/consent", {"version_number": number})


def change(phone, agreement_id, based_on, version_id=None, **fields):
    version_id = version_id or str(uuid.uuid4())
    return phone.request("PUT", f"/api/agreements/{agreement_id}/versions/{version_id}",
                         json={**TERMS, **fields, "based_on": based_on})


def steps(agreement):
    return [(e["step"], e["version_number"]) for e in agreement["events"]]


def consenters(version):
    return {c["user_id"] for c in version["consents"]}


@pytest.fixture
def proposed(couple):
    ana, ben = couple
    return ana, ben, propose(ana)


@pytest.fixture
def active(proposed):
    ana, ben, agreement = proposed
    assert consent(ben, agreement["id"], 1).status_code == 200
    return ana, ben, get(ana, agreement["id"])


# --- Proposing and consenting -----------------------------------------------------------------

def test_a_proposal_is_not_active_with_one_consent(proposed):
    ana, ben, agreement = proposed
    for phone in (ana, ben):
        seen = get(phone, agreement["id"])
        assert seen["state"] == "proposed"
        assert seen["active_version"] is None
        assert seen["pending_version"] == 1
        assert seen["title"] == TERMS["title"] and seen["category"] == "contact_third_person"
        assert consenters(seen["versions"][0]) == {ana.me["id"]}  # proposing is consenting
        assert steps(seen) == [("proposed", 1)]
    assert get(ben, agreement["id"])["is_mine"] is False


def test_the_proposer_consenting_again_changes_nothing(proposed):
    ana, _ben, agreement = proposed
    response = consent(ana, agreement["id"], 1)
    assert response.status_code == 200
    assert response.get_json()["state"] == "proposed"
    assert steps(response.get_json()) == [("proposed", 1)]


def test_the_partners_consent_makes_it_active_with_both_consents_and_times(active):
    ana, ben, agreement = active
    assert agreement["state"] == "active"
    assert agreement["active_version"] == 1
    assert agreement["pending_version"] is None
    version = agreement["versions"][0]
    assert consenters(version) == {ana.me["id"], ben.me["id"]}
    assert all(c["at"] for c in version["consents"])
    assert steps(agreement) == [("proposed", 1), ("accepted", 1)]
    assert [e["actor_id"] for e in agreement["events"]] == [ana.me["id"], ben.me["id"]]
    assert get(ben, agreement["id"])["events"] == agreement["events"]


def test_consenting_twice_is_harmless(active):
    _ana, ben, agreement = active
    again = consent(ben, agreement["id"], 1)
    assert again.status_code == 200
    assert steps(again.get_json()) == [("proposed", 1), ("accepted", 1)]


def test_consent_to_an_unknown_version_is_404(proposed):
    _ana, ben, agreement = proposed
    response = consent(ben, agreement["id"], 7)
    assert response.status_code == 404
    assert "version_number" in error_of(response)["fields"]


def test_proposing_again_with_the_same_id_is_harmless_and_other_words_conflict(proposed):
    ana, _ben, agreement = proposed
    again = propose(ana, agreement["id"])
    assert again["versions"] == agreement["versions"]
    response = ana.request("PUT", f"/api/agreements/{agreement['id']}",
                           json={**TERMS, "title": "Other", "occurred_at": AT})
    assert response.status_code == 409
    assert error_of(response)["code"] == "id_conflict"


def test_a_proposal_needs_a_known_category_and_words(couple):
    ana, _ = couple
    response = ana.request("PUT", f"/api/agreements/{uuid.uuid4()}",
                           json={**TERMS, "category": "snooping", "terms": " ",
                                 "occurred_at": AT})
    assert response.status_code == 422
    assert set(error_of(response)["fields"]) >= {"category", "terms"}


# --- Changes ----------------------------------------------------------------------------------

def test_a_change_needs_both_again_while_the_old_version_stays_active(active):
    ana, ben, agreement = active
    response = change(ben, agreement["id"], based_on=1, title="No contact with X, ever",
                      terms="No messages, no calls, no likes.")
    assert response.status_code == 201
    for phone in (ana, ben):
        seen = get(phone, agreement["id"])
        assert seen["state"] == "active"
        assert seen["active_version"] == 1
        assert seen["pending_version"] == 2
        assert seen["title"] == TERMS["title"]  # the fields shown are still the agreed ones
        assert seen["terms"] == TERMS["terms"]
        assert consenters(seen["versions"][1]) == {ben.me["id"]}
        assert seen["versions"][1]["title"] == "No contact with X, ever"
    accepted = consent(ana, agreement["id"], 2).get_json()
    assert accepted["active_version"] == 2
    assert accepted["pending_version"] is None
    assert accepted["title"] == "No contact with X, ever"
    assert steps(accepted) == [("proposed", 1), ("accepted", 1), ("change_proposed", 2),
                               ("change_accepted", 2)]
    assert accepted["events"] == get(ben, agreement["id"])["events"]


def test_the_change_proposer_alone_cannot_make_it_active(active):
    _ana, ben, agreement = active
    change(ben, agreement["id"], based_on=1, title="New words")
    again = consent(ben, agreement["id"], 2).get_json()
    assert again["active_version"] == 1
    assert again["title"] == TERMS["title"]


def test_a_change_based_on_an_old_version_is_refused(active):
    ana, ben, agreement = active
    change(ben, agreement["id"], based_on=1, title="Ben's words")
    response = change(ana, agreement["id"], based_on=1, title="Ana's words")
    assert response.status_code == 409
    assert error_of(response)["code"] == "stale_version"
    assert "based_on" in error_of(response)["fields"]
    assert error_of(response)["based_on"] == 2  # what the phone's "keep mine" bases it on
    assert len(get(ana, agreement["id"])["versions"]) == 2


def test_a_change_replayed_is_harmless_and_its_id_cannot_carry_other_words(active):
    ana, ben, agreement = active
    version_id = str(uuid.uuid4())
    assert change(ben, agreement["id"], 1, version_id, title="Once").status_code == 201
    replay = change(ben, agreement["id"], 1, version_id, title="Once")
    assert replay.status_code == 201
    assert len(replay.get_json()["versions"]) == 2
    other = change(ben, agreement["id"], 2, version_id, title="Twice")
    assert other.status_code == 409
    assert error_of(other)["code"] == "id_conflict"


def test_consent_to_a_superseded_version_is_refused(proposed):
    ana, ben, agreement = proposed
    change(ana, agreement["id"], based_on=1, terms="Better words")
    response = consent(ben, agreement["id"], 1)
    assert response.status_code == 409
    assert error_of(response)["code"] == "superseded"
    accepted = consent(ben, agreement["id"], 2).get_json()
    assert accepted["state"] == "active"
    assert accepted["active_version"] == 2
    assert accepted["terms"] == "Better words"


# --- Withdrawing consent ----------------------------------------------------------------------

def test_withdrawing_consent_pauses_with_the_reason_both_see(active):
    ana, ben, agreement = active
    response = ben.post(f"/api/agreements/{agreement['id']}/withdraw",
                        {"reason": "I need to talk about this first."})
    assert response.status_code == 200
    for phone in (ana, ben):
        seen = get(phone, agreement["id"])
        assert seen["state"] == "paused"
        assert seen["pause_reason"] == "I need to talk about this first."
        assert seen["paused_by_id"] == ben.me["id"]
        last = seen["events"][-1]
        assert (last["step"], last["reason"], last["actor_id"]) == (
            "consent_withdrawn", "I need to talk about this first.", ben.me["id"])


def test_only_the_one_who_withdrew_gives_consent_again(active):
    ana, ben, agreement = active
    ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "Not now."})
    refused = ana.post(f"/api/agreements/{agreement['id']}/resume")
    assert refused.status_code == 403
    assert error_of(refused)["code"] == "not_paused_by_you"
    assert get(ana, agreement["id"])["state"] == "paused"
    resumed = ben.post(f"/api/agreements/{agreement['id']}/resume")
    assert resumed.status_code == 200
    seen = get(ana, agreement["id"])
    assert seen["state"] == "active"
    assert seen["pause_reason"] is None
    assert [e["step"] for e in seen["events"]][-2:] == ["consent_withdrawn", "consent_restored"]


def test_withdrawing_twice_keeps_the_first_reason(active):
    ana, ben, agreement = active
    ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "First"})
    again = ana.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "Second"})
    assert again.status_code == 200
    assert again.get_json()["pause_reason"] == "First"
    assert again.get_json()["paused_by_id"] == ben.me["id"]


def test_a_proposal_cannot_be_paused(proposed):
    _ana, ben, agreement = proposed
    response = ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "No"})
    assert response.status_code == 409
    assert error_of(response)["code"] == "not_active"


def test_withdrawing_needs_a_reason(active):
    _ana, ben, agreement = active
    response = ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": ""})
    assert response.status_code == 422
    assert "reason" in error_of(response)["fields"]


def withdraw(phone, agreement_id, reason, step_id=None):
    return phone.post(f"/api/agreements/{agreement_id}/withdraw",
                      {"reason": reason, **({"id": step_id} if step_id else {})})


def test_a_withdrawal_sent_again_after_consent_was_given_again_changes_nothing(active):
    ana, ben, agreement = active
    step_id = str(uuid.uuid4())
    assert withdraw(ben, agreement["id"], "Not now.", step_id).status_code == 200
    assert ben.post(f"/api/agreements/{agreement['id']}/resume",
                    {"id": str(uuid.uuid4())}).status_code == 200
    replay = withdraw(ben, agreement["id"], "Not now.", step_id)
    assert replay.status_code == 200
    assert replay.get_json()["state"] == "active"
    assert [e["step"] for e in get(ana, agreement["id"])["events"]][-2:] == [
        "consent_withdrawn", "consent_restored"]


def test_giving_consent_again_sent_again_after_a_new_withdrawal_changes_nothing(active):
    _ana, ben, agreement = active
    resume_id = str(uuid.uuid4())
    withdraw(ben, agreement["id"], "Not now.")
    assert ben.post(f"/api/agreements/{agreement['id']}/resume",
                    {"id": resume_id}).status_code == 200
    withdraw(ben, agreement["id"], "Again, sorry.")
    replay = ben.post(f"/api/agreements/{agreement['id']}/resume", {"id": resume_id})
    assert replay.status_code == 200
    assert replay.get_json()["state"] == "paused"
    assert replay.get_json()["pause_reason"] == "Again, sorry."


def test_a_step_id_cannot_be_used_for_another_step(active):
    ana, ben, agreement = active
    step_id = str(uuid.uuid4())
    withdraw(ben, agreement["id"], "Not now.", step_id)
    refused = ben.post(f"/api/agreements/{agreement['id']}/resume", {"id": step_id})
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "id_conflict"
    assert get(ben, agreement["id"])["state"] == "paused"
    # Nor by the other partner, nor for another agreement.
    assert withdraw(ana, agreement["id"], "Mine", step_id).status_code == 409
    other = propose(ana)
    consent(ben, other["id"], 1)
    assert withdraw(ben, other["id"], "Not now.", step_id).status_code == 409
    assert get(ben, other["id"])["state"] == "active"


def test_a_step_id_must_be_a_uuid(active):
    _ana, ben, agreement = active
    response = withdraw(ben, agreement["id"], "Not now.", "not-an-id")
    assert response.status_code == 422
    assert "id" in error_of(response)["fields"]


# --- Retiring ---------------------------------------------------------------------------------

def test_retiring_needs_both(active):
    ana, ben, agreement = active
    first = ana.post(f"/api/agreements/{agreement['id']}/retire")
    assert first.status_code == 200
    assert first.get_json()["state"] == "active"
    assert first.get_json()["retired_at"] is None
    assert get(ben, agreement["id"])["events"][-1]["step"] == "retire_requested"
    second = ben.post(f"/api/agreements/{agreement['id']}/retire")
    assert second.get_json()["state"] == "retired"
    assert second.get_json()["retired_at"] is not None
    seen = get(ana, agreement["id"])
    assert [(e["step"], e["actor_id"]) for e in seen["events"]][-3:] == [
        ("retire_requested", ana.me["id"]), ("retire_requested", ben.me["id"]),
        ("retired", ben.me["id"])]


def test_asking_to_retire_twice_alone_does_not_retire(active):
    ana, _ben, agreement = active
    ana.post(f"/api/agreements/{agreement['id']}/retire")
    again = ana.post(f"/api/agreements/{agreement['id']}/retire").get_json()
    assert again["state"] == "active"
    assert [e["step"] for e in again["events"]].count("retire_requested") == 1


def test_a_paused_agreement_retires_with_both(active):
    ana, ben, agreement = active
    ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "Over"})
    ben.post(f"/api/agreements/{agreement['id']}/retire")
    assert get(ana, agreement["id"])["state"] == "paused"
    assert ana.post(f"/api/agreements/{agreement['id']}/retire").get_json()["state"] == "retired"


def test_the_proposer_takes_back_a_never_accepted_proposal_alone(proposed):
    ana, ben, agreement = proposed
    taken_back = ana.post(f"/api/agreements/{agreement['id']}/retire").get_json()
    assert taken_back["state"] == "retired"
    assert steps(get(ben, agreement["id"]))[-1] == ("retired", None)


def test_the_partner_cannot_retire_a_proposal_alone(proposed):
    ana, ben, agreement = proposed
    asked = ben.post(f"/api/agreements/{agreement['id']}/retire").get_json()
    assert asked["state"] == "proposed"
    assert ana.post(f"/api/agreements/{agreement['id']}/retire").get_json()["state"] == "retired"


def test_nothing_changes_after_retirement(active):
    ana, ben, agreement = active
    change(ana, agreement["id"], based_on=1, title="Never agreed")
    ana.post(f"/api/agreements/{agreement['id']}/retire")
    ben.post(f"/api/agreements/{agreement['id']}/retire")
    before = get(ana, agreement["id"])
    attempts = [
        change(ben, agreement["id"], based_on=2, title="Again"),
        consent(ben, agreement["id"], 2),
        ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "Late"}),
        ana.post(f"/api/agreements/{agreement['id']}/resume"),
    ]
    for response in attempts:
        assert response.status_code == 409, response.request.path
        assert error_of(response)["code"] == "retired"
    # What was done before, sent again by a phone's outbox: harmless.
    assert ana.post(f"/api/agreements/{agreement['id']}/retire").status_code == 200
    assert consent(ben, agreement["id"], 1).status_code == 200
    assert get(ana, agreement["id"]) == before


def test_an_agreement_is_not_deleted_alone(active):
    ana, _ben, agreement = active
    response = ana.delete(f"/api/agreements/{agreement['id']}")
    assert response.status_code == 405
    assert get(ana, agreement["id"])["state"] == "active"


# --- Review date ------------------------------------------------------------------------------

def test_an_active_agreement_past_its_review_date_is_due_for_review(couple):
    ana, ben = couple
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    agreement = propose(ana, review_on=yesterday)
    assert agreement["due_for_review"] is False  # a proposal is not reviewed
    seen = consent(ben, agreement["id"], 1).get_json()
    assert seen["review_on"] == yesterday
    assert seen["due_for_review"] is True
    assert get(ana, agreement["id"])["due_for_review"] is True


def test_a_future_or_missing_review_date_is_not_due(couple):
    ana, ben = couple
    later = propose(ana, review_on=(date.today() + timedelta(days=30)).isoformat())
    never = propose(ana)
    for agreement in (later, never):
        assert consent(ben, agreement["id"], 1).get_json()["due_for_review"] is False


def test_a_review_date_set_by_a_change_counts_once_both_agreed(active):
    ana, ben, agreement = active
    past = (date.today() - timedelta(days=3)).isoformat()
    change(ben, agreement["id"], based_on=1, review_on=past)
    pending = get(ana, agreement["id"])
    assert pending["review_on"] is None and pending["due_for_review"] is False
    agreed = consent(ana, agreement["id"], 2).get_json()
    assert agreed["review_on"] == past
    assert agreed["due_for_review"] is True


def test_a_review_date_that_passed_while_active_makes_it_due(active, app):
    ana, _ben, agreement = active
    assert agreement["due_for_review"] is False
    with app.app_context():
        version = db.session.get(AgreementVersion, uuid.UUID(agreement["versions"][0]["id"]))
        version.review_on = date.today() - timedelta(days=1)
        db.session.commit()
    assert get(ana, agreement["id"])["due_for_review"] is True


def test_a_retired_agreement_is_not_due_for_review(couple):
    ana, ben = couple
    agreement = propose(ana, review_on=(date.today() - timedelta(days=5)).isoformat())
    consent(ben, agreement["id"], 1)
    ana.post(f"/api/agreements/{agreement['id']}/retire")
    assert ben.post(f"/api/agreements/{agreement['id']}/retire").get_json()[
        "due_for_review"] is False


# --- The history and who may see it -----------------------------------------------------------

def test_every_step_is_in_the_history_both_see_in_order(active):
    ana, ben, agreement = active
    change(ana, agreement["id"], based_on=1, terms="Tighter")
    consent(ben, agreement["id"], 2)
    ben.post(f"/api/agreements/{agreement['id']}/withdraw", {"reason": "Too tight"})
    ben.post(f"/api/agreements/{agreement['id']}/resume")
    ana.post(f"/api/agreements/{agreement['id']}/retire")
    ben.post(f"/api/agreements/{agreement['id']}/retire")
    seen = get(ana, agreement["id"])
    assert [e["step"] for e in seen["events"]] == [
        "proposed", "accepted", "change_proposed", "change_accepted", "consent_withdrawn",
        "consent_restored", "retire_requested", "retire_requested", "retired"]
    assert seen["events"] == get(ben, agreement["id"])["events"]


def test_another_couple_sees_nothing(active, person):
    _ana, _ben, agreement = active
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    dora.post("/api/space/join", {"code": code})
    assert carl.get(f"/api/agreements/{agreement['id']}").status_code == 404
    assert consent(dora, agreement["id"], 1).status_code == 404
    assert dora.post(f"/api/agreements/{agreement['id']}/retire").status_code == 404
    assert dora.get("/api/agreements").get_json()["items"] == []


def test_after_leaving_each_reads_only_their_own_agreement_and_changes_nothing(couple):
    ana, ben = couple
    anas = propose(ana)
    bens = propose(ben, title="Phones stay open")
    consent(ben, anas["id"], 1)
    assert ana.post("/api/space/leave").status_code == 204

    for phone, own, other in ((ana, anas, bens), (ben, bens, anas)):
        assert phone.get(f"/api/agreements/{own['id']}").status_code == 200
        assert phone.get(f"/api/agreements/{other['id']}").status_code == 404
        assert [a["id"] for a in phone.get("/api/agreements").get_json()["items"]] == [own["id"]]
        attempts = [change(phone, own["id"], based_on=1, title="Later"),
                    phone.post(f"/api/agreements/{own['id']}/retire"),
                    phone.post(f"/api/agreements/{own['id']}/withdraw", {"reason": "Over"})]
        for response in attempts:
            assert response.status_code == 409, response.request.path
            assert error_of(response)["code"] == "space_ended"
    assert consent(ben, anas["id"], 1).status_code == 404
