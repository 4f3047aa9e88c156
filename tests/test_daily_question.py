"""A question for today: neither partner sees the other's answer until both have answered, then
both see both; skipping leaves nothing; a prompt never comes back within a year."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

from helpers import at_once, error_of, push_subscription
from sqlalchemy import select
from test_privacy import all_logs, everything_in  # noqa: F401 (all_logs is a fixture)

from server.daily import choice
from server.daily.bank import BY_ID, PARTS, PROMPTS, WEIGHTS
from server.daily.models import DailyQuestion
from server.extensions import db
from server.push.models import Delivery


def today() -> date:
    return datetime.now(UTC).date()


def question(phone, day=None) -> dict:
    response = phone.get(f"/api/daily/today?day={day or today()}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def answer_body(phone, text, day=None, **extra) -> dict:
    day = day or today()
    return {"day": day.isoformat(), "prompt_id": question(phone, day)["prompt"]["id"],
            "text": text, "occurred_at": datetime.now().astimezone().isoformat(), **extra}


def answer(phone, text, day=None, answer_id=None, **extra):
    return phone.request("PUT", f"/api/daily/answers/{answer_id or uuid.uuid4()}",
                         json=answer_body(phone, text, day, **extra))


def everything_ben_can_read(app, ben) -> str:
    """Every GET /api route without parameters, and both exports, as Ben receives them."""
    answers = [ben.get(rule.rule) for rule in app.url_map.iter_rules()
               if "GET" in rule.methods and rule.rule.startswith("/api/") and not rule.arguments]
    ben.reauthenticate()
    answers += [ben.get("/api/export"), ben.get("/api/export/readable"),
                ben.get(f"/api/daily/today?day={today()}")]
    return "\n".join(everything_in(a) for a in answers)


def test_the_bank_has_every_part_in_both_weights():
    assert len(PROMPTS) >= 378 and len(BY_ID) == len(PROMPTS)
    assert {(p.part, p.weight) for p in PROMPTS} == {(part, weight) for part in PARTS
                                                    for weight in WEIGHTS}
    for part in PARTS:
        for weight in WEIGHTS:
            ids = [p.id for p in PROMPTS if (p.part, p.weight) == (part, weight)]
            # 27 of each, numbered in order: the ids answers name never move.
            assert ids == [f"{part}-{weight}-{n:02d}" for n in range(1, len(ids) + 1)]
            assert len(ids) >= 27


def test_every_prompt_is_its_own_short_question():
    def plain(text):
        return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())

    assert len({plain(p.text) for p in PROMPTS}) == len(PROMPTS)
    assert all("?" in p.text and len(p.text.split()) <= 20 for p in PROMPTS)


def test_both_partners_get_the_same_prompt(couple):
    ana, ben = couple
    mine, theirs = question(ana), question(ben)
    assert mine["prompt"] == theirs["prompt"] and mine["prompt"]["id"] in BY_ID
    assert (mine["mine"], mine["partner"], mine["partner_answered"]) == (None, None, False)


def test_before_both_answered_the_partners_words_reach_nobody(app, couple, all_logs):  # noqa: F811
    ana, ben = couple
    assert ben.post("/api/push/subscriptions", push_subscription()).status_code == 201
    secret = f"canary {uuid.uuid4().hex}"
    made = answer(ana, secret)
    assert made.status_code == 201 and made.get_json()["mine"]["text"] == secret
    assert made.get_json()["partner"] is None

    seen_by_ben = question(ben)
    assert seen_by_ben["partner_answered"] is True and seen_by_ben["partner"] is None
    assert secret not in everything_ben_can_read(app, ben)
    # Ben cannot take Ana's answer by its id either: it is not there for him.
    taken = ben.request("PUT", f"/api/daily/answers/{made.get_json()['mine']['id']}",
                        json=answer_body(ben, secret))
    assert taken.status_code == 404 and secret not in everything_in(taken)
    with app.app_context():
        pushed = db.session.scalars(select(Delivery)).all()
    assert [d.kind for d in pushed] == ["daily"]
    assert secret not in pushed[0].payload and "Today's question has an answer" in pushed[0].payload
    assert secret not in all_logs.text


def test_the_push_for_an_answer_can_be_switched_off(app, couple):
    ana, ben = couple
    assert ben.post("/api/push/subscriptions", push_subscription()).status_code == 201
    switches = {**ben.get("/api/push/preferences").get_json(), "daily": False}
    assert ben.request("PUT", "/api/push/preferences", json=switches).status_code == 200
    answer(ana, "Quietly.")
    with app.app_context():
        assert db.session.scalars(select(Delivery)).all() == []


def test_once_both_answered_both_see_both(couple):
    ana, ben = couple
    answer(ana, "The walk on Sunday.")
    assert answer(ben, "When you listened without fixing.").status_code == 201
    for phone, own, other in ((ana, "The walk on Sunday.", "When you listened without fixing."),
                              (ben, "When you listened without fixing.", "The walk on Sunday.")):
        day = question(phone)
        assert (day["mine"]["text"], day["partner"]["text"]) == (own, other)
        assert day["revealed_at"] is not None
        assert [d["partner"]["text"] for d in phone.get("/api/daily/answered").get_json()] == [
            other]
        assert [d["partner"]["text"] for d in phone.export().get_json()[
            "questions_for_today"]] == [other]


def test_after_leaving_each_keeps_their_own_answers_without_the_former_partners(couple):
    ana, ben = couple
    answer(ana, "My words stay mine.")
    answer(ben, "So do mine.")
    assert ben.post("/api/space/leave").status_code == 204
    for phone, own in ((ana, "My words stay mine."), (ben, "So do mine.")):
        days = phone.get("/api/daily/answered").get_json()
        assert [(d["mine"]["text"], d["partner"]) for d in days] == [(own, None)]
        assert phone.get("/api/daily/today").status_code == 404


def test_answers_arriving_at_the_same_moment_reveal_exactly_once(app, couple):
    ana, ben = couple
    for back in range(6):
        day = today() - timedelta(days=back)
        bodies = [answer_body(phone, f"{name} on day {back}", day)
                  for name, phone in (("ana", ana), ("ben", ben))]
        answers = at_once(*(lambda phone=phone, body=body: phone.request(
            "PUT", f"/api/daily/answers/{uuid.uuid4()}", json=body)
            for phone, body in zip((ana, ben), bodies, strict=True)))
        assert [a.status_code for a in answers] == [201, 201]
        assert question(ana, day)["partner"]["text"] == f"ben on day {back}"
        assert question(ben, day)["partner"]["text"] == f"ana on day {back}"
    with app.app_context():
        days = db.session.scalars(select(DailyQuestion)).all()
    # Made by one answer, moved on by each: the reveal was one step, taken once.
    assert sorted((d.version, d.revealed_at is not None) for d in days) == [(3, True)] * 6


def test_a_revised_answer_keeps_its_history_for_both(couple):
    ana, ben = couple
    first = answer(ana, "Tired.").get_json()["mine"]
    revised = answer(ana, "Tired, and hopeful.", answer_id=first["id"], version=1)
    assert revised.status_code == 201
    stale = answer(ana, "Something else.", answer_id=first["id"], version=1)
    assert stale.status_code == 409 and error_of(stale)["code"] == "stale_version"
    answer(ben, "Steady.")
    theirs = question(ben)["partner"]
    assert (theirs["text"], theirs["version"]) == ("Tired, and hopeful.", 2)
    assert [(r["version"], r["text_before"]) for r in theirs["revisions"]] == [(2, "Tired.")]


def test_a_replayed_answer_changes_nothing_and_a_second_answer_is_refused(couple):
    ana, _ = couple
    answer_id = uuid.uuid4()
    body = answer_body(ana, "Once.")
    first = ana.request("PUT", f"/api/daily/answers/{answer_id}", json=body)
    again = ana.request("PUT", f"/api/daily/answers/{answer_id}", json=body)
    assert again.status_code == 201 and again.get_json() == first.get_json()
    other = answer(ana, "Twice.")
    assert other.status_code == 409 and error_of(other)["code"] == "already_answered"


def test_skipping_a_day_leaves_no_mark(couple):
    ana, ben = couple
    answer(ana, "Yesterday's words.", today() - timedelta(days=1))
    assert question(ben)["partner_answered"] is False
    assert [d["day"] for d in ben.get("/api/daily/answered").get_json()] == []


def test_a_prompt_never_comes_back_within_a_year(app, couple):
    """A couple who answer every day of a leap year's length get 366 prompts, none of them
    twice, and a setback the day after still finds a light one not had within the year."""
    ana, ben = couple
    space_id = uuid.UUID(ana.get("/api/space").get_json()["id"])
    year = [today() - timedelta(days=n) for n in range(366, 0, -1)]  # up to yesterday
    with app.app_context():
        for day in year:  # a day's row is what its first answer leaves
            db.session.add(DailyQuestion(space_id=space_id, day=day,
                                         prompt_id=choice.prompt_for(space_id, day).id))
            db.session.flush()
        db.session.commit()
        had = dict(db.session.execute(select(DailyQuestion.day, DailyQuestion.prompt_id)).all())
    assert len(set(had.values())) == len(year) == 366

    an_hour_ago = datetime.now().astimezone() - timedelta(hours=1)
    setback = {"what_happened": "A hard evening.", "occurred_at": an_hour_ago.isoformat()}
    assert ana.request("PUT", f"/api/setbacks/{uuid.uuid4()}", json=setback).status_code == 201
    day = question(ben)
    assert day["gentle"] is True and day["prompt"]["weight"] == "light"
    # The first day's prompt may come back 366 days later; no other of that year may.
    assert day["prompt"]["id"] not in {had[d] for d in year[1:]}


def test_after_a_setback_the_questions_are_light(couple):
    ana, ben = couple
    ten_days_ago = datetime.now().astimezone() - timedelta(days=10)
    setback = {"what_happened": "A hard evening.", "occurred_at": ten_days_ago.isoformat()}
    assert ana.request("PUT", f"/api/setbacks/{uuid.uuid4()}", json=setback).status_code == 201
    for back in range(8):  # the days after it: gentle for two weeks
        day = question(ben, today() - timedelta(days=back))
        assert day["gentle"] is True and day["prompt"]["weight"] == "light"
