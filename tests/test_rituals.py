"""Rituals through the API (issue 4, "Rituals"): active only with both partners' yes, the next
reminder time on the ritual's own wall clock, changes that ask again, pause, per-person reminders,
marking a day, and what each former partner keeps after the space ends. (The schedule itself
across DST changes: test_schedule.py.)"""

import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import create, error_of, fetch

from server.extensions import db
from server.rituals.models import Ritual

AT = "2026-11-24T21:05:00+01:00"
EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]
EVENING = {"title": "Evening check-in", "activity": "checkin", "weekdays": EVERY_DAY,
           "local_time": "21:00", "time_zone": "Europe/Berlin"}


def propose(phone, ritual_id=None, **fields):
    return create(phone, "/api/rituals", {**EVENING, "occurred_at": AT, **fields}, ritual_id)


def get(phone, ritual_id):
    return fetch(phone, f"/api/rituals/{ritual_id}")


def accept(phone, ritual_id):
    return phone.post(f"/api/rituals/{ritual_id}/accept")


def mark(phone, ritual_id, day, status="done"):
    return phone.request("PUT", f"/api/rituals/{ritual_id}/occurrences/{day.isoformat()}",
                         json={"status": status})


def instant(value):
    return datetime.fromisoformat(value)


def expected_next(weekdays, at, zone_name, after):
    """The first day on `weekdays` whose wall time `at` in the zone is after `after`, found by
    walking the zone's calendar (no gap or fold near 21:00 or 22:15 in these zones)."""
    zone = ZoneInfo(zone_name)
    day = after.astimezone(zone).date()
    while True:
        candidate = datetime.combine(day, at, zone)
        if day.isoweekday() in weekdays and candidate > after:
            return candidate
        day += timedelta(days=1)


def today_in(zone_name):
    return datetime.now(UTC).astimezone(ZoneInfo(zone_name)).date()


@pytest.fixture
def proposed(couple):
    ana, ben = couple
    return ana, ben, propose(ana)


@pytest.fixture
def active(proposed):
    ana, ben, ritual = proposed
    assert accept(ben, ritual["id"]).status_code == 200
    return ana, ben, get(ana, ritual["id"])


# --- Proposing and accepting ------------------------------------------------------------------

def test_a_proposed_ritual_waits_for_the_partner_and_does_not_remind(proposed):
    ana, ben, ritual = proposed
    for phone in (ana, ben):
        seen = get(phone, ritual["id"])
        assert seen["state"] == "proposed"
        assert seen["next_fire_at"] is None
        assert seen["partner_accepted_at"] is None
        assert seen["weekdays"] == EVERY_DAY
        assert seen["local_time"] == "21:00:00"
        assert seen["time_zone"] == "Europe/Berlin"
    assert get(ben, ritual["id"])["is_mine"] is False


def test_the_proposer_cannot_accept_their_own_ritual(proposed):
    ana, _ben, ritual = proposed
    response = accept(ana, ritual["id"])
    assert response.status_code == 403
    assert error_of(response)["code"] == "own_proposal"
    assert get(ana, ritual["id"])["state"] == "proposed"


def test_the_partners_yes_makes_it_active_at_the_next_local_21_00(proposed):
    ana, ben, ritual = proposed
    before = datetime.now(UTC)
    response = accept(ben, ritual["id"])
    after = datetime.now(UTC)
    assert response.status_code == 200
    for phone in (ana, ben):
        seen = get(phone, ritual["id"])
        assert seen["state"] == "active"
        assert seen["partner_accepted_at"] is not None
        fire = instant(seen["next_fire_at"])
        assert fire.utcoffset() is not None
        local = fire.astimezone(ZoneInfo("Europe/Berlin"))
        assert (local.hour, local.minute, local.second) == (21, 0, 0)
        assert fire in {expected_next(EVERY_DAY, time(21), "Europe/Berlin", moment)
                        for moment in (before, after)}
        assert timedelta(0) < fire - before <= timedelta(days=1)


def test_next_fire_at_follows_the_rituals_own_zone_and_weekdays(couple):
    ana, ben = couple
    ritual = propose(ana, weekdays=[7], local_time="10:30", time_zone="Asia/Kolkata",
                     title="Sunday walk", activity="walk")
    moment = datetime.now(UTC)
    fire = instant(accept(ben, ritual["id"]).get_json()["next_fire_at"])
    local = fire.astimezone(ZoneInfo("Asia/Kolkata"))
    assert local.isoweekday() == 7
    assert (local.hour, local.minute) == (10, 30)
    assert fire.astimezone(UTC).minute == 0  # 10:30 at +05:30 is 05:00 UTC
    assert fire - expected_next([7], time(10, 30), "Asia/Kolkata", moment) in (
        timedelta(0), timedelta(days=7))  # (if a Sunday 05:00 UTC passed during the test)
    assert timedelta(0) < fire - moment <= timedelta(days=7)


