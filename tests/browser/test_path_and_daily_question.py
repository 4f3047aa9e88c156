"""The path and a question for today, two partners at 390×844 through visible words: each reads
the part for their role and lands in the right screen from an exercise; both answer today's
question (Ben offline), and each sees the other's answer only once both are in."""

import re

from playwright.sync_api import expect

from browser.phones import eventually, shoot
from browser.test_journal_privacy import EVERY_INDEXEDDB

ANAS_WORDS = "The morning you made tea without being asked."
BENS_WORDS = "When you told me about your sister's call."


def open_part(page, title):
    page.get_by_role("button", name=title).click()
    return page


def test_each_partner_reads_their_part_and_an_exercise_opens_its_screen(couple):
    ana, ben = couple()
    page = ana.open("/today")
    page.get_by_role("link", name="The path: the seven parts of the work").click()
    expect(page.get_by_role("heading", name="The path")).to_be_visible()
    expect(page.get_by_text("not steps to finish or locked")).to_be_visible()
    open_part(page, "Clear boundaries and agreements")
    expect(page.get_by_role("heading", name="For the one healing (you)")).to_be_visible()
    expect(page.get_by_role("heading", name="For the one rebuilding trust")).to_be_visible()
    # Every control a finger's size, nothing sideways, no serious accessibility finding.
    shoot(ana, "path", "light", "The path")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Propose an agreement").click()
    expect(page).to_have_url(re.compile(r"/together/agreements$"))
    expect(page.get_by_role("heading", name="Agreements")).to_be_visible()

    page = ben.open("/journey/path")
    open_part(page, "Face the full truth")
    expect(page.get_by_role("heading", name="For the one rebuilding trust (you)")).to_be_visible()
    expect(page.get_by_text("Answer what is asked")).to_be_visible()
    page.get_by_role("link", name="Write down one question that is on your mind").click()
    expect(page.get_by_role("heading", name="Truth", exact=True)).to_be_visible()


def test_neither_sees_the_other_answer_until_both_answered_one_offline(couple):
    ana, ben = couple()
    a = ana.open("/today")
    expect(a.get_by_role("heading", name="A question for today")).to_be_visible()
    expect(a.get_by_label("Your answer")).to_be_hidden()  # folded: the check-in comes first
    a.get_by_text("Answer today’s question").click()
    a.get_by_label("Your answer").fill(ANAS_WORDS)
    a.get_by_role("button", name="Share my answer").click()
    expect(a.get_by_text("Ben has not answered yet")).to_be_visible()
    expect(a.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)

    b = ben.open("/today")
    b.get_by_text("Answer today’s question").click()
    expect(b.get_by_text("Ana has answered. You will both see")).to_be_visible()
    ben.wait_for_service_worker()
    ben.context.set_offline(True)
    b.get_by_label("Your answer").fill(BENS_WORDS)
    b.get_by_role("button", name="Share my answer").click()
    expect(b.get_by_text("Waiting to sync", exact=True)).to_be_visible()
    # Waiting to be sent, Ben's phone holds nothing of Ana's answer: not on screen, not stored.
    assert ANAS_WORDS not in b.content()
    stored = ben.evaluate(EVERY_INDEXEDDB)
    assert BENS_WORDS in stored and ANAS_WORDS not in stored

    ben.context.set_offline(False)
    expect(b.get_by_role("heading", name="Ana’s answer")).to_be_visible(timeout=20000)
    expect(b.get_by_text(ANAS_WORDS)).to_be_visible()
    a.reload()
    expect(a.get_by_role("heading", name="Ben’s answer")).to_be_visible()
    expect(a.get_by_text(BENS_WORDS)).to_be_visible()

    a.get_by_role("link", name="Journey").click()
    a.get_by_role("link", name="Our questions").click()
    expect(a.get_by_text(f"Ben: {BENS_WORDS}")).to_be_visible()
    expect(a.get_by_text("Parts visited:")).to_be_visible()
    eventually(lambda: len(ana.json("GET", "/api/daily/answered")) == 1)
