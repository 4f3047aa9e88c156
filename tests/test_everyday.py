"""The rules of each everyday record: check-ins, consistency of actions, setbacks, pauses, shared
experiences and ideas, the journal's prompts."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

import phone_crypto
import pytest
from helpers import error_of

from server.actions import services as consistency_service


def put(phone, url, body, occurred_at="2026-03-14T21:05:00+01:00"):
    return phone.request("PUT", f"{url}/{uuid.uuid4()}", json={"occurred_at": occurred_at, **body})


def made(phone, url, body, **kwargs):
    response = put(phone, url, body, **kwargs)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def refused(response, field):
    assert response.status_code == 422, response.get_json()
    assert any(name == field or name.startswith(f"{field}.")
               for name in error_of(response)["fields"]), error_of(response)
    return error_of(response)


@pytest.fixture
def outsider(person):
    """A member of another couple."""
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    assert dora.post("/api/space/join", {"code": code}).status_code == 200
    return carl


# --- Check-ins ----------------------------------------------------------------------------------

def test_the_vocabulary_names_feelings_and_the_three_measures(client):
    vocabulary = client.get("/api/checkins/vocabulary").get_json()
    assert {"anger", "grief", "confusion", "fear", "numbness", "shame", "hope", "calm",
            "gratitude", "love"} <= set(vocabulary["feelings"])
    assert vocabulary["measures"] == ["trust", "safety", "connection"]


def test_a_checkin_names_several_feelings_from_the_vocabulary(couple):
    ana, ben = couple
    checkin = made(ana, "/api/checkins", {"feelings": ["anger", "hope", "numbness"],
                                          "intensity": 7})
    assert checkin["feelings"] == ["anger", "hope", "numbness"]
    assert ben.get(f"/api/checkins/{checkin['id']}").get_json()["feelings"] == [
        "anger", "hope", "numbness"]


def test_a_feeling_outside_the_vocabulary_or_named_twice_is_refused(couple):
    ana, _ben = couple
    refused(put(ana, "/api/checkins", {"feelings": ["hope", "smug"]}), "feelings")
    refused(put(ana, "/api/checkins", {"feelings": ["hope", "hope"]}), "feelings")
    assert ana.get("/api/checkins").get_json()["items"] == []


@pytest.mark.parametrize("field", ["intensity", "trust", "safety", "connection"])
def test_scales_run_from_0_to_10(couple, field):
    ana, _ben = couple
    for value in (0, 10):
        assert made(ana, "/api/checkins", {"feelings": ["calm"], field: value})[field] == value
    for value in (-1, 11, 2.5, "high"):
        refused(put(ana, "/api/checkins", {"feelings": ["calm"], field: value}), field)
    assert len(ana.get("/api/checkins").get_json()["items"]) == 2


def test_the_measures_are_each_optional(couple):
    ana, _ben = couple
    checkin = made(ana, "/api/checkins", {"safety": 2})
    assert (checkin["trust"], checkin["safety"], checkin["connection"]) == (None, 2, None)


@pytest.mark.parametrize("body", [
    {}, {"feelings": []}, {"want_you_to_know": "", "need_from_you": ""},
    {"trust": None, "safety": None, "connection": None}, {"intensity": 5},
])
def test_a_checkin_must_say_something(couple, body):
    ana, _ben = couple
    refused(put(ana, "/api/checkins", body), "feelings")
    assert ana.get("/api/checkins").get_json()["items"] == []


@pytest.mark.parametrize("body", [
    {"feelings": ["numbness"]}, {"trust": 0}, {"want_you_to_know": "I am scared"},
    {"need_from_you": "Patience"},
])
def test_one_feeling_measure_or_note_is_enough(couple, body):
    ana, _ben = couple
    made(ana, "/api/checkins", body)


def test_an_update_keeps_the_scales(couple):
    ana, _ben = couple
    checkin = made(ana, "/api/checkins", {"trust": 3})
    refused(ana.patch(f"/api/checkins/{checkin['id']}", {"version": 1, "trust": 11}), "trust")
    assert ana.get(f"/api/checkins/{checkin['id']}").get_json()["trust"] == 3


# --- Consistency of actions ---------------------------------------------------------------------

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def now(monkeypatch):
    """Fix the server's 'now' for consistency at NOW (a Friday noon, UTC)."""
    monkeypatch.setattr(consistency_service, "utcnow", lambda: NOW)
    return NOW