def test_accepting_twice_is_harmless(active):
    _ana, ben, ritual = active
    again = accept(ben, ritual["id"]).get_json()
    assert again["partner_accepted_at"] == ritual["partner_accepted_at"]
    assert again["next_fire_at"] == ritual["next_fire_at"]


def test_a_yes_names_the_version_it_was_given_to(proposed):
    _ana, ben, ritual = proposed
    response = ben.post(f"/api/rituals/{ritual['id']}/accept", {"version": ritual["version"]})
    assert response.status_code == 200
    assert response.get_json()["state"] == "active"
    assert ben.post(f"/api/rituals/{ritual['id']}/accept",
                    {"version": ritual["version"]}).get_json()["state"] == "active"


def test_a_late_yes_to_a_changed_schedule_is_refused_with_the_current_one(active):
    """Ben said yes offline to 21:00; Ana moved it to 22:15 before his yes arrived (his phone's
    outbox sends it late): that yes must not count for 22:15."""
    ana, ben, ritual = active
    moved = ana.patch(f"/api/rituals/{ritual['id']}",
                      {"local_time": "22:15", "version": ritual["version"]}).get_json()
    assert moved["state"] == "proposed"
    late = ben.post(f"/api/rituals/{ritual['id']}/accept", {"version": ritual["version"]})
    assert late.status_code == 409
    assert error_of(late)["code"] == "stale_version"
    assert error_of(late)["current"]["local_time"] == "22:15:00"
    assert get(ana, ritual["id"])["state"] == "proposed"
    yes = ben.post(f"/api/rituals/{ritual['id']}/accept", {"version": moved["version"]})
    assert yes.get_json()["state"] == "active"
    # Once it holds, the late one again changes nothing and is no problem for the outbox.
    assert ben.post(f"/api/rituals/{ritual['id']}/accept",
                    {"version": ritual["version"]}).status_code == 200


@pytest.mark.parametrize("version", [0, "two", -1])
def test_a_yes_with_a_bad_version_is_refused_naming_it(proposed, version):
    _ana, ben, ritual = proposed
    response = ben.post(f"/api/rituals/{ritual['id']}/accept", {"version": version})
    assert response.status_code == 422
    assert "version" in error_of(response)["fields"]


def test_proposing_again_with_the_same_id_is_harmless_and_other_words_conflict(proposed):
    ana, _ben, ritual = proposed
    assert propose(ana, ritual["id"])["version"] == ritual["version"]
    response = ana.request("PUT", f"/api/rituals/{ritual['id']}",
                           json={**EVENING, "local_time": "07:00", "occurred_at": AT})
    assert response.status_code == 409
    assert error_of(response)["code"] == "id_conflict"


@pytest.mark.parametrize("field, value", [
    ("weekdays", [0]), ("weekdays", [8]), ("weekdays", []), ("weekdays", [1, 1]),
    ("local_time", "25:00"), ("time_zone", "Mars/Olympus"), ("activity", "sermon"), ("title", ""),
])
def test_a_bad_schedule_is_refused_naming_the_field(couple, field, value):
    ana, _ = couple
    response = ana.request("PUT", f"/api/rituals/{uuid.uuid4()}",
                           json={**EVENING, field: value, "occurred_at": AT})
    assert response.status_code == 422
    assert any(name.split(".")[0] == field for name in error_of(response)["fields"])


# --- Changes ----------------------------------------------------------------------------------

def test_a_new_schedule_needs_the_partners_yes_again(active):
    ana, ben, ritual = active
    response = ana.patch(f"/api/rituals/{ritual['id']}",
                         {"local_time": "22:15", "version": ritual["version"]})
    assert response.status_code == 200
    for phone in (ana, ben):
        seen = get(phone, ritual["id"])
        assert seen["state"] == "proposed"
        assert seen["local_time"] == "22:15:00"
        assert seen["partner_accepted_at"] is None
        assert seen["next_fire_at"] is None
    moment = datetime.now(UTC)
    fire = instant(accept(ben, ritual["id"]).get_json()["next_fire_at"])
    local = fire.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.hour, local.minute) == (22, 15)
    assert timedelta(0) < fire - moment <= timedelta(days=1)
    history = ben.get(f"/api/rituals/{ritual['id']}/revisions").get_json()
    assert history[-1]["changes"]["local_time"] == {"from": "21:00:00", "to": "22:15:00"}


