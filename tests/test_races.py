"""Every route that writes, raced: the conflicting requests are released together from their own
threads (a barrier), round after round, on the database the suite runs on. Exactly one winner;
the others get what a replay one moment later would get (the stored result, or 409 naming the
conflict); no answer is ever a 500; revisions are numbered 2..n with no gap or repeat; nothing
acknowledged is lost.

test_every_write_route_is_raced reads the app's url_map, so a new route that writes fails the
suite until it has a race here."""

import uuid
from datetime import date, timedelta

import pytest
from helpers import PASSWORD, ApiClient, at_once, error_of, make_legacy, push_subscription
from record_samples import create_body, edit_body, kind_urls

from server.records.registry import KINDS

ROUNDS = 6
RACED: set[str] = set()  # "METHOD /rule" of each route a test below races


def races(*routes: str):
    """Marks a test as the race of these routes (for the url_map coverage test)."""
    RACED.update(routes)
    return lambda test: test


def statuses(answers) -> list[int]:
    return sorted(answer.status_code for answer in answers)


def the_loser(answers, status=409):
    losers = [answer for answer in answers if answer.status_code == status]
    assert len(losers) == 1, statuses(answers)
    return error_of(losers[0])


@pytest.fixture
def phones(couple, phone):
    """Each partner with two phones: (ana, ana2, ben, ben2)."""
    ana, ben = couple
    return ana, phone("ana"), ben, phone("ben")


def put(device, url, body):
    return lambda: device.request("PUT", url, json=body)


def post(device, url, body=None):
    return lambda: device.post(url, body)


def patch(device, url, body):
    return lambda: device.patch(url, body)


def delete(device, url):
    return lambda: device.delete(url)


def revision_numbers(device, url) -> list[int]:
    return [r["version"] for r in device.get(f"{url}/revisions").get_json()]


def made(device, url, body=None, status=201):
    response = device.request("PUT", url, json=body)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def new_record(device, kind: str, url: str) -> str:
    """A new record of this kind at `url`; its item URL."""
    return f"{url}/{made(device, f'{url}/{uuid.uuid4()}', create_body(kind))['id']}"


# --- The routes every record kind shares -------------------------------------------------------

KIND_NAMES = ["action", "agreement", "checkin", "experience", "journal_entry", "pause",
              "question", "ritual", "setback"]
EDITABLE = [n for n in KIND_NAMES if n not in ("agreement", "ritual")]
WITHDRAWABLE = [n for n in KIND_NAMES if n not in ("agreement", "ritual")]
ACKNOWLEDGEABLE = ["action", "checkin"]


def test_every_kind_is_raced(app):
    # The kinds register themselves as the app's views load; these lists must follow them.
    assert sorted(KINDS) == KIND_NAMES
    assert [n for n in KIND_NAMES if KINDS[n].editable] == EDITABLE
    assert [n for n in KIND_NAMES if KINDS[n].shared_delete_route] == WITHDRAWABLE
    assert [n for n in KIND_NAMES if KINDS[n].acknowledgeable] == ACKNOWLEDGEABLE


def _shared_routes(app) -> set[str]:
    """The record routes test_record_routes_race_... below cover, for each kind."""
    routes = set()
    for name, url in kind_urls(app).items():
        kind, item = KINDS[name], f"{url}/<uuid:record_id>"
        routes.add(f"PUT {item}")
        if kind.editable:
            routes.add(f"PATCH {item}")
        if kind.shared_delete_route:
            routes.add(f"DELETE {item}")
        if kind.acknowledgeable:
            routes.add(f"PUT {item}/acknowledgement")
    return routes


@pytest.mark.parametrize("name", KIND_NAMES)
def test_the_same_create_twice_at_once_makes_one_record(app, phones, name):
    ana, ana2, _, _ = phones
    url = kind_urls(app)[name]
    for _ in range(ROUNDS):
        record_id, body = uuid.uuid4(), create_body(name)
        answers = at_once(put(ana, f"{url}/{record_id}", body),
                          put(ana2, f"{url}/{record_id}", body))
        assert statuses(answers) == [201, 201]
        assert answers[0].get_json() == answers[1].get_json()
        different = create_body(name)
        clash = at_once(put(ana, f"{url}/{(other := uuid.uuid4())}", create_body(name)),
                        put(ana2, f"{url}/{other}", different))
        assert statuses(clash) == [201, 409]
        assert the_loser(clash)["code"] == "id_conflict"
    listed = ana.get(f"{url}?limit=100").get_json()["items"]
    assert len(listed) == 2 * ROUNDS