def act(phone, occurred_at, what="Kept my word"):
    if isinstance(occurred_at, datetime):
        occurred_at = occurred_at.isoformat()
    return made(phone, "/api/actions", {"what": what}, occurred_at=occurred_at)


def consistency(phone, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = phone.get(f"/api/actions/consistency?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def days_ago(n, hour=9):
    return (NOW - timedelta(days=n)).replace(hour=hour)


def test_consistency_counts_days_with_an_action_not_actions(couple, now):
    ana, _ben = couple
    for n in (0, 0, 2, 5, 5, 5):
        act(ana, days_ago(n))
    act(ana, days_ago(9))  # outside the week
    answer = consistency(ana, days=7)
    assert answer == {"person": "me", "days": 7, "days_with_action": 3,
                      "dates": ["2026-03-15", "2026-03-18", "2026-03-20"]}
    assert consistency(ana, days=10)["days_with_action"] == 4


def test_consistency_looks_at_the_last_30_days_by_default(couple, now):
    ana, _ben = couple
    act(ana, days_ago(29))
    act(ana, days_ago(30))
    answer = consistency(ana)
    assert (answer["days"], answer["days_with_action"]) == (30, 1)


def test_a_missed_day_never_resets_the_count_to_zero(couple, now):
    ana, _ben = couple
    for n in range(2, 7):  # kept five days in a row, then missed yesterday and today
        act(ana, days_ago(n))
    answer = consistency(ana, days=7)
    assert answer["days_with_action"] == 5
    assert "2026-03-20" not in answer["dates"]


def test_a_day_is_the_actions_own_local_date(couple, now):
    ana, _ben = couple
    act(ana, "2026-03-18T23:30:00-05:00")  # 04:30 UTC on the 19th, but the 18th where it was
    act(ana, "2026-03-20T00:30:00+09:00")  # 15:30 UTC on the 19th, but the 20th in Tokyo
    assert consistency(ana, days=3)["dates"] == ["2026-03-18", "2026-03-20"]


def test_a_day_at_the_far_ends_of_the_offsets_still_counts(couple, now):
    ana, _ben = couple
    # In a UTC-12 zone "today" is the 20th and the window of 3 days starts on the 18th. An
    # action just after midnight of the 18th in Kiribati (UTC+14) is 26 hours earlier in UTC.
    act(ana, "2026-03-18T00:30:00+14:00")
    answer = consistency(ana, days=3, tz="Etc/GMT%2B12")
    assert answer["dates"] == ["2026-03-18"]


def test_today_is_taken_in_the_tz_given(couple, monkeypatch):
    ana, _ben = couple
    early = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)  # still the 19th in New York (UTC-4)
    monkeypatch.setattr(consistency_service, "utcnow", lambda: early)
    act(ana, "2026-03-20T01:00:00+00:00")
    act(ana, "2026-03-18T20:00:00-04:00")
    assert consistency(ana, days=2, tz="UTC")["dates"] == ["2026-03-20"]
    new_york = consistency(ana, days=2, tz="America/New_York")
    assert new_york["dates"] == ["2026-03-18"]


def test_consistency_refuses_an_unknown_zone_or_days_out_of_range(couple):
    ana, _ben = couple
    for query, field in (("tz=Mars/Olympus", "tz"), ("days=0", "days"), ("days=367", "days"),
                         ("person=someone", "person")):
        refused(ana.get(f"/api/actions/consistency?{query}"), field)


def test_consistency_of_the_partner(couple, now):
    ana, ben = couple
    act(ben, days_ago(1))
    act(ben, days_ago(3))
    act(ana, days_ago(0))
    theirs = consistency(ana, days=7, person="partner")
    assert (theirs["person"], theirs["days_with_action"]) == ("partner", 2)
    assert consistency(ben, days=7, person="me")["dates"] == theirs["dates"]
    assert consistency(ben, days=7, person="partner")["dates"] == ["2026-03-20"]


def test_consistency_of_a_partner_who_has_not_joined_is_404(person):
    ana = person("ana")
    ana.post("/api/space")
    response = ana.get("/api/actions/consistency?person=partner")
    assert response.status_code == 404
    assert consistency(ana)["days_with_action"] == 0


def test_a_withdrawn_action_does_not_count(couple, now):
    ana, _ben = couple
    act(ana, days_ago(1))
    withdrawn = act(ana, days_ago(2))
    assert consistency(ana, days=7)["days_with_action"] == 2
    assert ana.delete(f"/api/actions/{withdrawn['id']}").status_code == 200
    assert consistency(ana, days=7)["dates"] == ["2026-03-19"]


def test_a_setback_never_changes_consistency(couple, now):
    ana, ben = couple
    for n in (1, 2, 4):
        act(ana, days_ago(n))
    before = consistency(ana, days=7), consistency(ben, days=7, person="partner")
    for phone in (ana, ben):
        made(phone, "/api/setbacks", {"what_happened": "A hard evening", "how_it_felt": "Raw"},
             occurred_at=days_ago(0).isoformat())
    assert (consistency(ana, days=7), consistency(ben, days=7, person="partner")) == before
    assert before[0]["days_with_action"] == 3


def test_action_categories_are_from_the_list(couple):
    ana, _ben = couple
    for category in ("transparency", "kept_promise", "proactive_checkin", "repair", "care", None):
        made(ana, "/api/actions", {"what": "Something small", "category": category})
    refused(put(ana, "/api/actions", {"what": "Something", "category": "heroics"}), "category")
    refused(put(ana, "/api/actions", {"what": "   "}), "what")


# --- Setbacks -----------------------------------------------------------------------------------

def test_either_partner_records_a_setback_and_both_see_it(couple):
    ana, ben = couple
    mine = made(ana, "/api/setbacks", {"what_happened": "I checked his phone"})
    theirs = made(ben, "/api/setbacks", {"what_happened": "I lied about being late",
                                         "how_it_felt": "Ashamed"})
    for phone in (ana, ben):
        ids = {s["id"] for s in phone.get("/api/setbacks").get_json()["items"]}
        assert ids == {mine["id"], theirs["id"]}
    refused(put(ana, "/api/setbacks", {"how_it_felt": "Bad"}), "what_happened")


# --- Pauses -------------------------------------------------------------------------------------

def local_now(minutes_ago=0, offset_hours=2):
    zone = timezone(timedelta(hours=offset_hours))
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).astimezone(zone).isoformat()