@pytest.mark.parametrize("schedule", [{"weekdays": [1, 3, 5]}, {"time_zone": "Europe/Lisbon"}])
def test_new_days_or_a_new_zone_also_ask_again(active, schedule):
    ana, _ben, ritual = active
    seen = ana.patch(f"/api/rituals/{ritual['id']}",
                     {**schedule, "version": ritual["version"]}).get_json()
    assert seen["state"] == "proposed"
    assert seen["next_fire_at"] is None


def test_a_new_title_keeps_the_ritual_active(active):
    ana, ben, ritual = active
    response = ana.patch(f"/api/rituals/{ritual['id']}",
                         {"title": "Our evening", "activity": "talk", "version": ritual["version"]})
    assert response.status_code == 200
    seen = get(ben, ritual["id"])
    assert seen["title"] == "Our evening"
    assert seen["state"] == "active"
    assert seen["partner_accepted_at"] == ritual["partner_accepted_at"]
    assert seen["next_fire_at"] == ritual["next_fire_at"]


def test_the_same_schedule_sent_again_keeps_the_ritual_active(active):
    ana, _ben, ritual = active
    seen = ana.patch(f"/api/rituals/{ritual['id']}",
                     {"local_time": "21:00", "weekdays": EVERY_DAY,
                      "version": ritual["version"]}).get_json()
    assert seen["state"] == "active"
    assert seen["version"] == ritual["version"]


def test_only_the_proposer_changes_it_and_only_from_the_current_version(active):
    ana, ben, ritual = active
    refused = ben.patch(f"/api/rituals/{ritual['id']}",
                        {"title": "Mine now", "version": ritual["version"]})
    assert refused.status_code == 403
    ana.patch(f"/api/rituals/{ritual['id']}", {"title": "First", "version": ritual["version"]})
    stale = ana.patch(f"/api/rituals/{ritual['id']}",
                      {"title": "Second", "version": ritual["version"]})
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "stale_version"
    assert error_of(stale)["current"]["title"] == "First"


def test_the_proposer_withdraws_it_and_reminders_stop(active, app):
    ana, ben, ritual = active
    assert ben.delete(f"/api/rituals/{ritual['id']}").status_code == 403
    gone = ana.delete(f"/api/rituals/{ritual['id']}")
    assert gone.status_code == 200
    assert get(ben, ritual["id"])["withdrawn_at"] is not None
    with app.app_context():
        assert db.session.get(Ritual, uuid.UUID(ritual["id"])).next_fire_at is None
    response = ben.post(f"/api/rituals/{ritual['id']}/resume")
    assert response.status_code == 409
    assert error_of(response)["code"] == "withdrawn"


# --- Pause, reminders -------------------------------------------------------------------------

def test_either_partner_pauses_and_resumes(active):
    ana, ben, ritual = active
    paused = ben.post(f"/api/rituals/{ritual['id']}/pause")
    assert paused.status_code == 200
    seen = get(ana, ritual["id"])
    assert seen["state"] == "paused"
    assert seen["paused_at"] is not None
    assert seen["next_fire_at"] is None
    resumed = ana.post(f"/api/rituals/{ritual['id']}/resume").get_json()
    assert resumed["state"] == "active"
    assert resumed["paused_at"] is None
    local = instant(resumed["next_fire_at"]).astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.hour, local.minute) == (21, 0)


def test_a_ritual_paused_before_it_was_accepted_waits_for_resume(proposed):
    ana, ben, ritual = proposed
    ana.post(f"/api/rituals/{ritual['id']}/pause")
    accepted = accept(ben, ritual["id"]).get_json()
    assert accepted["state"] == "paused"
    assert accepted["next_fire_at"] is None
    assert ben.post(f"/api/rituals/{ritual['id']}/resume").get_json()["state"] == "active"