@pytest.mark.parametrize("name", EDITABLE)
def test_two_changes_on_one_version_one_wins_the_other_is_told(app, phones, name):
    ana, ana2, ben, _ = phones
    url = kind_urls(app)[name]
    for _ in range(ROUNDS):
        item = new_record(ana, name, url)
        answers = at_once(patch(ana, item, edit_body(name, 1, "from the first phone")),
                          patch(ana2, item, edit_body(name, 1, "from the second phone")))
        assert statuses(answers) == [200, 409]
        loser = the_loser(answers)
        assert loser["code"] == "stale_version"
        winner = next(a.get_json() for a in answers if a.status_code == 200)
        assert winner["version"] == 2
        assert loser["current"] == winner  # the loser is shown what won
        assert ana.get(item).get_json() == winner  # and that is what is kept
        if KINDS[name].shared:
            assert revision_numbers(ben, item) == [2]


@pytest.mark.parametrize("name", WITHDRAWABLE)
def test_withdrawing_twice_at_once_leaves_one_tombstone(app, phones, name):
    ana, ana2, _, _ = phones
    url = kind_urls(app)[name]
    for _ in range(ROUNDS):
        item = new_record(ana, name, url)
        answers = at_once(delete(ana, item), delete(ana2, item))
        if KINDS[name].shared:
            assert statuses(answers) == [200, 200]  # the second is the first sent again
            assert [a.get_json()["version"] for a in answers] == [2, 2]
            assert all(a.get_json()["withdrawn_at"] for a in answers)
        else:  # a private entry withdrawn is erased: the second finds nothing, as a replay would
            assert statuses(answers) == [200, 404]


@pytest.mark.parametrize("name", ACKNOWLEDGEABLE)
def test_the_same_acknowledgement_twice_at_once_is_one(app, phones, name):
    ana, _, ben, ben2 = phones
    url = kind_urls(app)[name]
    for _ in range(ROUNDS):
        item = new_record(ana, name, url)
        words = {"words": "I noticed, thank you."}
        answers = at_once(put(ben, f"{item}/acknowledgement", words),
                          put(ben2, f"{item}/acknowledgement", words))
        assert statuses(answers) == [200, 200]
        assert len(ana.get(item).get_json()["acknowledgements"]) == 1


# --- Questions ---------------------------------------------------------------------------------

@pytest.fixture
def ask(app, phones):
    ana = phones[0]

    def new_question():
        return new_record(ana, "question", "/api/questions")

    return new_question


@races("PUT /api/questions/<uuid:record_id>/answers/<uuid:answer_id>")
def test_two_answers_on_one_base_one_is_kept_the_other_is_stale(phones, ask):
    ana, _, ben, ben2 = phones
    for _ in range(ROUNDS):
        item = ask()
        answers = at_once(
            put(ben, f"{item}/answers/{uuid.uuid4()}", {"text": "First phone.", "based_on": 0}),
            put(ben2, f"{item}/answers/{uuid.uuid4()}", {"text": "Second phone.", "based_on": 0}))
        assert statuses(answers) == [201, 409]
        assert the_loser(answers)["code"] == "stale_version"
        question = ana.get(item).get_json()
        assert [a["number"] for a in question["answers"]] == [1]
        assert revision_numbers(ana, item) == list(range(2, question["version"] + 1))


def _answered(ben, item):
    assert ben.request("PUT", f"{item}/answers/{uuid.uuid4()}",
                       json={"text": "An answer.", "based_on": 0}).status_code == 201


@races("POST /api/questions/<uuid:record_id>/needs-time")
def test_needs_time_twice_on_one_version_one_wins(phones, ask):
    ana, _, ben, ben2 = phones
    for _ in range(ROUNDS):
        item = ask()
        answers = at_once(
            post(ben, f"{item}/needs-time", {"version": 1, "until": str(date.today() +
                                                                          timedelta(days=3))}),
            post(ben2, f"{item}/needs-time", {"version": 1, "until": str(date.today() +
                                                                           timedelta(days=9))}))
        assert statuses(answers) == [200, 409]
        assert revision_numbers(ana, item) == [2]