def pause(phone, minutes_ago=0, **body):
    return made(phone, "/api/pauses", body, occurred_at=local_now(minutes_ago))


def active_ids(phone):
    response = phone.get("/api/pauses/active")
    assert response.status_code == 200
    return [p["id"] for p in response.get_json()]


def test_a_pause_lasts_20_minutes_unless_asked_otherwise(couple):
    ana, _ben = couple
    default = pause(ana)
    assert default["minutes"] == 20
    assert (datetime.fromisoformat(default["until"])
            - datetime.fromisoformat(default["occurred_at"])) == timedelta(minutes=20)
    assert pause(ana, minutes=90, note="Back after a walk")["minutes"] == 90


def test_a_pause_lasts_at_most_24_hours(couple):
    ana, _ben = couple
    assert pause(ana, minutes=24 * 60)["minutes"] == 1440
    for minutes in (24 * 60 + 1, 0, -5):
        refused(put(ana, "/api/pauses", {"minutes": minutes}, occurred_at=local_now()), "minutes")
    record = pause(ana)
    refused(ana.patch(f"/api/pauses/{record['id']}", {"version": 1, "minutes": 1441}), "minutes")


def test_the_partner_sees_the_active_pause(couple, outsider):
    ana, ben = couple
    running = pause(ana, note="I need to breathe")
    assert active_ids(ben) == [running["id"]]
    assert active_ids(ana) == [running["id"]]
    [seen] = ben.get("/api/pauses/active").get_json()
    assert (seen["note"], seen["author_name"], seen["is_mine"]) == ("I need to breathe", "Ana",
                                                                     False)
    assert active_ids(outsider) == []


def test_an_expired_or_withdrawn_pause_is_not_active(couple):
    ana, ben = couple
    pause(ana, minutes_ago=30)  # 20 minutes, so over ten minutes ago
    withdrawn = pause(ana)
    ana.delete(f"/api/pauses/{withdrawn['id']}")
    long_one = pause(ben, minutes_ago=30, minutes=60)
    assert active_ids(ana) == [long_one["id"]]


