"""After leaving, each former partner keeps what they wrote themselves, nothing of the other's:
not their records, and not their words on my own records (server/records/former_partner.py)."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from helpers import PASSWORD, create_id, fetch
from record_samples import create_body
from test_privacy import every_get, json_of, pages

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
    assert "ben's words" not in ana.export().get_data(as_text=True)
    assert "ana's words" in ana.export().get_data(as_text=True)


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


# --- The former partner's words on my own records ----------------------------------------------

def canary(who: str, where: str) -> str:
    return f"{who}-{where}-{uuid.uuid4().hex[:10]}"


def put(phone, url, body=None, status=200):
    response = phone.request("PUT", url, json=body)
    assert response.status_code == status, (url, response.get_json())
    return response.get_json()


def post(phone, url, body=None):
    response = phone.post(url, body)
    assert response.status_code == 200, (url, response.get_json())
    return response.get_json()


def words_on_each_others_records(ana, ben) -> tuple[dict, dict, dict]:
    """Both write on their own records and on the other's, in every place words can go.
    Returns {person: their words by where they are}, {person: the other's words that person
    said yes to (an agreement's change)}, and the ids of every record by kind."""
    words = {"ana": {}, "ben": {}}
    agreed = {"ana": set(), "ben": set()}
    ids: dict[str, list[str]] = {}

    def say(who, where):
        words[who][where] = canary(who, where)
        return words[who][where]

    def record(kind, phone, url, body):
        record_id = create_id(phone, url, {**body, "occurred_at": WHEN})
        ids.setdefault(kind, []).append(record_id)
        return record_id

    for me, my, them, their in (("ana", ana, "ben", ben), ("ben", ben, "ana", ana)):
        # A question of mine, answered twice by them; I asked again in between.
        question = record("question", my, "/api/questions", {"text": say(me, "question")})
        put(their, f"/api/questions/{question}/answers/{uuid.uuid4()}",
            {"text": say(them, f"answer on {me}'s question"), "based_on": 0}, 201)
        post(my, f"/api/questions/{question}/reopen",
             {"version": fetch(my, f"/api/questions/{question}")["version"],
              "follow_up": say(me, "follow-up")})
        put(their, f"/api/questions/{question}/answers/{uuid.uuid4()}",
            {"text": say(them, f"second answer on {me}'s question"), "based_on": 1}, 201)
        # An experience of mine: my reflection, and theirs, changed once (a revision).
        experience = record("experience", my, "/api/experiences",
                            {"title": say(me, "experience")})
        put(my, f"/api/experiences/{experience}/reflection",
            {"text": say(me, "reflection"), "joy": 4})
        put(their, f"/api/experiences/{experience}/reflection",
            {"text": say(them, f"first reflection on {me}'s experience"), "joy": 2})
        put(their, f"/api/experiences/{experience}/reflection",
            {"text": say(them, f"reflection on {me}'s experience"), "joy": 3, "version": 1})
        # A check-in of mine, acknowledged with words.
        checkin = record("checkin", my, "/api/checkins", {"want_you_to_know": say(me, "checkin")})
        put(their, f"/api/checkins/{checkin}/acknowledgement",
            {"words": say(them, f"acknowledgement of {me}'s checkin")})
        # An agreement I proposed: they said yes, proposed a change I accepted, proposed another
        # I never accepted, then withdrew their consent with a reason.
        agreement = record("agreement", my, "/api/agreements", {
            "title": say(me, "agreement"), "terms": say(me, "terms"), "why": say(me, "why"),
            "category": "communication"})
        post(their, f"/api/agreements/{agreement}/consent", {"version_number": 1})
        put(their, f"/api/agreements/{agreement}/versions/{uuid.uuid4()}", {
            "title": say(them, f"accepted change of {me}'s agreement"),
            "terms": say(them, f"accepted terms of {me}'s agreement"),
            "category": "communication", "based_on": 1}, 201)
        post(my, f"/api/agreements/{agreement}/consent", {"version_number": 2})
        agreed[me] |= {words[them][f"accepted change of {me}'s agreement"],
                       words[them][f"accepted terms of {me}'s agreement"]}
        put(their, f"/api/agreements/{agreement}/versions/{uuid.uuid4()}", {
            "title": say(them, f"unaccepted change of {me}'s agreement"),
            "terms": say(them, f"unaccepted terms of {me}'s agreement"),
            "why": say(them, f"unaccepted why of {me}'s agreement"),
            "category": "communication", "based_on": 2}, 201)
        post(their, f"/api/agreements/{agreement}/withdraw",
             {"reason": say(them, f"reason on {me}'s agreement")})
        # The kinds that hold only their author's words; an action acknowledged with words.
        for kind, url in (("action", "/api/actions"), ("setback", "/api/setbacks"),
                          ("pause", "/api/pauses")):
            record(kind, my, url, create_body(kind, say(me, kind)))
        put(their, f"/api/actions/{ids['action'][-1]}/acknowledgement",
            {"words": say(them, f"acknowledgement of {me}'s action")})
        # A ritual of mine, accepted, and a day both marked.
        ritual = record("ritual", my, "/api/rituals", {
            "title": say(me, "ritual"), "activity": "walk", "weekdays": list(range(1, 8)),
            "local_time": "21:00", "time_zone": "Europe/Berlin"})
        post(their, f"/api/rituals/{ritual}/accept")
        day = (datetime.now(UTC).date() - timedelta(days=2)).isoformat()  # past in any zone
        for phone in (my, their):
            put(phone, f"/api/rituals/{ritual}/occurrences/{day}", {"status": "done"})
    ids["journal_entry"] = [create_id(ana, "/api/journal", {
        "sealed": ana.seal("Ana's own notebook", uuid.uuid4()), "occurred_at": WHEN})]
    return words, agreed, ids


def everything_seen(app, phone, ids) -> dict[str, str]:
    """URL → the JSON body of every GET route this person can call (each record route with
    every record's id, every list paged), their export and their timeline page by page."""
    seen = {}
    phone.reauthenticate()  # the exports answer only after the password is confirmed again
    for url in every_get(app, ids, ids["journal_entry"][0]):
        answer = json_of(phone.get(url))
        seen[url] = json.dumps(answer)
        if "?" not in url and isinstance(answer, dict) and "next_cursor" in answer:
            for n, page in enumerate(pages(phone, url)):
                seen[f"{url} page {n}"] = json.dumps(json_of(page))
    assert "/api/export" in seen and "/api/journey/timeline" in seen
    return seen


def found(seen: dict[str, str], text: str) -> list[str]:
    return sorted(url for url, answer in seen.items() if text in answer)


ENDINGS = ("ana leaves", "ben leaves", "ben deletes his account")


@pytest.mark.parametrize("ending", ENDINGS)
def test_after_the_end_my_records_keep_my_words_and_none_of_my_former_partners(
        app, couple, ending):
    ana, ben = couple
    words, agreed, ids = words_on_each_others_records(ana, ben)
    seen_before = everything_seen(app, ana, ids)
    assert all(found(seen_before, text) for text in words["ben"].values()), "seen while paired"

    if ending == "ben deletes his account":
        assert ben.delete_account(PASSWORD).status_code == 204
        sides = (("ana", ana, "ben"),)
        # Deleting erases all he wrote, even a change of her agreement she said yes to.
        agreed = {"ana": set()}
    else:
        leaver = ana if ending == "ana leaves" else ben
        assert leaver.post("/api/space/leave").status_code == 204
        sides = (("ana", ana, "ben"), ("ben", ben, "ana"))

    for me, phone, them in sides:
        # My words on my own records stay ("on ben's question" is on his: it went with it), and
        # words both said yes to: an agreement's change I accepted.
        mine = {**{where: text for where, text in words[me].items() if "'s " not in where},
                **{f"agreed: {text}": text for text in agreed[me]}}
        theirs = {where: text for where, text in words[them].items() if text not in agreed[me]}
        their_name = them.title()
        seen = everything_seen(app, phone, ids)
        leaks = {where: found(seen, text) for where, text in theirs.items() if found(seen, text)}
        assert not leaks, f"the former partner's words reached {phone.me['display_name']}"
        missing = [where for where, text in mine.items() if not found(seen, text)]
        assert not missing, f"{phone.me['display_name']} lost their own words: {missing}"
        assert not found(seen, f'"{their_name}"'), "the former partner's name is not shown"


def test_after_the_end_the_former_partners_steps_stay_as_facts_without_words(couple):
    """What they did still explains my record; what they said is gone (records.former_partner)."""
    ana, ben = couple
    words, _agreed, ids = words_on_each_others_records(ana, ben)
    anas, bens = words["ana"], words["ben"]
    assert ben.post("/api/space/leave").status_code == 204
    ben_id = ben.me["id"]
    checkin, agreement, question, experience = (
        ids[kind][0] for kind in ("checkin", "agreement", "question", "experience"))

    acknowledgement, = fetch(ana, f"/api/checkins/{checkin}")["acknowledgements"]
    assert acknowledgement["author_id"] == ben_id
    assert (acknowledgement["author_name"], acknowledgement["words"]) == ("Former partner", None)

    shown = fetch(ana, f"/api/agreements/{agreement}")
    # Version 1 is hers; version 2 is Ben's words she said yes to (in force, so kept); version 3
    # Ben proposed and she never accepted.
    assert [v["number"] for v in shown["versions"]] == [1, 2]
    assert (shown["active_version"], shown["pending_version"]) == (2, None)
    assert shown["terms"] == bens["accepted terms of ana's agreement"]
    assert shown["state"] == "paused" and shown["pause_reason"] is None
    withdrawn = [e for e in shown["events"] if e["step"] == "consent_withdrawn"]
    assert [(e["actor_id"], e["reason"]) for e in withdrawn] == [(ben_id, None)]

    assert [a["text"] for a in fetch(ana, f"/api/questions/{question}")["answers"]] == []
    assert [r["text"] for r in fetch(ana, f"/api/experiences/{experience}")["reflections"]] \
        == [anas["reflection"]]
    history = fetch(ana, f"/api/experiences/{experience}/revisions")
    bens_steps = [r for r in history if r["author_id"] == ben_id]
    assert bens_steps and all(r["changes"] == {} and r["author_name"] == "Former partner"
                              for r in bens_steps)
    ritual = ids["ritual"][0]
    marks = fetch(ana, f"/api/rituals/{ritual}/occurrences")[0]["marks"]
    assert {m["user_id"] for m in marks} == {ana.me["id"], ben_id}


def test_while_paired_both_read_each_others_words_on_every_record(couple):
    """The rule hides nothing while the space is live: the test above means something."""
    ana, ben = couple
    words, _agreed, ids = words_on_each_others_records(ana, ben)
    bens = words["ben"]
    shown = fetch(ana, f"/api/agreements/{ids['agreement'][0]}")
    assert [v["number"] for v in shown["versions"]] == [1, 2, 3]
    assert shown["pause_reason"] == bens["reason on ana's agreement"]
    acknowledgement, = fetch(ana, f"/api/checkins/{ids['checkin'][0]}")["acknowledgements"]
    assert acknowledgement["words"] == bens["acknowledgement of ana's checkin"]
    assert acknowledgement["author_name"] == "Ben"