@races("POST /api/questions/<uuid:record_id>/reopen")
def test_two_follow_ups_on_one_version_one_wins(phones, ask):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = ask()
        _answered(ben, item)
        version = ana.get(item).get_json()["version"]
        answers = at_once(post(ana, f"{item}/reopen", {"version": version, "follow_up": "Why?"}),
                          post(ana2, f"{item}/reopen", {"version": version, "follow_up": "How?"}))
        assert statuses(answers) == [200, 409]
        assert revision_numbers(ben, item) == list(range(2, version + 2))


@races("POST /api/questions/<uuid:record_id>/response")
def test_two_responses_on_one_version_one_wins(phones, ask):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = ask()
        _answered(ben, item)
        version = ana.get(item).get_json()["version"]
        answers = at_once(
            post(ana, f"{item}/response", {"version": version, "response": "helped"}),
            post(ana2, f"{item}/response", {"version": version, "response": "still_questions"}))
        assert statuses(answers) == [200, 409]
        assert revision_numbers(ben, item) == list(range(2, version + 2))


@races("POST /api/questions/<uuid:record_id>/park", "POST /api/questions/<uuid:record_id>/unpark")
def test_parking_twice_at_once_is_one_step(phones, ask):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = ask()
        for step, version in (("park", 1), ("unpark", 2)):
            answers = at_once(post(ana, f"{item}/{step}", {"version": version}),
                              post(ana2, f"{item}/{step}", {"version": version}))
            assert statuses(answers) == [200, 200]  # the second is the first sent again
            assert {a.get_json()["version"] for a in answers} == {version + 1}
        assert revision_numbers(ben, item) == [2, 3]


# --- Agreements --------------------------------------------------------------------------------

def _agreement(ana) -> str:
    return new_record(ana, "agreement", "/api/agreements")


def _versions(body) -> list[int]:
    return [v["number"] for v in body["versions"]]


@races("POST /api/agreements/<uuid:record_id>/consent")
def test_the_same_consent_twice_at_once_counts_once(phones):
    ana, _, ben, ben2 = phones
    for _ in range(ROUNDS):
        item = _agreement(ana)
        answers = at_once(post(ben, f"{item}/consent", {"version_number": 1}),
                          post(ben2, f"{item}/consent", {"version_number": 1}))
        assert statuses(answers) == [200, 200]
        body = ana.get(item).get_json()
        assert body["state"] == "active"
        assert [e["step"] for e in body["events"]] == ["proposed", "accepted"]


@races("PUT /api/agreements/<uuid:record_id>/versions/<uuid:version_id>")
def test_two_changes_of_one_version_one_is_proposed(phones):
    ana, _, ben, _ = phones
    for _ in range(ROUNDS):
        item = _agreement(ana)
        change = {**create_body("agreement"), "based_on": 1}
        change.pop("occurred_at")
        answers = at_once(put(ana, f"{item}/versions/{uuid.uuid4()}", change),
                          put(ben, f"{item}/versions/{uuid.uuid4()}", change))
        assert statuses(answers) == [201, 409]
        assert the_loser(answers)["code"] == "stale_version"
        assert _versions(ana.get(item).get_json()) == [1, 2]


def _active_agreement(ana, ben) -> str:
    item = _agreement(ana)
    assert ben.post(f"{item}/consent", {"version_number": 1}).status_code == 200
    return item


@races("POST /api/agreements/<uuid:record_id>/withdraw")
def test_both_withdrawing_consent_at_once_pauses_it_once(phones):
    ana, _, ben, _ = phones
    for _ in range(ROUNDS):
        item = _active_agreement(ana, ben)
        answers = at_once(post(ana, f"{item}/withdraw", {"reason": "I need to think."}),
                          post(ben, f"{item}/withdraw", {"reason": "Me too."}))
        assert statuses(answers) == [200, 200]
        body = ana.get(item).get_json()
        assert body["state"] == "paused"
        assert [e["step"] for e in body["events"]].count("consent_withdrawn") == 1


@races("POST /api/agreements/<uuid:record_id>/resume")
def test_resuming_twice_at_once_is_one_step(phones):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = _active_agreement(ana, ben)
        assert ana.post(f"{item}/withdraw", {"reason": "A moment."}).status_code == 200
        answers = at_once(post(ana, f"{item}/resume", {}), post(ana2, f"{item}/resume", {}))
        assert statuses(answers) == [200, 200]
        body = ben.get(item).get_json()
        assert body["state"] == "active"
        assert [e["step"] for e in body["events"]].count("consent_restored") == 1


