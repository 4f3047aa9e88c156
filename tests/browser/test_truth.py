"""The Truth tab (issue 7): the question ledger on two phones. A question asked, answered and
revised through the screens; needs time with a come-back date, a follow-up, the asker's
response; an offline run whose writes arrive exactly once however often the outbox is replayed;
every state of the screen checked and kept in light and dark."""

import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually, shoot

SCHEMES = ["light", "dark"]
QUESTION = "Were there other times you lied about where you were?"


def synced(phone):
    expect(phone.page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)


def question_on_server(phone, question_id):
    return phone.json("GET", f"/api/questions/{question_id}", status=200)


def only_question(phone):
    items = phone.json("GET", "/api/questions?limit=100", status=200)["items"]
    assert len(items) == 1, items
    return items[0]


def ask_by_api(phone, text=QUESTION):
    question_id = str(uuid.uuid4())
    phone.json("PUT", f"/api/questions/{question_id}",
               {"text": text, "occurred_at": "2026-11-24T21:05:00+01:00"}, status=201)
    return question_id


def shoot_at(phone, name, scheme, heading):
    """shoot(), with the part of the screen under `heading` scrolled into view."""
    phone.page.get_by_role("heading", name=heading, exact=True).scroll_into_view_if_needed()
    shoot(phone, name, scheme, heading)