@pytest.mark.parametrize("ender", ["author", "partner"])
def test_either_partner_can_end_a_pause_and_it_leaves_active(couple, ender):
    ana, ben = couple
    running = pause(ana)
    phone = ana if ender == "author" else ben
    response = phone.post(f"/api/pauses/{running['id']}/end")
    assert response.status_code == 200
    ended = response.get_json()
    assert ended["ended_at"] is not None
    assert ended["ended_by_id"] == phone.me["id"]
    assert active_ids(ana) == []
    assert active_ids(ben) == []
    again = (ben if ender == "author" else ana).post(f"/api/pauses/{running['id']}/end")
    assert again.status_code == 200
    assert (again.get_json()["ended_at"], again.get_json()["ended_by_id"]) == (
        ended["ended_at"], ended["ended_by_id"])


def test_an_end_sent_again_changes_nothing_and_its_id_is_its_own(couple):
    """The end carries an id made on the phone: sent again by the outbox it answers the pause as
    it is; the same id on another pause is a conflict."""
    ana, ben = couple
    running, other = pause(ana), pause(ben)
    end_id = str(uuid.uuid4())
    ended = ben.post(f"/api/pauses/{running['id']}/end", {"id": end_id}).get_json()
    replayed = ben.post(f"/api/pauses/{running['id']}/end", {"id": end_id})
    assert replayed.status_code == 200
    assert {k: replayed.get_json()[k] for k in ("ended_at", "ended_by_id", "version")} == {
        k: ended[k] for k in ("ended_at", "ended_by_id", "version")}
    refused = ben.post(f"/api/pauses/{other['id']}/end", {"id": end_id})
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "id_conflict"
    assert active_ids(ana) == [other["id"]]


def test_another_couple_cannot_end_our_pause(couple, outsider):
    ana, ben = couple
    running = pause(ana)
    assert outsider.post(f"/api/pauses/{running['id']}/end").status_code == 404
    assert active_ids(ben) == [running["id"]]


# --- Shared experiences -------------------------------------------------------------------------

def experience(phone):
    return made(phone, "/api/experiences", {"title": "A walk without phones",
                                            "what_we_did": "Along the river, slowly"})


def reflect(phone, record, **body):
    return phone.request("PUT", f"/api/experiences/{record['id']}/reflection", json=body)


def reflections_of(phone, record):
    answer = phone.get(f"/api/experiences/{record['id']}").get_json()
    return {r["author_name"]: r for r in answer["reflections"]}


def test_each_partner_writes_their_own_reflection(couple):
    ana, ben = couple
    walk = experience(ana)
    assert reflect(ana, walk, text="I felt close again", joy=4).status_code == 200
    response = reflect(ben, walk, text="Quiet and good", joy=5)
    assert response.status_code == 200
    for phone in (ana, ben):
        mine = reflections_of(phone, walk)
        assert {name: (r["text"], r["joy"], r["version"]) for name, r in mine.items()} == {
            "Ana": ("I felt close again", 4, 1), "Ben": ("Quiet and good", 5, 1)}
    assert ana.get(f"/api/experiences/{walk['id']}").get_json()["version"] == 1


def test_joy_is_rated_1_to_5(couple):
    ana, _ben = couple
    walk = experience(ana)
    for joy in (0, 6, None, "lots", 4.5):
        refused(reflect(ana, walk, text="Fine", joy=joy), "joy")
    refused(reflect(ana, walk, text="No rating"), "joy")
    assert reflections_of(ana, walk) == {}
    for joy in (1, 5):
        other = experience(ana)
        assert reflect(ana, other, joy=joy).status_code == 200


def test_changing_a_reflection_needs_its_version_and_leaves_a_revision(couple):
    ana, ben = couple
    walk = experience(ben)
    reflect(ana, walk, text="Lovely", joy=4)
    unversioned = reflect(ana, walk, text="Lovely, then hard", joy=2)
    assert unversioned.status_code == 409
    assert error_of(unversioned)["code"] == "stale_version"
    stale = reflect(ana, walk, text="Lovely, then hard", joy=2, version=7)
    assert stale.status_code == 409
    assert reflections_of(ana, walk)["Ana"]["joy"] == 4
    changed = reflect(ana, walk, text="Lovely, then hard", joy=2, version=1)
    assert changed.status_code == 200
    assert reflections_of(ben, walk)["Ana"]["version"] == 2
    for phone in (ana, ben):
        [revision] = phone.get(f"/api/experiences/{walk['id']}/revisions").get_json()
        assert revision["author_name"] == "Ana"
        assert revision["changes"] == {
            "reflection.text": {"from": "Lovely", "to": "Lovely, then hard"},
            "reflection.joy": {"from": 4, "to": 2}}


