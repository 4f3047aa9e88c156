"""A write the server refuses with 409 (it changed meanwhile) is kept and shown with both
versions until the person decides; it is never dropped, not even by a reload."""

import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_stale_edit_is_kept_and_shown_with_both_versions(couple, scheme):
    ana, _ = couple(scheme)
    checkin = str(uuid.uuid4())
    ana.json("PUT", f"/api/checkins/{checkin}", {
        "feelings": ["hope"], "want_you_to_know": "First words",
        "occurred_at": datetime.now(UTC).isoformat()}, status=201)
    page = ana.open("/today")
    expect(page.get_by_test_id("my-checkin")).to_contain_text("First words")

    # This phone edits version 1 (as an edit screen puts it in the outbox) while another device
    # of Ana's already saved version 2.
    ana.json("PATCH", f"/api/checkins/{checkin}",
             {"want_you_to_know": "Words from my laptop", "version": 1}, status=200)
    ana.evaluate(PUT_OUTBOX, [{
        "method": "PATCH", "url": f"/api/checkins/{checkin}", "label": "Check-in edit",
        "body": {"want_you_to_know": "Words from my phone", "version": 1},
        "createdAt": datetime.now(UTC).isoformat(), "state": "waiting"}])
    ana.evaluate("() => dispatchEvent(new Event('online'))")

    problem = page.get_by_test_id("sync-problem")
    expect(problem).to_contain_text("This changed somewhere else")
    expect(problem).to_contain_text("Words from my phone")
    expect(problem).to_contain_text("Words from my laptop")
    page.reload()
    expect(problem).to_contain_text("Words from my phone")
    assert [entry["state"] for entry in ana.evaluate(READ_OUTBOX)] == ["conflict"]
    ana.screenshot("14-sync-conflict", scheme)

    problem.get_by_role("button", name="Keep mine").click()
    expect(problem).to_have_count(0)
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [])
    stored = ana.json("GET", f"/api/checkins/{checkin}", status=200)
    assert (stored["version"], stored["want_you_to_know"]) == (3, "Words from my phone")


def test_keep_mine_for_an_answer_bases_it_on_the_latest_answer(couple):
    """Answers name the answer they revise (`based_on`), not a record version: keeping mine
    after another device answered adds mine as the newest answer, the other one kept."""
    ana, ben = couple()
    question = str(uuid.uuid4())
    ana.json("PUT", f"/api/questions/{question}", {
        "text": "Where were you on Friday?", "occurred_at": datetime.now(UTC).isoformat()},
        status=201)
    page = ben.open("/today")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    ben.json("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}",
             {"text": "From my laptop", "based_on": 0}, status=201)
    ben.evaluate(PUT_OUTBOX, [{
        "method": "PUT", "url": f"/api/questions/{question}/answers/{uuid.uuid4()}",
        "label": "Answer", "body": {"text": "From my phone", "based_on": 0},
        "createdAt": datetime.now(UTC).isoformat(), "state": "waiting"}])
    ben.evaluate("() => dispatchEvent(new Event('online'))")

    problem = page.get_by_test_id("sync-problem")
    expect(problem).to_contain_text("This changed somewhere else")
    problem.get_by_role("button", name="Keep mine").click()
    expect(problem).to_have_count(0)
    eventually(lambda: ben.evaluate(READ_OUTBOX) == [])
    answers = ben.json("GET", f"/api/questions/{question}", status=200)["answers"]
    assert [a["text"] for a in answers] == ["From my laptop", "From my phone"]