@races("POST /api/agreements/<uuid:record_id>/retire")
def test_both_asking_to_retire_at_once_retires_it(phones):
    ana, _, ben, _ = phones
    for _ in range(ROUNDS):
        item = _active_agreement(ana, ben)
        answers = at_once(post(ana, f"{item}/retire"), post(ben, f"{item}/retire"))
        assert statuses(answers) == [200, 200]
        body = ana.get(item).get_json()
        assert body["state"] == "retired"  # neither request may decide from the other's absence
        assert [e["step"] for e in body["events"]].count("retire_requested") == 2


# --- Rituals -----------------------------------------------------------------------------------

def _ritual(ana) -> str:
    return new_record(ana, "ritual", "/api/rituals")


def _agreed_ritual(ana, ben) -> str:
    item = _ritual(ana)
    assert ben.post(f"{item}/accept", {"version": 1}).status_code == 200
    return item


@races("POST /api/rituals/<uuid:record_id>/accept", "PATCH /api/rituals/<uuid:record_id>")
def test_a_yes_and_a_new_schedule_at_once_never_make_the_new_one_agreed(phones):
    ana, _, ben, ben2 = phones
    for _ in range(ROUNDS):
        item = _ritual(ana)
        answers = at_once(patch(ana, item, {"version": 1, "local_time": "07:30"}),
                          post(ben, f"{item}/accept", {"version": 1}))
        assert statuses(answers) == [200, 409]
        assert the_loser(answers)["code"] == "stale_version"
        ritual = ana.get(item).get_json()
        # The change first: the yes (given to 21:00) comes too late. The yes first: the change
        # was based on a version before it. Never is 07:30 agreed by a yes to 21:00.
        if answers[0].status_code == 200:
            assert (ritual["local_time"], ritual["state"]) == ("07:30:00", "proposed")
        else:
            assert (ritual["local_time"], ritual["state"]) == ("21:00:00", "active")
            assert ana.patch(item, {"version": ritual["version"], "local_time": "07:30"}
                             ).status_code == 200
            ritual = ana.get(item).get_json()
        again = at_once(post(ben, f"{item}/accept", {"version": ritual["version"]}),
                        post(ben2, f"{item}/accept", {"version": ritual["version"]}))
        assert statuses(again) == [200, 200]
        assert ana.get(item).get_json()["version"] == ritual["version"] + 1


@races("PUT /api/rituals/<uuid:record_id>/occurrences/<isodate:local_date>")
def test_marking_one_day_at_once_keeps_each_partners_mark_once(phones):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = _agreed_ritual(ana, ben)
        day = f"{item}/occurrences/{date.today() - timedelta(days=1)}"
        answers = at_once(put(ana, day, {"status": "done"}), put(ana2, day, {"status": "done"}),
                          put(ben, day, {"status": "done"}))
        assert statuses(answers) == [200, 200, 200]
        marks = ben.get(f"{item}/occurrences").get_json()[0]["marks"]
        assert sorted(m["status"] for m in marks) == ["done", "done"]


@races("POST /api/rituals/<uuid:record_id>/pause", "POST /api/rituals/<uuid:record_id>/resume")
def test_both_pausing_or_resuming_at_once_is_one_state(phones):
    ana, _, ben, _ = phones
    for _ in range(ROUNDS):
        item = _agreed_ritual(ana, ben)
        for step, state in (("pause", "paused"), ("resume", "active")):
            answers = at_once(post(ana, f"{item}/{step}"), post(ben, f"{item}/{step}"))
            assert statuses(answers) == [200, 200]
            assert ana.get(item).get_json()["state"] == state


@races("POST /api/rituals/<uuid:record_id>/pause")
def test_one_pause_sent_twice_at_once_is_one_step(phones):
    """The page and the service worker sending the same outbox entry (one step id) at once: one
    copy keeps the step, the other runs again and finds it; sent again after the partner's
    resume, it still changes nothing."""
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = _agreed_ritual(ana, ben)
        step = {"id": str(uuid.uuid4())}
        answers = at_once(post(ana, f"{item}/pause", step), post(ana2, f"{item}/pause", step))
        assert statuses(answers) == [200, 200]
        assert ben.post(f"{item}/resume", {"id": str(uuid.uuid4())}).get_json()["state"] == \
            "active"
        assert ana.post(f"{item}/pause", step).get_json()["state"] == "active"