def test_each_partner_switches_their_own_reminder(active):
    ana, ben, ritual = active
    assert get(ana, ritual["id"])["reminder_on"] is True
    off = ana.request("PUT", f"/api/rituals/{ritual['id']}/reminder", json={"enabled": False})
    assert off.status_code == 200
    assert off.get_json()["reminder_on"] is False
    assert get(ana, ritual["id"])["reminder_on"] is False
    assert get(ben, ritual["id"])["reminder_on"] is True
    again = ana.request("PUT", f"/api/rituals/{ritual['id']}/reminder", json={"enabled": False})
    assert again.get_json()["reminder_on"] is False
    on = ana.request("PUT", f"/api/rituals/{ritual['id']}/reminder", json={"enabled": True})
    assert on.get_json()["reminder_on"] is True
    ben.request("PUT", f"/api/rituals/{ritual['id']}/reminder", json={"enabled": False})
    assert get(ana, ritual["id"])["reminder_on"] is True
    assert get(ben, ritual["id"])["reminder_on"] is False


# --- A step sent again (the phone's outbox) -----------------------------------------------------
# Each step after the proposal carries an id made on the phone: sent again, after later steps,
# it changes nothing and answers the ritual as it is now.

def step(phone, ritual_id, action, method="POST", **body):
    return phone.request(method, f"/api/rituals/{ritual_id}/{action}", json=body)


def test_a_pause_sent_again_after_the_partner_resumed_does_not_pause_it_again(active):
    ana, ben, ritual = active
    pause_id = str(uuid.uuid4())
    assert step(ben, ritual["id"], "pause", id=pause_id).get_json()["state"] == "paused"
    assert step(ana, ritual["id"], "resume", id=str(uuid.uuid4())).get_json()["state"] == "active"
    replayed = step(ben, ritual["id"], "pause", id=pause_id)
    assert replayed.status_code == 200
    assert replayed.get_json()["state"] == "active"
    seen = get(ana, ritual["id"])
    assert (seen["state"], seen["paused_at"]) == ("active", None)
    assert seen["next_fire_at"] is not None


def test_a_resume_sent_again_after_the_partner_paused_does_not_resume_it(active):
    ana, ben, ritual = active
    step(ana, ritual["id"], "pause", id=str(uuid.uuid4()))
    resume_id = str(uuid.uuid4())
    assert step(ana, ritual["id"], "resume", id=resume_id).get_json()["state"] == "active"
    step(ben, ritual["id"], "pause", id=str(uuid.uuid4()))
    assert step(ana, ritual["id"], "resume", id=resume_id).get_json()["state"] == "paused"
    assert get(ben, ritual["id"])["state"] == "paused"


def test_a_pause_of_a_paused_ritual_is_still_its_step(active):
    """Sent while the ritual was paused already, the step changed nothing; sent again after a
    resume, it must not pause it either."""
    ana, ben, ritual = active
    step(ana, ritual["id"], "pause", id=str(uuid.uuid4()))
    late_pause = str(uuid.uuid4())
    assert step(ben, ritual["id"], "pause", id=late_pause).get_json()["state"] == "paused"
    step(ana, ritual["id"], "resume", id=str(uuid.uuid4()))
    assert step(ben, ritual["id"], "pause", id=late_pause).get_json()["state"] == "active"


def test_a_yes_sent_again_after_the_schedule_changed_is_not_a_yes_to_the_new_one(proposed):
    ana, ben, ritual = proposed
    yes_id = str(uuid.uuid4())
    assert step(ben, ritual["id"], "accept", version=1, id=yes_id).get_json()["state"] == "active"
    changed = ana.patch(f"/api/rituals/{ritual['id']}",
                        {"version": 2, "local_time": "22:15", "id": str(uuid.uuid4())})
    assert changed.get_json()["state"] == "proposed"
    replayed = step(ben, ritual["id"], "accept", version=1, id=yes_id)
    assert replayed.status_code == 200
    assert (replayed.get_json()["state"], replayed.get_json()["partner_accepted_at"]) == (
        "proposed", None)


def test_a_reminder_switch_sent_again_after_a_later_one_does_not_undo_it(active):
    ana, _ben, ritual = active
    off_id = str(uuid.uuid4())
    step(ana, ritual["id"], "reminder", "PUT", enabled=False, id=off_id)
    step(ana, ritual["id"], "reminder", "PUT", enabled=True, id=str(uuid.uuid4()))
    replayed = step(ana, ritual["id"], "reminder", "PUT", enabled=False, id=off_id)
    assert replayed.status_code == 200
    assert replayed.get_json()["reminder_on"] is True
    assert get(ana, ritual["id"])["reminder_on"] is True