def test_replaying_the_same_reflection_is_harmless(couple):
    ana, ben = couple
    walk = experience(ana)
    first = reflect(ben, walk, text="Glad we went", joy=5)
    for _ in range(2):
        replay = reflect(ben, walk, text="Glad we went", joy=5)
        assert replay.status_code == 200
        assert replay.get_json() == first.get_json()
    assert reflections_of(ana, walk)["Ben"]["version"] == 1
    assert ana.get(f"/api/experiences/{walk['id']}/revisions").get_json() == []


def test_a_reflection_sent_again_after_a_later_change_does_not_undo_it(couple):
    """Each write carries an id made on the phone: the first words, sent again by the outbox
    after I changed them, change nothing (no conflict either); the id on another experience is
    a conflict."""
    ana, ben = couple
    walk, other = experience(ana), experience(ana)
    first_id = str(uuid.uuid4())
    reflect(ben, walk, text="Glad we went", joy=5, id=first_id)
    reflect(ben, walk, text="Glad, and tired", joy=4, version=1, id=str(uuid.uuid4()))
    replayed = reflect(ben, walk, text="Glad we went", joy=5, id=first_id)
    assert replayed.status_code == 200
    [mine] = replayed.get_json()["reflections"]
    assert (mine["text"], mine["joy"], mine["version"]) == ("Glad, and tired", 4, 2)
    assert len(ana.get(f"/api/experiences/{walk['id']}/revisions").get_json()) == 1
    refused = reflect(ben, other, text="Glad we went", joy=5, id=first_id)
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "id_conflict"
    assert reflections_of(ana, other) == {}


def test_a_stale_update_of_an_experience_with_reflections_answers_the_current_one(couple):
    ana, ben = couple
    walk = experience(ana)
    reflect(ben, walk, text="Glad we went", joy=5)
    url = f"/api/experiences/{walk['id']}"
    current = ana.patch(url, {"version": 1, "title": "Walk by the river"}).get_json()
    response = ana.patch(url, {"version": 1, "title": "Written on an old screen"})
    assert response.status_code == 409
    assert error_of(response)["current"] == current
    assert error_of(response)["current"]["reflections"][0]["text"] == "Glad we went"


def test_no_reflection_on_a_withdrawn_or_foreign_experience(couple, outsider):
    ana, ben = couple
    walk = experience(ana)
    assert reflect(outsider, walk, joy=3).status_code == 404
    ana.delete(f"/api/experiences/{walk['id']}")
    late = reflect(ben, walk, text="Still glad", joy=5)
    assert late.status_code == 409
    assert error_of(late)["code"] == "withdrawn"


# --- The idea bank ------------------------------------------------------------------------------

GROUPS = {"at_home", "outdoors", "talking", "playful", "giving"}


def test_the_idea_bank_holds_at_least_40_ideas_in_five_groups(couple):
    ana, _ben = couple
    bank = ana.get("/api/ideas").get_json()
    assert set(bank["groups"]) == GROUPS
    ideas = bank["ideas"]
    assert len(ideas) >= 40
    assert len({i["id"] for i in ideas}) == len(ideas)
    assert {i["group"] for i in ideas} == GROUPS
    assert all(i["title"].strip() for i in ideas)
    assert all(i["picked_at"] is None and i["done_at"] is None for i in ideas)


def idea(phone, idea_id):
    return next(i for i in phone.get("/api/ideas").get_json()["ideas"] if i["id"] == idea_id)


def test_picking_and_marking_done_are_idempotent_and_shared(couple, outsider):
    ana, ben = couple
    first = ana.request("PUT", "/api/ideas/outdoors-01/pick")
    assert first.status_code == 200
    assert first.get_json()["picked_at"] is not None
    assert first.get_json()["done_at"] is None
    assert ben.request("PUT", "/api/ideas/outdoors-01/pick").get_json() == first.get_json()
    done = ben.request("PUT", "/api/ideas/outdoors-01/done").get_json()
    assert done["picked_at"] == first.get_json()["picked_at"]
    assert done["done_at"] is not None
    assert ana.request("PUT", "/api/ideas/outdoors-01/done").get_json() == done
    assert idea(ana, "outdoors-01") == done
    assert idea(outsider, "outdoors-01")["picked_at"] is None