@races("PUT /api/rituals/<uuid:record_id>/reminder")
def test_switching_my_reminder_off_on_two_phones_at_once(phones):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = _agreed_ritual(ana, ben)
        answers = at_once(put(ana, f"{item}/reminder", {"enabled": False}),
                          put(ana2, f"{item}/reminder", {"enabled": False}))
        assert statuses(answers) == [200, 200]
        assert ana.get(item).get_json()["reminder_on"] is False


@races("DELETE /api/rituals/<uuid:record_id>")
def test_withdrawing_a_ritual_twice_at_once(phones):
    ana, ana2, _, _ = phones
    for _ in range(ROUNDS):
        item = _ritual(ana)
        answers = at_once(delete(ana, item), delete(ana2, item))
        assert statuses(answers) == [200, 200]
        assert [a.get_json()["version"] for a in answers] == [2, 2]


# --- Experiences and the idea bank -------------------------------------------------------------

@races("PUT /api/experiences/<uuid:record_id>/reflection")
def test_reflections_at_once_keep_one_each_and_number_revisions_once(phones):
    ana, ana2, ben, _ = phones
    for _ in range(ROUNDS):
        item = new_record(ana, "experience", "/api/experiences")
        first = at_once(put(ana, f"{item}/reflection", {"text": "Lovely.", "joy": 5}),
                        put(ana2, f"{item}/reflection", {"text": "Nice.", "joy": 4}),
                        put(ben, f"{item}/reflection", {"text": "Calm.", "joy": 4}))
        assert statuses(first[:2]) == [200, 409]
        assert first[2].status_code == 200
        changes = at_once(put(ana, f"{item}/reflection", {"text": "A.", "joy": 3, "version": 1}),
                          put(ana2, f"{item}/reflection", {"text": "B.", "joy": 2, "version": 1}),
                          put(ben, f"{item}/reflection", {"text": "C.", "joy": 5, "version": 1}))
        assert statuses(changes[:2]) == [200, 409]
        assert changes[2].status_code == 200
        experience = ben.get(item).get_json()
        assert sorted(r["version"] for r in experience["reflections"]) == [2, 2]
        assert revision_numbers(ana, item) == [2, 3] == list(range(2, experience["version"] + 1))


@races("PUT /api/ideas/<string:idea_id>/pick", "PUT /api/ideas/<string:idea_id>/done",
       "DELETE /api/ideas/<string:idea_id>/pick")
def test_both_partners_picking_one_idea_at_once(phones):
    ana, _, ben, _ = phones
    ideas = [i["id"] for i in ana.get("/api/ideas").get_json()["ideas"]][:ROUNDS]
    for idea in ideas:
        for step in ("pick", "done"):
            answers = at_once(put(ana, f"/api/ideas/{idea}/{step}", None),
                              put(ben, f"/api/ideas/{idea}/{step}", None))
            assert statuses(answers) == [200, 200]
            assert answers[0].get_json()["picked_at"] == answers[1].get_json()["picked_at"]
        answers = at_once(delete(ana, f"/api/ideas/{idea}/pick"),
                          delete(ben, f"/api/ideas/{idea}/pick"))
        assert statuses(answers) == [204, 204]
    assert all(i["picked_at"] is None for i in ben.get("/api/ideas").get_json()["ideas"])


# --- Pauses ------------------------------------------------------------------------------------

@races("POST /api/pauses/<uuid:record_id>/end")
def test_both_ending_a_pause_at_once(phones):
    ana, _, ben, _ = phones
    for _ in range(ROUNDS):
        item = new_record(ana, "pause", "/api/pauses")
        answers = at_once(post(ana, f"{item}/end"), post(ben, f"{item}/end"))
        assert statuses(answers) == [200, 200]
        assert answers[0].get_json()["ended_at"] == answers[1].get_json()["ended_at"]


# --- Accounts, sessions, the space -------------------------------------------------------------

@races("POST /api/auth/register")
def test_one_email_registered_twice_at_once_is_one_account(app):
    for n in range(ROUNDS):
        devices = [ApiClient(app.test_client()) for _ in range(2)]
        email = f"twice{n}@example.org"
        answers = at_once(*(post(d, "/api/auth/register", d.register_body(
            email, display_name="Twice")) for d in devices))
        assert statuses(answers) == [202, 202]
        assert devices[0].login(email).status_code == 200