def test_a_mark_sent_again_after_a_later_one_does_not_replace_it(active):
    ana, _ben, ritual = active
    day = (today_in("Europe/Berlin") - timedelta(days=1)).isoformat()
    done_id = str(uuid.uuid4())
    step(ana, ritual["id"], f"occurrences/{day}", "PUT", status="done", id=done_id)
    step(ana, ritual["id"], f"occurrences/{day}", "PUT", status="skipped", id=str(uuid.uuid4()))
    replayed = step(ana, ritual["id"], f"occurrences/{day}", "PUT", status="done", id=done_id)
    assert replayed.status_code == 200
    assert [(m["user_id"], m["status"]) for m in replayed.get_json()["marks"]] == [
        (ana.me["id"], "skipped")]


def test_a_step_id_used_on_another_ritual_or_by_the_partner_is_a_conflict(active):
    ana, ben, ritual = active
    other = propose(ana)
    used = str(uuid.uuid4())
    step(ana, ritual["id"], "pause", id=used)
    for phone, ritual_id in ((ana, other["id"]), (ben, ritual["id"])):
        refused = step(phone, ritual_id, "resume", id=used)
        assert refused.status_code == 409
        assert error_of(refused)["code"] == "id_conflict"
    assert get(ana, ritual["id"])["state"] == "paused"
    assert get(ana, other["id"])["state"] == "proposed"


def test_a_step_without_an_id_from_an_older_outbox_still_counts_by_state(active):
    """An outbox queued by an older build sends pause and resume with no body: the ritual's
    state decides (see ARCHITECTURE.md)."""
    ana, _ben, ritual = active
    assert ana.post(f"/api/rituals/{ritual['id']}/pause").get_json()["state"] == "paused"
    assert ana.post(f"/api/rituals/{ritual['id']}/pause").get_json()["state"] == "paused"
    assert ana.post(f"/api/rituals/{ritual['id']}/resume").get_json()["state"] == "active"


# --- Marking a day ----------------------------------------------------------------------------

def test_each_marks_a_day_once_and_a_later_mark_replaces_mine(active):
    ana, ben, ritual = active
    day = today_in("Europe/Berlin") - timedelta(days=1)
    done = mark(ana, ritual["id"], day, "done")
    assert done.status_code == 200
    occurrence = done.get_json()
    assert occurrence["local_date"] == day.isoformat()
    due = instant(occurrence["due_at"]).astimezone(ZoneInfo("Europe/Berlin"))
    assert (due.date(), due.hour, due.minute) == (day, 21, 0)
    assert [(m["user_id"], m["status"]) for m in occurrence["marks"]] == [(ana.me["id"], "done")]
    mark(ben, ritual["id"], day, "skipped")
    mark(ana, ritual["id"], day, "skipped")
    listed = ben.get(f"/api/rituals/{ritual['id']}/occurrences").get_json()
    assert [o["local_date"] for o in listed] == [day.isoformat()]
    assert {(m["user_id"], m["status"]) for m in listed[0]["marks"]} == {
        (ana.me["id"], "skipped"), (ben.me["id"], "skipped")}


def test_marks_list_newest_day_first(active):
    ana, _ben, ritual = active
    today = today_in("Europe/Berlin")
    for back in (3, 1, 2):
        assert mark(ana, ritual["id"], today - timedelta(days=back)).status_code == 200
    listed = ana.get(f"/api/rituals/{ritual['id']}/occurrences").get_json()
    assert [o["local_date"] for o in listed] == [
        (today - timedelta(days=back)).isoformat() for back in (1, 2, 3)]
    since = (today - timedelta(days=2)).isoformat()
    recent = ana.get(f"/api/rituals/{ritual['id']}/occurrences?from={since}").get_json()
    assert len(recent) == 2


def test_a_future_day_cannot_be_marked(active):
    ana, _ben, ritual = active
    response = mark(ana, ritual["id"], today_in("Europe/Berlin") + timedelta(days=1))
    assert response.status_code == 422
    assert "local_date" in error_of(response)["fields"]


def test_a_day_the_ritual_does_not_fall_on_cannot_be_marked(couple):
    ana, ben = couple
    ritual = propose(ana, weekdays=[1])
    accept(ben, ritual["id"])
    day = today_in("Europe/Berlin") - timedelta(days=7)
    while day.isoweekday() == 1:
        day -= timedelta(days=1)
    response = mark(ben, ritual["id"], day)
    assert response.status_code == 422
    assert "local_date" in error_of(response)["fields"]
    monday = day - timedelta(days=day.isoweekday() - 1)
    assert mark(ben, ritual["id"], monday).status_code == 200