def open_question(phone, text):
    phone.page.get_by_role("link", name=text).click()
    expect(phone.page.get_by_test_id("question")).to_contain_text(text)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_revised_answer_shows_the_asker_both_versions_with_their_times(couple, scheme):
    ana, ben = couple(scheme)
    page = ana.open("/truth")
    expect(page.get_by_test_id("to-answer")).to_contain_text("Nothing is waiting")
    expect(page.get_by_text("Ask what you truly need to know; a question can wait until you "
                            "are ready for its answer.")).to_be_visible()
    shoot(ana, "truth-empty", scheme, "Ask Ben a question")

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.get_by_test_id("waiting-on")).to_contain_text(QUESTION)
    synced(ana)
    expect(page.get_by_test_id("waiting-on")).to_contain_text("Not answered yet")
    shoot_at(ana, "truth-waiting-on-partner", scheme, "Waiting on Ben")
    asked = only_question(ana)
    assert (asked["text"], asked["state"], asked["is_mine"]) == (QUESTION, "open", True)

    ben_page = ben.open("/truth")
    expect(ben_page.get_by_test_id("to-answer")).to_contain_text(QUESTION)
    expect(ben_page.get_by_test_id("to-answer")).to_contain_text("Ana asked")
    shoot_at(ben, "truth-to-answer", scheme, "For you to answer")
    open_question(ben, QUESTION)
    shoot_at(ben, "truth-answer-form", scheme, "Answer this question")

    ben_page.get_by_label("Your answer", exact=True).fill("Yes. Twice, in the spring.")
    ben_page.get_by_role("button", name="Share my answer").click()
    expect(ben_page.get_by_test_id("answer-version")).to_have_count(1)
    synced(ben)
    revised = ben_page.get_by_label("Your answer, revised")
    expect(revised).to_have_value("Yes. Twice, in the spring.")  # starts from the latest words
    revised.fill("Yes. Three times, in the spring and once in June. I am sorry.")
    ben_page.get_by_role("button", name="Share the revised answer").click()
    expect(ben_page.get_by_test_id("answer-version")).to_have_count(2)
    synced(ben)
    shoot_at(ben, "truth-revise-form", scheme, "Add to or correct your answer")

    answers = question_on_server(ana, asked["id"])["answers"]
    assert [(a["number"], a["text"]) for a in answers] == [
        (1, "Yes. Twice, in the spring."),
        (2, "Yes. Three times, in the spring and once in June. I am sorry.")]

    page = ana.open(f"/truth/{asked['id']}")
    versions = page.get_by_test_id("answer-version")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("First answer")
    expect(versions.nth(0)).to_contain_text("Yes. Twice, in the spring.")
    expect(versions.nth(1)).to_contain_text("Revision 1")
    expect(versions.nth(1)).to_contain_text("once in June")
    expect(versions.nth(1)).to_contain_text("latest")
    for version, answer in zip(versions.all(), answers, strict=True):
        moment = version.locator("time")
        expect(moment).to_have_attribute("datetime", answer["created_at"])
        assert moment.inner_text().strip()  # the time in words, not just in the attribute
    shoot_at(ana, "truth-both-versions", scheme, "Every version of the answer")

    page.get_by_role("link", name="← All questions").click()
    expect(page.get_by_test_id("settled")).to_contain_text(QUESTION)
    expect(page.get_by_test_id("settled")).to_contain_text("Answered")
    expect(page.get_by_test_id("waiting-on")).to_contain_text("None of your questions")
    shoot_at(ana, "truth-answered-list", scheme, "Answered and set aside")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_needs_time_a_follow_up_and_the_askers_response(couple, scheme):
    ana, ben = couple(scheme)
    question_id = ask_by_api(ana)
    come_back = date.today() + timedelta(days=10)

    ben_page = ben.open(f"/truth/{question_id}")
    expect(ben_page.get_by_test_id("question")).to_contain_text(QUESTION)
    shoot_at(ben, "truth-needs-time-form", scheme, "Not ready to answer yet?")
    ben_page.get_by_label("I will come back to it by").fill(come_back.isoformat())
    ben_page.get_by_role("button", name="I need time").click()
    expect(ben_page.get_by_test_id("state-note")).to_contain_text("You asked for time")
    expect(ben_page.get_by_role("heading", name="Not ready to answer yet?")).to_have_count(0)
    synced(ben)
    seen = question_on_server(ben, question_id)
    assert (seen["state"], seen["needs_time_until"]) == ("needs_time", come_back.isoformat())
    expect(ben_page.get_by_test_id("state-note").locator("time")).to_have_attribute(
        "datetime", come_back.isoformat())

    # The come-back date can move; the asker sees the new one.
    later = come_back + timedelta(days=3)
    expect(ben_page.get_by_role("button", name="Change the date")).to_be_disabled()
    shoot_at(ben, "truth-more-time", scheme, "Need more time?")
    ben_page.get_by_label("I will come back to it by").fill(later.isoformat())
    ben_page.get_by_role("button", name="Change the date").click()
    expect(ben_page.get_by_test_id("state-note").locator("time")).to_have_attribute(
        "datetime", later.isoformat())
    synced(ben)
    assert question_on_server(ben, question_id)["needs_time_until"] == later.isoformat()

    page = ana.open(f"/truth/{question_id}")
    note = page.get_by_test_id("state-note")
    expect(note).to_contain_text("Ben asked for time and will come back to it by")
    expect(note.locator("time")).to_have_attribute("datetime", later.isoformat())
    shoot_at(ana, "truth-needs-time", scheme, "Your question")
    page.get_by_role("link", name="← All questions").click()
    expect(page.get_by_test_id("waiting-on")).to_contain_text("Ben asked for time, until")

    ben_page.reload()
    ben_page.get_by_label("Your answer", exact=True).fill("It was someone from work.")
    ben_page.get_by_role("button", name="Share my answer").click()
    expect(ben_page.get_by_test_id("answer-version")).to_have_count(1)
    synced(ben)

    page = ana.open(f"/truth/{question_id}")
    expect(page.get_by_test_id("answer-version")).to_contain_text("It was someone from work.")
    shoot_at(ana, "truth-did-it-help", scheme, "Did this answer help?")
    page.get_by_role("button", name="I still have questions").click()
    expect(page.get_by_test_id("response")).to_contain_text("You said: “I still have questions.”")
    shoot_at(ana, "truth-still-questions", scheme, "Ask again, with a follow-up")
    page.get_by_label("Your follow-up").fill("Do I know them?")
    page.get_by_role("button", name="Ask again").click()
    expect(page.get_by_test_id("follow-up")).to_contain_text("Do I know them?")
    synced(ana)
    seen = question_on_server(ana, question_id)
    assert (seen["state"], seen["follow_up"], seen["asker_response"]) == (
        "open", "Do I know them?", "still_questions")

    ben_page.reload()
    expect(ben_page.get_by_test_id("follow-up")).to_contain_text("Do I know them?")
    expect(ben_page.get_by_label("Your answer, revised")).to_be_visible()
    shoot_at(ben, "truth-follow-up", scheme, "Add to or correct your answer")
    ben_page.get_by_label("Your answer, revised").fill(
        "It was someone from work. Yes, you have met them, at the summer party.")
    ben_page.get_by_role("button", name="Share the revised answer").click()
    expect(ben_page.get_by_test_id("answer-version")).to_have_count(2)
    synced(ben)

    page.reload()
    expect(page.get_by_test_id("answer-version")).to_have_count(2)
    page.get_by_role("button", name="This helped").click()
    expect(page.get_by_test_id("response")).to_contain_text("You said: “This helped.”")
    synced(ana)
    assert question_on_server(ben, question_id)["asker_response"] == "helped"

    page.get_by_role("button", name="Set it aside for now").click()
    expect(page.get_by_test_id("state-note")).to_contain_text("Set aside for now")
    synced(ana)
    shoot_at(ana, "truth-set-aside", scheme, "Set aside")
    assert question_on_server(ben, question_id)["state"] == "parked"
    page.get_by_role("button", name="Bring it back").click()
    expect(page.get_by_role("heading", name="Too much right now?")).to_be_visible()
    synced(ana)
    assert question_on_server(ben, question_id)["state"] == "answered"

    page.reload()
    history = page.get_by_test_id("history")
    for step in ("You asked", "Ben asked for time, until", "Ben asked for time, until",
                 "Ben answered",
                 "You still have questions", "You asked a follow-up: “Do I know them?”",
                 "Ben answered again", "You said this helped",
                 "You set the question aside for now", "You brought the question back"):
        expect(history).to_contain_text(step)
    expect(history.locator("li")).to_have_count(10)  # asked + nine steps
    expect(history.locator("li time")).to_have_count(10)  # each with its time
    shoot_at(ana, "truth-history", scheme, "What happened, and when")
    ben_page.reload()  # the same history, in Ben's words
    expect(ben_page.get_by_test_id("history")).to_contain_text("Ana still has questions")
    expect(ben_page.get_by_test_id("history")).to_contain_text("You answered again")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_offline_ask_answer_and_respond_arrive_once_and_replays_add_nothing(couple, scheme):
    ana, ben = couple(scheme)
    page = ana.open("/truth")
    # Seen once online, the partner's name is kept for the offline screen.
    expect(page.get_by_role("heading", name="Waiting on Ben")).to_be_visible()
    ana.wait_for_service_worker()

    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Offline · kept on this phone")).to_be_visible()
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask", exact=True).click()
    waiting_on = page.get_by_test_id("waiting-on")
    expect(waiting_on).to_contain_text(QUESTION)
    expect(waiting_on).to_contain_text("Waiting to sync")
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (1)")
    shoot_at(ana, "truth-offline-asked", scheme, "Waiting on Ben")
    ana_writes = ana.evaluate(READ_OUTBOX)
    assert [(e["method"], e["url"].count("/")) for e in ana_writes] == [("PUT", 3)]
    ana.context.set_offline(False)
    synced(ana)
    question_id = only_question(ana)["id"]
    assert ana_writes[0]["url"] == f"/api/questions/{question_id}"

    ben_page = ben.open(f"/truth/{question_id}")
    expect(ben_page.get_by_test_id("question")).to_contain_text(QUESTION)
    ben.wait_for_service_worker()
    ben.context.set_offline(True)
    ben_page.reload()
    expect(ben_page.get_by_text("Offline · kept on this phone")).to_be_visible()
    ben_page.get_by_label("Your answer", exact=True).fill("Yes, once more, last winter.")
    ben_page.get_by_role("button", name="Share my answer").click()
    version = ben_page.get_by_test_id("answer-version")
    expect(version).to_contain_text("Yes, once more, last winter.")
    expect(version).to_contain_text("Waiting to sync")
    shoot_at(ben, "truth-offline-answered", scheme, "Answer")
    ben_writes = ben.evaluate(READ_OUTBOX)
    ben.context.set_offline(False)
    synced(ben)
    assert len(question_on_server(ben, question_id)["answers"]) == 1

    page.reload()
    expect(page.get_by_test_id("settled")).to_contain_text(QUESTION)
    page.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_test_id("answer-version")).to_contain_text("last winter")
    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Offline · kept on this phone")).to_be_visible()
    page.get_by_role("button", name="This helped").click()
    expect(page.get_by_test_id("response")).to_contain_text("You said: “This helped.”")
    expect(page.get_by_test_id("answers").get_by_test_id("waiting")).to_be_visible()
    shoot_at(ana, "truth-offline-responded", scheme, "Answer")
    responded = ana.evaluate(READ_OUTBOX)
    assert [e["method"] for e in responded] == ["POST"]
    ana_writes += responded
    ana.context.set_offline(False)
    synced(ana)
    settled = question_on_server(ana, question_id)
    assert settled["asker_response"] == "helped"

    # Replaying every write, on both phones, as on `online`: nothing new on the server.
    for phone, writes in ((ana, ana_writes), (ben, ben_writes)):
        phone.evaluate(PUT_OUTBOX, writes)
        phone.evaluate("() => dispatchEvent(new Event('online'))")
        eventually(lambda phone=phone: phone.evaluate(READ_OUTBOX) == [],
                   message="the outbox was never sent again")
        expect(phone.page.get_by_test_id("sync-problem")).to_have_count(0)
    after = only_question(ana)
    assert after["id"] == question_id
    assert [a["text"] for a in after["answers"]] == ["Yes, once more, last winter."]
    assert (after["version"], after["asker_response"]) == (settled["version"], "helped")
    revisions = ana.json("GET", f"/api/questions/{question_id}/revisions", status=200)
    assert len(revisions) == 2  # answered, then "this helped": nothing twice


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_withdrawn_question_stays_as_a_trace_and_an_unknown_one_is_not_shown(couple, scheme):
    ana, ben = couple(scheme)
    question_id = ask_by_api(ana)
    ana.json("DELETE", f"/api/questions/{question_id}", status=200)

    page = ben.open("/truth")
    settled = page.get_by_test_id("settled")
    expect(settled).to_contain_text("A withdrawn question")
    expect(settled).to_contain_text("Withdrawn by the person who asked")
    expect(page.get_by_test_id("to-answer")).to_contain_text("Nothing is waiting")
    page.get_by_role("link", name="A withdrawn question").click()
    expect(page.get_by_test_id("question")).to_contain_text("This question was withdrawn")
    expect(page.get_by_test_id("question")).not_to_contain_text(QUESTION)
    expect(page.get_by_role("button", name="Share my answer")).to_have_count(0)
    expect(page.get_by_role("button", name="I need time")).to_have_count(0)
    shoot_at(ben, "truth-withdrawn", scheme, "Ana’s question")

    ben.open(f"/truth/{uuid.uuid4()}")
    expect(page.get_by_role("heading", name="This question is not here")).to_be_visible()
    shoot_at(ben, "truth-not-here", scheme, "This question is not here")