@races("POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/logout-everywhere")
def test_signing_in_and_out_at_once(app, person):
    person("ana")
    for _ in range(ROUNDS):
        devices = [ApiClient(app.test_client()) for _ in range(2)]
        answers = at_once(*(lambda d=d: d.login("ana@example.org") for d in devices))
        assert statuses(answers) == [200, 200]
        assert len(devices[0].get("/api/sessions").get_json()) >= 2
        answers = at_once(post(devices[0], "/api/auth/logout"),
                          post(devices[1], "/api/auth/logout-everywhere"))
        assert statuses(answers) == [204, 204]
        assert devices[1].get("/api/me").status_code == 401


@races("PATCH /api/me", "PUT /api/journey/discovery-date", "PATCH /api/space/me")
def test_my_settings_from_two_phones_at_once_end_as_one_of_them(phones):
    ana, ana2, _, _ = phones
    for n in range(ROUNDS):
        names = at_once(patch(ana, "/api/me", {"display_name": f"Ana {n}"}),
                        patch(ana2, "/api/me", {"display_name": f"Anna {n}"}))
        assert statuses(names) == [200, 200]
        assert ana.get("/api/me").get_json()["display_name"] in (f"Ana {n}", f"Anna {n}")
        days = at_once(put(ana, "/api/journey/discovery-date", {"date": f"2026-01-0{n + 1}"}),
                       put(ana2, "/api/journey/discovery-date", {"date": f"2026-02-0{n + 1}"}))
        assert statuses(days) == [200, 200]
        roles = at_once(patch(ana, "/api/space/me", {"role": "healing"}),
                        patch(ana2, "/api/space/me", {"role": "rebuilding"}))
        assert statuses(roles) == [200, 200]


@races("POST /api/me/password")
def test_two_password_changes_at_once_one_wins_and_the_other_phone_is_signed_out(phones, phone):
    ana, ana2, _, _ = phones
    for n in range(ROUNDS):
        answers = at_once(
            post(ana, "/api/me/password", ana.new_password_body(
                PASSWORD if n == 0 else f"{PASSWORD} {n}", f"{PASSWORD} a{n}")),
            post(ana2, "/api/me/password", ana2.new_password_body(
                PASSWORD if n == 0 else f"{PASSWORD} {n}", f"{PASSWORD} b{n}")))
        assert statuses(answers) == [204, 401]  # the loser's session ended with the old password
        kept = f"{PASSWORD} a{n}" if answers[0].status_code == 204 else f"{PASSWORD} b{n}"
        winner = ana if answers[0].status_code == 204 else ana2
        # Both phones sign in again with the password that was kept, for the next round.
        for device in (ana, ana2):
            if device is not winner:
                assert device.login("ana@example.org", password=kept).status_code == 200
        assert winner.change_password(kept, f"{PASSWORD} {n + 1}").status_code == 204
        assert (ana2 if winner is ana else ana).login(
            "ana@example.org", password=f"{PASSWORD} {n + 1}").status_code == 200


@races("POST /api/me/delete")
def test_deleting_my_account_from_two_phones_at_once(app, person, phone):
    for n in range(ROUNDS):
        first = person(f"gone{n}")
        second = phone(f"gone{n}")
        answers = at_once(post(first, "/api/me/delete", {"auth": first.auth(PASSWORD)}),
                          post(second, "/api/me/delete", {"auth": second.auth(PASSWORD)}))
        assert statuses(answers) == [204, 401]
        assert first.login(f"gone{n}@example.org").status_code == 401


@races("POST /api/auth/prelogin")
def test_asking_for_the_salt_at_once_answers_alike(app, person):
    person("ana")
    devices = [ApiClient(app.test_client()) for _ in range(2)]
    for email in ("ana@example.org", "nobody@example.org"):
        answers = at_once(*(post(d, "/api/auth/prelogin", {"email": email}) for d in devices))
        assert statuses(answers) == [200, 200]
        assert answers[0].get_json() == answers[1].get_json()