def test_a_ritual_not_yet_agreed_cannot_be_marked(proposed):
    ana, ben, ritual = proposed
    for phone in (ana, ben):
        response = mark(phone, ritual["id"], today_in("Europe/Berlin") - timedelta(days=1))
        assert response.status_code == 409
        assert error_of(response)["code"] == "not_active"


def test_an_unknown_status_or_date_is_refused(active):
    ana, _ben, ritual = active
    day = (today_in("Europe/Berlin") - timedelta(days=1)).isoformat()
    odd = ana.request("PUT", f"/api/rituals/{ritual['id']}/occurrences/{day}",
                      json={"status": "maybe"})
    assert odd.status_code == 422
    assert "status" in error_of(odd)["fields"]
    assert ana.request("PUT", f"/api/rituals/{ritual['id']}/occurrences/2026-02-30",
                       json={"status": "done"}).status_code == 404


# --- The linked agreement ---------------------------------------------------------------------

def test_a_ritual_can_name_an_agreement_of_our_space(couple):
    ana, ben = couple
    agreement_id = str(uuid.uuid4())
    assert ana.request("PUT", f"/api/agreements/{agreement_id}", json={
        "title": "Talk daily", "terms": "Ten minutes every evening.", "category": "communication",
        "occurred_at": AT}).status_code == 201
    ritual = propose(ben, agreement_id=agreement_id)
    assert ritual["agreement_id"] == agreement_id
    assert get(ana, ritual["id"])["agreement_id"] == agreement_id


def test_an_agreement_of_another_couple_is_refused_naming_agreement_id(couple, person):
    ana, _ben = couple
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    dora.post("/api/space/join", {"code": code})
    theirs = str(uuid.uuid4())
    carl.request("PUT", f"/api/agreements/{theirs}", json={
        "title": "Theirs", "terms": "Not ours.", "category": "other", "occurred_at": AT})
    for agreement_id in (theirs, str(uuid.uuid4())):
        response = ana.request("PUT", f"/api/rituals/{uuid.uuid4()}",
                               json={**EVENING, "agreement_id": agreement_id, "occurred_at": AT})
        assert response.status_code == 422
        assert "agreement_id" in error_of(response)["fields"]
        assert "Theirs" not in response.get_data(as_text=True)


# --- Who may see it ---------------------------------------------------------------------------

def test_another_couple_sees_nothing(active, person):
    _ana, _ben, ritual = active
    carl, dora = person("carl"), person("dora")
    code = carl.post("/api/space").get_json()["invite"]["code"]
    dora.post("/api/space/join", {"code": code})
    assert carl.get(f"/api/rituals/{ritual['id']}").status_code == 404
    assert dora.post(f"/api/rituals/{ritual['id']}/pause").status_code == 404
    assert carl.get(f"/api/rituals/{ritual['id']}/occurrences").status_code == 404
    assert dora.get("/api/rituals").get_json()["items"] == []


def test_after_leaving_each_reads_only_their_own_ritual_and_changes_nothing(couple, app):
    ana, ben = couple
    anas = propose(ana)
    bens = propose(ben, title="Sunday walk", activity="walk", weekdays=[7])
    accept(ben, anas["id"])
    accept(ana, bens["id"])
    assert ben.post("/api/space/leave").status_code == 204

    for phone, own, other in ((ana, anas, bens), (ben, bens, anas)):
        assert phone.get(f"/api/rituals/{own['id']}").status_code == 200
        assert phone.get(f"/api/rituals/{other['id']}").status_code == 404
        assert [r["id"] for r in phone.get("/api/rituals").get_json()["items"]] == [own["id"]]
        version = get(phone, own["id"])["version"]
        attempts = [
            phone.patch(f"/api/rituals/{own['id']}", {"title": "Later", "version": version}),
            phone.post(f"/api/rituals/{own['id']}/pause"),
            phone.request("PUT", f"/api/rituals/{own['id']}/reminder", json={"enabled": False}),
            mark(phone, own["id"], today_in("Europe/Berlin") - timedelta(days=7)),
            phone.delete(f"/api/rituals/{own['id']}"),
        ]
        for response in attempts:
            assert response.status_code == 409, response.request.path
            assert error_of(response)["code"] == "space_ended"
    # A ritual of an ended space reminds no one.
    with app.app_context():
        assert db.session.query(Ritual).filter(Ritual.next_fire_at.is_not(None)).count() == 0
