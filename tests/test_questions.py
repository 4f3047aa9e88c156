"""The question ledger through the API (issue 4, "Question ledger"): asked of the partner,
answered, answers never overwritten, needs time, reopen, park, the asker's response, the lists,
and what each former partner keeps after the space ends."""

import uuid
from datetime import datetime

import pytest
from helpers import error_of

AT = "2026-11-24T21:05:00+01:00"


def ask(phone, text="Where were you on the night of the 3rd?", at=AT, question_id=None):
    question_id = question_id or str(uuid.uuid4())
    response = phone.request("PUT", f"/api/questions/{question_id}",
                             json={"text": text, "occurred_at": at})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def answer(phone, question_id, text, based_on, answer_id=None):
    answer_id = answer_id or str(uuid.uuid4())
    return phone.request("PUT", f"/api/questions/{question_id}/answers/{answer_id}",
                         json={"text": text, "based_on": based_on})


def get(phone, question_id):
    response = phone.get(f"/api/questions/{question_id}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(questions):
    return [q["id"] for q in questions]


@pytest.fixture
def asked(couple):
    """Ana asked Ben a question: (ana, ben, question)."""
    ana, ben = couple
    return ana, ben, ask(ana)


# --- Asking -----------------------------------------------------------------------------------

def test_a_question_is_asked_of_the_partner_and_both_see_it_open(asked):
    ana, ben, question = asked
    assert question["state"] == "open"
    assert question["is_mine"] is True
    assert question["answers"] == []
    seen = get(ben, question["id"])
    assert seen["text"] == question["text"]
    assert seen["is_mine"] is False
    assert seen["author_name"] == "Ana"
    assert seen["occurred_at"] == "2026-11-24T21:05:00+01:00"


def test_asking_again_with_the_same_id_is_harmless_and_another_text_conflicts(asked):
    ana, _ben, question = asked
    again = ask(ana, question_id=question["id"])
    assert again["id"] == question["id"] and again["version"] == question["version"]
    response = ana.request("PUT", f"/api/questions/{question['id']}",
                           json={"text": "Something else", "occurred_at": AT})
    assert response.status_code == 409
    assert error_of(response)["code"] == "id_conflict"
    assert len(ana.get("/api/questions").get_json()["items"]) == 1


def test_a_question_needs_text_and_a_time_with_offset(couple):
    ana, _ = couple
    qid = uuid.uuid4()
    response = ana.request("PUT", f"/api/questions/{qid}",
                           json={"text": "  ", "occurred_at": "2026-11-24T21:05:00"})
    assert response.status_code == 422
    assert set(error_of(response)["fields"]) >= {"text", "occurred_at"}


def test_the_asker_can_reword_the_question_and_the_change_is_in_its_history(asked):
    ana, ben, question = asked
    response = ana.patch(f"/api/questions/{question['id']}",
                         {"text": "Who were you with on the 3rd?", "version": 1})
    assert response.status_code == 200
    assert response.get_json()["version"] == 2
    history = ben.get(f"/api/questions/{question['id']}/revisions").get_json()
    assert history[-1]["changes"]["text"] == {"from": question["text"],
                                              "to": "Who were you with on the 3rd?"}
    assert history[-1]["author_name"] == "Ana"


def test_only_the_asker_rewords_and_only_from_the_current_version(asked):
    ana, ben, question = asked
    response = ben.patch(f"/api/questions/{question['id']}", {"text": "Nicer", "version": 1})
    assert response.status_code == 403
    ana.patch(f"/api/questions/{question['id']}", {"text": "Second wording", "version": 1})
    stale = ana.patch(f"/api/questions/{question['id']}", {"text": "Third", "version": 1})
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "stale_version"
    assert error_of(stale)["current"]["text"] == "Second wording"


def test_a_withdrawn_question_is_a_tombstone_and_cannot_be_answered(asked):
    ana, ben, question = asked
    assert ben.delete(f"/api/questions/{question['id']}").status_code == 403
    gone = ana.delete(f"/api/questions/{question['id']}")
    assert gone.status_code == 200
    seen = get(ben, question["id"])
    assert seen["withdrawn_at"] is not None and "text" not in seen
    response = answer(ben, question["id"], "Too late", 0)
    assert response.status_code == 409
    assert error_of(response)["code"] == "withdrawn"
    assert ben.get("/api/questions/to-answer").get_json() == []


# --- Answering --------------------------------------------------------------------------------

def test_answering_makes_it_answered_for_both(asked):
    ana, ben, question = asked
    response = answer(ben, question["id"], "At my sister's.", based_on=0)
    assert response.status_code == 201
    body = response.get_json()
    assert body["state"] == "answered"
    assert [(a["number"], a["text"]) for a in body["answers"]] == [(1, "At my sister's.")]
    mine = get(ana, question["id"])
    assert mine["state"] == "answered"
    assert mine["answers"][0]["author_id"] == ben.me["id"]


def test_a_revised_answer_is_a_second_answer_and_the_asker_sees_both_with_times(asked):
    ana, ben, question = asked
    first = answer(ben, question["id"], "At my sister's.", based_on=0).get_json()
    second = answer(ben, question["id"], "At my sister's, then I met them for an hour.",
                    based_on=1)
    assert second.status_code == 201
    seen = get(ana, question["id"])
    answers = seen["answers"]
    assert [(a["number"], a["text"]) for a in answers] == [
        (1, "At my sister's."), (2, "At my sister's, then I met them for an hour.")]
    times = [datetime.fromisoformat(a["created_at"]) for a in answers]
    assert all(t.utcoffset() is not None for t in times)
    assert times[0] <= times[1]
    assert answers[0]["id"] == first["answers"][0]["id"]
    # The question moved on with the revised answer: a phone that saw answer #1 is stale.
    assert seen["version"] > first["version"]
    history = ana.get(f"/api/questions/{question['id']}/revisions").get_json()
    assert [r["version"] for r in history] == list(range(2, seen["version"] + 1))
    assert {r["author_name"] for r in history} == {"Ben"}
    assert history[0]["changes"]["state"] == {"from": "open", "to": "answered"}
    assert history == ben.get(f"/api/questions/{question['id']}/revisions").get_json()


def test_the_asker_cannot_answer_their_own_question(asked):
    ana, _ben, question = asked
    response = answer(ana, question["id"], "I know already", 0)
    assert response.status_code == 403
    assert error_of(response)["code"] == "not_answerer"
    assert get(ana, question["id"])["answers"] == []


def test_an_answer_based_on_an_old_answer_is_refused_with_the_current_question(asked):
    _ana, ben, question = asked
    answer(ben, question["id"], "From the phone", 0)
    response = answer(ben, question["id"], "From the laptop, not knowing", 0)
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "stale_version"
    assert "based_on" in error["fields"]
    assert error["based_on"] == 1  # what the phone's "keep mine" bases its answer on
    assert [a["text"] for a in error["current"]["answers"]] == ["From the phone"]


def test_replaying_an_answer_is_harmless_and_its_id_cannot_carry_other_words(asked):
    ana, ben, question = asked
    answer_id = str(uuid.uuid4())
    assert answer(ben, question["id"], "Once", 0, answer_id).status_code == 201
    replay = answer(ben, question["id"], "Once", 0, answer_id)
    assert replay.status_code == 201
    assert len(replay.get_json()["answers"]) == 1
    other = answer(ben, question["id"], "Different words", 1, answer_id)
    assert other.status_code == 409
    assert error_of(other)["code"] == "id_conflict"
    assert [a["text"] for a in get(ana, question["id"])["answers"]] == ["Once"]


# --- Needs time, reopen, park, response -------------------------------------------------------

def test_the_answerer_can_ask_for_time_until_a_date(asked):
    ana, ben, question = asked
    response = ben.post(f"/api/questions/{question['id']}/needs-time",
                        {"version": 1, "until": "2026-12-01"})
    assert response.status_code == 200
    seen = get(ana, question["id"])
    assert seen["state"] == "needs_time"
    assert seen["needs_time_until"] == "2026-12-01"
    # Still waiting for me, still for Ben to answer; answering clears the date.
    assert ids(ana.get("/api/questions/waiting").get_json()) == [question["id"]]
    assert ids(ben.get("/api/questions/to-answer").get_json()) == [question["id"]]
    answered = answer(ben, question["id"], "Now I can say it.", 0).get_json()
    assert answered["state"] == "answered"
    assert answered["needs_time_until"] is None


def test_needs_time_without_a_date(asked):
    _ana, ben, question = asked
    response = ben.post(f"/api/questions/{question['id']}/needs-time", {"version": 1})
    assert response.status_code == 200
    assert response.get_json()["state"] == "needs_time"
    assert response.get_json()["needs_time_until"] is None


def test_only_the_answerer_asks_for_time(asked):
    ana, _ben, question = asked
    response = ana.post(f"/api/questions/{question['id']}/needs-time", {"version": 1})
    assert response.status_code == 403
    assert error_of(response)["code"] == "not_answerer"


def test_the_asker_reopens_with_a_follow_up(asked):
    ana, ben, question = asked
    version = answer(ben, question["id"], "At my sister's.", 0).get_json()["version"]
    response = ana.post(f"/api/questions/{question['id']}/reopen",
                        {"version": version, "follow_up": "And after that?"})
    assert response.status_code == 200
    seen = get(ben, question["id"])
    assert seen["state"] == "open"
    assert seen["follow_up"] == "And after that?"
    assert seen["asker_response"] == "still_questions"
    assert len(seen["answers"]) == 1  # the first answer stays
    assert ids(ben.get("/api/questions/to-answer").get_json()) == [question["id"]]
    again = answer(ben, question["id"], "Then I drove home.", based_on=1).get_json()
    assert [a["number"] for a in again["answers"]] == [1, 2]
    assert again["state"] == "answered"
    history = ana.get(f"/api/questions/{question['id']}/revisions").get_json()
    assert {"from": None, "to": "And after that?"} in [r["changes"].get("follow_up")
                                                        for r in history]


def test_reopening_needs_the_current_version_and_the_same_reopen_again_is_harmless(asked):
    ana, ben, question = asked
    answered = answer(ben, question["id"], "Yes.", 0).get_json()
    reopen = {"version": answered["version"], "follow_up": "Why?"}
    first = ana.post(f"/api/questions/{question['id']}/reopen", reopen)
    assert first.status_code == 200
    replay = ana.post(f"/api/questions/{question['id']}/reopen", reopen)
    assert replay.status_code == 200
    assert replay.get_json()["version"] == first.get_json()["version"]
    stale = ana.post(f"/api/questions/{question['id']}/reopen",
                     {"version": answered["version"], "follow_up": "Why, really?"})
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "stale_version"


def test_the_answerer_cannot_reopen_or_park(asked):
    _ana, ben, question = asked
    answer(ben, question["id"], "Yes.", 0)
    version = get(ben, question["id"])["version"]
    for path, body in (("reopen", {"version": version, "follow_up": "Me?"}),
                       ("park", {"version": version}), ("unpark", {"version": version}),
                       ("response", {"version": version, "response": "helped"})):
        response = ben.post(f"/api/questions/{question['id']}/{path}", body)
        assert response.status_code == 403, path
        assert error_of(response)["code"] == "not_asker"


def test_the_asker_parks_and_unparks(asked):
    ana, ben, question = asked
    parked = ana.post(f"/api/questions/{question['id']}/park", {"version": 1})
    assert parked.status_code == 200
    assert get(ben, question["id"])["state"] == "parked"
    assert ben.get("/api/questions/to-answer").get_json() == []
    assert ana.get("/api/questions/waiting").get_json() == []
    refused = answer(ben, question["id"], "Anyway", 0)
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "parked"
    time_refused = ben.post(f"/api/questions/{question['id']}/needs-time",
                            {"version": parked.get_json()["version"]})
    assert time_refused.status_code == 409
    unparked = ana.post(f"/api/questions/{question['id']}/unpark",
                        {"version": parked.get_json()["version"]})
    assert unparked.status_code == 200
    assert unparked.get_json()["state"] == "open"
    assert ids(ben.get("/api/questions/to-answer").get_json()) == [question["id"]]


def test_unparking_an_answered_question_brings_it_back_answered(asked):
    ana, ben, question = asked
    version = answer(ben, question["id"], "Yes.", 0).get_json()["version"]
    version = ana.post(f"/api/questions/{question['id']}/park",
                       {"version": version}).get_json()["version"]
    unparked = ana.post(f"/api/questions/{question['id']}/unpark", {"version": version})
    assert unparked.get_json()["state"] == "answered"


def test_a_parked_question_is_unparked_before_reopening(asked):
    ana, _ben, question = asked
    version = ana.post(f"/api/questions/{question['id']}/park",
                       {"version": 1}).get_json()["version"]
    response = ana.post(f"/api/questions/{question['id']}/reopen",
                        {"version": version, "follow_up": "Still?"})
    assert response.status_code == 409


@pytest.mark.parametrize("word", ["helped", "still_questions"])
def test_the_asker_says_whether_the_answer_helped(asked, word):
    ana, ben, question = asked
    version = answer(ben, question["id"], "Here is all of it.", 0).get_json()["version"]
    response = ana.post(f"/api/questions/{question['id']}/response",
                        {"version": version, "response": word})
    assert response.status_code == 200
    assert get(ben, question["id"])["asker_response"] == word


def test_a_new_answer_clears_the_earlier_response(asked):
    ana, ben, question = asked
    version = answer(ben, question["id"], "Part of it.", 0).get_json()["version"]
    ana.post(f"/api/questions/{question['id']}/response",
             {"version": version, "response": "still_questions"})
    more = answer(ben, question["id"], "All of it.", 1).get_json()
    assert more["asker_response"] is None


def test_a_response_to_an_answer_the_asker_has_not_seen_is_stale(asked):
    ana, ben, question = asked
    seen = answer(ben, question["id"], "Part of it.", 0).get_json()["version"]
    answer(ben, question["id"], "Something harder to hear.", 1)
    response = ana.post(f"/api/questions/{question['id']}/response",
                        {"version": seen, "response": "helped"})
    assert response.status_code == 409
    assert error_of(response)["code"] == "stale_version"
    assert len(error_of(response)["current"]["answers"]) == 2
    assert get(ben, question["id"])["asker_response"] is None


def test_no_response_before_an_answer_and_no_unknown_responses(asked):
    ana, _ben, question = asked
    early = ana.post(f"/api/questions/{question['id']}/response",
                     {"version": 1, "response": "helped"})
    assert early.status_code == 409
    assert error_of(early)["code"] == "not_answered"
    odd = ana.post(f"/api/questions/{question['id']}/response",
                   {"version": 1, "response": "whatever"})
    assert odd.status_code == 422
    assert "response" in error_of(odd)["fields"]


def test_a_move_sent_again_after_the_partner_moved_on_changes_nothing(asked):
    """An outbox may send a move again after the other partner acted on it (the phone lost
    track of having sent it): the replay, known by the step id its phone made, lands nowhere and
    is no conflict to show."""
    ana, ben, question = asked
    qid = question["id"]

    def step():
        return str(uuid.uuid4())

    needs_time = {"version": 1, "until": "2026-12-01", "id": step()}
    assert ben.post(f"/api/questions/{qid}/needs-time", needs_time).status_code == 200
    version = answer(ben, qid, "Part of it.", 0).get_json()["version"]
    still = {"version": version, "response": "still_questions", "id": step()}
    assert ana.post(f"/api/questions/{qid}/response", still).status_code == 200
    follow_up = {"version": version + 1, "follow_up": "And the rest?", "id": step()}
    assert ana.post(f"/api/questions/{qid}/reopen", follow_up).status_code == 200
    version = answer(ben, qid, "All of it.", 1).get_json()["version"]
    park = {"version": version, "id": step()}
    assert ana.post(f"/api/questions/{qid}/park", park).status_code == 200
    assert ana.post(f"/api/questions/{qid}/unpark", {"version": version + 1}).status_code == 200
    before = get(ana, qid)
    history = ana.get(f"/api/questions/{qid}/revisions").get_json()

    for phone, path, body in ((ben, "needs-time", needs_time), (ana, "response", still),
                              (ana, "reopen", follow_up), (ana, "park", park)):
        replay = phone.post(f"/api/questions/{qid}/{path}", body)
        assert replay.status_code == 200, (path, replay.get_json())
    after = get(ana, qid)
    assert after == before
    assert (after["state"], after["asker_response"]) == ("answered", None)
    assert ana.get(f"/api/questions/{qid}/revisions").get_json() == history


def test_a_stale_move_that_is_not_a_replay_still_conflicts(asked):
    ana, ben, question = asked
    qid = question["id"]
    version = answer(ben, qid, "Yes.", 0).get_json()["version"]
    helped = ana.post(f"/api/questions/{qid}/response", {"version": version, "response": "helped"})
    assert helped.status_code == 200
    # Ana's other phone, still on the version before, says something else.
    for path, body in (("response", {"version": version, "response": "still_questions"}),
                       ("reopen", {"version": version, "follow_up": "Why?"})):
        response = ana.post(f"/api/questions/{qid}/{path}", body)
        assert response.status_code == 409, path
        assert error_of(response)["code"] == "stale_version"
    seen = get(ben, qid)
    assert (seen["state"], seen["asker_response"], seen["follow_up"]) == (
        "answered", "helped", None)


# --- Lists ------------------------------------------------------------------------------------

def test_to_answer_and_waiting_lists_for_each_partner(couple):
    ana, ben = couple
    first = ask(ana, "First", at="2026-11-20T21:00:00+01:00")
    timed = ask(ana, "Second", at="2026-11-21T21:00:00+01:00")
    done = ask(ana, "Third", at="2026-11-22T21:00:00+01:00")
    parked = ask(ana, "Fourth", at="2026-11-23T21:00:00+01:00")
    withdrawn = ask(ana, "Fifth", at="2026-11-24T21:00:00+01:00")
    bens = ask(ben, "Ben's own", at="2026-11-19T21:00:00+01:00")
    ben.post(f"/api/questions/{timed['id']}/needs-time", {"version": 1})
    answer(ben, done["id"], "Done", 0)
    ana.post(f"/api/questions/{parked['id']}/park", {"version": 1})
    ana.delete(f"/api/questions/{withdrawn['id']}")

    assert ids(ana.get("/api/questions/waiting").get_json()) == [first["id"], timed["id"]]
    assert ids(ben.get("/api/questions/to-answer").get_json()) == [first["id"], timed["id"]]
    assert ids(ana.get("/api/questions/to-answer").get_json()) == [bens["id"]]
    assert ids(ben.get("/api/questions/waiting").get_json()) == [bens["id"]]


def test_the_list_shows_both_partners_questions_with_author_filters(couple):
    ana, ben = couple
    mine = ask(ana, "Mine", at="2026-11-20T21:00:00+01:00")
    theirs = ask(ben, "Ben's", at="2026-11-21T21:00:00+01:00")
    assert ids(ana.get("/api/questions").get_json()["items"]) == [theirs["id"], mine["id"]]
    assert ids(ana.get("/api/questions?author=me").get_json()["items"]) == [mine["id"]]
    assert ids(ana.get("/api/questions?author=partner").get_json()["items"]) == [theirs["id"]]
    assert ids(ben.get("/api/questions?author=partner").get_json()["items"]) == [mine["id"]]


def test_another_couple_sees_nothing(asked, person):
    _ana, _ben, question = asked
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    dora.post("/api/space/join", {"code": code})
    assert carl.get(f"/api/questions/{question['id']}").status_code == 404
    assert answer(dora, question["id"], "Nosy", 0).status_code == 404
    assert dora.get("/api/questions").get_json()["items"] == []
    assert dora.get("/api/questions/to-answer").get_json() == []


# --- After the space ends ---------------------------------------------------------------------

def test_after_leaving_each_reads_only_their_own_questions_and_changes_nothing(couple):
    ana, ben = couple
    anas = ask(ana, "Ana's")
    bens = ask(ben, "Ben's")
    answer(ben, anas["id"], "Ben's answer", 0)
    assert ben.post("/api/space/leave").status_code == 204

    for phone, own, other in ((ana, anas, bens), (ben, bens, anas)):
        assert phone.get(f"/api/questions/{own['id']}").status_code == 200
        assert phone.get(f"/api/questions/{other['id']}").status_code == 404
        assert phone.get(f"/api/questions/{other['id']}/revisions").status_code == 404
        assert ids(phone.get("/api/questions").get_json()["items"]) == [own["id"]]
        version = get(phone, own["id"])["version"]
        response = phone.patch(f"/api/questions/{own['id']}",
                               {"text": "Changed later", "version": version})
        assert response.status_code == 409
        assert error_of(response)["code"] == "space_ended"
        assert phone.get("/api/questions/to-answer").get_json() == []
    assert answer(ben, anas["id"], "One more", 1).status_code == 404
    response = ana.post(f"/api/questions/{anas['id']}/reopen",
                        {"version": get(ana, anas["id"])["version"], "follow_up": "Still?"})
    assert response.status_code == 409
    assert error_of(response)["code"] == "space_ended"
    park = ana.post(f"/api/questions/{anas['id']}/park",
                    {"version": get(ana, anas["id"])["version"]})
    assert error_of(park)["code"] == "space_ended"
    # Each keeps what they wrote, nothing of the other's: Ben's answer goes with him.
    assert get(ana, anas["id"])["answers"] == []
    assert "Ben's answer" not in ana.get("/api/questions").get_data(as_text=True)


def test_needs_time_until_must_be_a_date(asked):
    _ana, ben, question = asked
    response = ben.post(f"/api/questions/{question['id']}/needs-time",
                        {"version": 1, "until": "soon"})
    assert response.status_code == 422
    assert "until" in error_of(response)["fields"]