@races("POST /api/me/sealing")
def test_two_phones_moving_a_legacy_account_at_once_one_wins(app, phones):
    """Both phones of an account from before sealing move it at their sign-in: one journal key
    wins, the other phone is told and opens the winner's (signing in again takes its salt)."""
    ana, ana2, _, _ = phones
    for n in range(ROUNDS):
        make_legacy(app, "ana@example.org")
        ana.journal_key, ana2.journal_key = bytes([n + 1]) * 32, bytes([n + 101]) * 32
        answers = at_once(post(ana, "/api/me/sealing", ana.new_password_body(PASSWORD, PASSWORD)),
                          post(ana2, "/api/me/sealing", ana2.new_password_body(PASSWORD, PASSWORD)))
        assert statuses(answers) == [204, 409]
        assert the_loser(answers)["code"] == "already_sealed"
        winner = bytes([n + 1]) * 32 if answers[0].status_code == 204 else bytes([n + 101]) * 32
        for device in (ana, ana2):
            assert device.login("ana@example.org").status_code == 200
            assert device.journal_key == winner


@races("POST /api/me/journal-key")
def test_opening_the_journal_on_two_phones_at_once(phones):
    ana, ana2, _, _ = phones
    for _ in range(ROUNDS):
        answers = at_once(post(ana, "/api/me/journal-key", {"auth": ana.auth(PASSWORD)}),
                          post(ana2, "/api/me/journal-key", {"auth": ana2.auth(PASSWORD)}))
        assert statuses(answers) == [200, 200]
        assert answers[0].get_json() == answers[1].get_json()


@races("POST /api/me/reauthenticate")
def test_confirming_the_password_on_two_phones_at_once(phones):
    ana, ana2, _, _ = phones
    for _ in range(ROUNDS):
        answers = at_once(post(ana, "/api/me/reauthenticate", {"auth": ana.auth(PASSWORD)}),
                          post(ana2, "/api/me/reauthenticate", {"auth": ana2.auth(PASSWORD)}))
        assert statuses(answers) == [200, 200]


@races("DELETE /api/sessions/<uuid:session_id>")
def test_two_phones_ending_a_third_session_at_once(phones, phone):
    ana, ana2, _, _ = phones
    for _ in range(ROUNDS):
        third = phone("ana")
        session_id = next(s["id"] for s in third.get("/api/sessions").get_json() if s["current"])
        answers = at_once(delete(ana, f"/api/sessions/{session_id}"),
                          delete(ana2, f"/api/sessions/{session_id}"))
        assert statuses(answers) == [204, 404]  # the second finds it ended: not a live session
        assert third.get("/api/me").status_code == 401


@races("POST /api/space")
def test_starting_two_spaces_at_once_makes_one(app, person, phone):
    for n in range(ROUNDS):
        first, second = person(f"starter{n}"), phone(f"starter{n}")
        answers = at_once(post(first, "/api/space", {"role": "healing"}),
                          post(second, "/api/space", {"role": "healing"}))
        assert statuses(answers) == [201, 409]
        assert the_loser(answers)["code"] == "already_in_space"


@races("POST /api/space/invite")
def test_two_new_invites_at_once_leave_one_that_works(app, person, phone):
    for n in range(ROUNDS):
        first = person(f"inviter{n}")
        second = phone(f"inviter{n}")
        assert first.post("/api/space", {"role": "healing"}).status_code == 201
        answers = at_once(post(first, "/api/space/invite"), post(second, "/api/space/invite"))
        assert statuses(answers) == [201, 201]
        live = first.get("/api/space").get_json()["invite"]["code"]
        assert live in {a.get_json()["code"] for a in answers}
        stale = next(a.get_json()["code"] for a in answers if a.get_json()["code"] != live) \
            if answers[0].get_json()["code"] != answers[1].get_json()["code"] else None
        joiner = person(f"joiner{n}")
        if stale:
            assert joiner.post("/api/space/join", {"code": stale}).status_code == 410
        assert joiner.post("/api/space/join", {"code": live}).status_code == 200


@races("POST /api/space/join")
def test_two_people_with_one_code_at_once_only_one_joins(app, person):
    for n in range(ROUNDS):
        host = person(f"host{n}")
        code = host.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
        joiners = [person(f"guest{n}-{k}") for k in range(3)]
        answers = at_once(*(post(j, "/api/space/join", {"code": code}) for j in joiners))
        assert statuses(answers) == [200, 409, 409]  # as one moment later: the space is full
        assert {error_of(a)["code"] for a in answers if a.status_code == 409} == {"space_full"}
        assert len(host.get("/api/space").get_json()["members"]) == 2