def test_an_idea_can_be_done_without_picking_first(couple):
    ana, _ben = couple
    done = ana.request("PUT", "/api/ideas/at-home-01/done").get_json()
    assert done["picked_at"] is not None and done["done_at"] is not None


def test_unpicking_forgets_the_idea_and_is_idempotent(couple):
    ana, ben = couple
    ana.request("PUT", "/api/ideas/at-home-02/done")
    assert ben.delete("/api/ideas/at-home-02/pick").status_code == 204
    assert idea(ana, "at-home-02")["picked_at"] is None
    assert idea(ana, "at-home-02")["done_at"] is None
    assert ben.delete("/api/ideas/at-home-02/pick").status_code == 204


def test_a_pick_sent_again_after_the_partner_let_it_go_does_not_pick_it_again(couple):
    """Each step on an idea carries an id made on the phone: sent again by the outbox after a
    later step, it changes nothing; the id on another idea is a conflict."""
    ana, ben = couple
    pick_id, not_now_id = str(uuid.uuid4()), str(uuid.uuid4())
    assert ana.request("PUT", "/api/ideas/outdoors-02/pick",
                       json={"id": pick_id}).get_json()["picked_at"] is not None
    assert ben.request("DELETE", "/api/ideas/outdoors-02/pick",
                       json={"id": not_now_id}).status_code == 204
    replayed = ana.request("PUT", "/api/ideas/outdoors-02/pick", json={"id": pick_id})
    assert replayed.status_code == 200
    assert (replayed.get_json()["picked_at"], replayed.get_json()["done_at"]) == (None, None)
    assert idea(ben, "outdoors-02")["picked_at"] is None
    ana.request("PUT", "/api/ideas/outdoors-02/done", json={"id": str(uuid.uuid4())})
    assert ben.request("DELETE", "/api/ideas/outdoors-02/pick",
                       json={"id": not_now_id}).status_code == 204
    assert idea(ana, "outdoors-02")["done_at"] is not None
    refused = ana.request("PUT", "/api/ideas/outdoors-03/pick", json={"id": pick_id})
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "id_conflict"
    assert idea(ana, "outdoors-03")["picked_at"] is None


def test_an_unknown_idea_is_404(couple):
    ana, _ben = couple
    for method, path in (("PUT", "/api/ideas/no-such-idea/pick"),
                         ("PUT", "/api/ideas/no-such-idea/done"),
                         ("DELETE", "/api/ideas/no-such-idea/pick")):
        response = ana.request(method, path)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


# --- The journal --------------------------------------------------------------------------------

def test_the_journal_offers_prompts_for_individual_healing(client):
    prompts = client.get("/api/journal/prompts").get_json()
    assert {p["id"] for p in prompts} == {"patterns", "insecurities", "triggers", "choices",
                                          "healing", "proud"}
    assert all(p["text"].strip().endswith("?") for p in prompts)


def test_a_journal_entry_is_taken_only_sealed_and_padded(couple):
    """The server takes the phone's ciphertext and gives it back as it came; words in clear
    are refused, and so is a ciphertext whose length would tell the words' exact size."""
    ana, _ben = couple
    entry = uuid.uuid4()
    sealed = ana.seal("I said no kindly.", entry, prompt="proud")
    answer = ana.request("PUT", f"/api/journal/{entry}",
                         json={"sealed": sealed, "occurred_at": "2026-03-14T21:05:00+01:00"})
    assert answer.status_code == 201, answer.get_json()
    stored = answer.get_json()
    assert stored["sealed"] == sealed and stored["text"] is None and stored["prompt"] is None
    assert phone_crypto.open_sealed(ana.journal_key, entry, 1, stored["sealed"]) == {
        "prompt": "proud", "text": "I said no kindly."}
    refused(put(ana, "/api/journal", {"text": "Just writing."}), "sealed")
    refused(put(ana, "/api/journal", {"sealed": "Just writing."}), "sealed")
    unpadded = sealed[:-4]  # three bytes fewer than the padding allows
    refused(put(ana, "/api/journal", {"sealed": unpadded}), "sealed")