@races("POST /api/space/leave")
def test_both_leaving_at_once_ends_the_space_once(app, person):
    for n in range(ROUNDS):
        ana, ben = person(f"leaver{n}"), person(f"stayer{n}")
        code = ana.post("/api/space", {"role": "healing"}).get_json()["invite"]["code"]
        assert ben.post("/api/space/join", {"code": code}).status_code == 200
        answers = at_once(post(ana, "/api/space/leave"), post(ben, "/api/space/leave"))
        assert statuses(answers) == [204, 404]  # the second has no space left to leave
        assert the_loser(answers, 404)["code"] == "no_space"


# --- Push --------------------------------------------------------------------------------------

@races("POST /api/push/subscriptions", "DELETE /api/push/subscriptions/<uuid:subscription_id>",
       "POST /api/push/unsubscribe", "PUT /api/push/preferences")
def test_one_device_subscribing_and_leaving_twice_at_once(phones):
    ana, ana2, _, _ = phones
    for _ in range(ROUNDS):
        body = push_subscription()
        answers = at_once(post(ana, "/api/push/subscriptions", body),
                          post(ana2, "/api/push/subscriptions", body))
        assert statuses(answers) == [200, 201]
        devices = ana.get("/api/push/subscriptions").get_json()
        assert [d["id"] for d in devices] == [answers[0].get_json()["id"]] == [
            answers[1].get_json()["id"]]
        gone = at_once(delete(ana, f"/api/push/subscriptions/{devices[0]['id']}"),
                       delete(ana2, f"/api/push/subscriptions/{devices[0]['id']}"))
        assert statuses(gone) == [204, 404]
        body = push_subscription()
        assert ana.post("/api/push/subscriptions", body).status_code == 201
        left = at_once(post(ana, "/api/push/unsubscribe", {"endpoint": body["endpoint"]}),
                       post(ana2, "/api/push/unsubscribe", {"endpoint": body["endpoint"]}))
        assert statuses(left) == [204, 204]
        assert ana.get("/api/push/subscriptions").get_json() == []
        quiet = {"acknowledged": True, "answered": True, "consent": False, "pause": True,
                 "quiet_from": "22:00", "quiet_until": "07:00", "time_zone": "Europe/Berlin"}
        prefs = at_once(put(ana, "/api/push/preferences", quiet),
                        put(ana2, "/api/push/preferences", quiet))
        assert statuses(prefs) == [200, 200]


# --- Every route that writes is raced above ----------------------------------------------------

def test_every_write_route_is_raced(app):
    writes = {f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api")
              for method in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}}
    assert writes - RACED - _shared_routes(app) == set()
    assert RACED - writes == set()  # nothing here names a route that is gone


# --- A question for today (the two partners' reveal race: tests/test_daily_question.py) --------

@races("PUT /api/daily/answers/<uuid:answer_id>")
def test_one_answer_a_day_and_one_revision_per_version(phones):
    ana, ana2, ben, _ = phones
    for back in range(ROUNDS):
        day = (date.today() - timedelta(days=back)).isoformat()
        prompt = ana.get(f"/api/daily/today?day={day}").get_json()["prompt"]["id"]
        body = {"day": day, "prompt_id": prompt, "occurred_at": f"{day}T20:00:00+00:00"}
        answers = at_once(put(ana, f"/api/daily/answers/{uuid.uuid4()}", {**body, "text": "A"}),
                          put(ana2, f"/api/daily/answers/{uuid.uuid4()}", {**body, "text": "B"}))
        assert statuses(answers) == [201, 409]
        assert the_loser(answers)["code"] == "already_answered"
        mine = next(a for a in answers if a.status_code == 201).get_json()["mine"]
        item, text = f"/api/daily/answers/{mine['id']}", mine["text"]
        revised = at_once(*(put(device, item, {**body, "text": f"{text} {n}", "version": 1})
                            for n, device in enumerate((ana, ana2))))
        assert statuses(revised) == [201, 409]
        assert the_loser(revised)["code"] == "stale_version"
        assert ben.request("PUT", f"/api/daily/answers/{uuid.uuid4()}",
                           json={**body, "text": "Mine."}).status_code == 201
        seen = ben.get(f"/api/daily/today?day={day}").get_json()["partner"]
        assert [r["version"] for r in seen["revisions"]] == [2] and seen["version"] == 2
