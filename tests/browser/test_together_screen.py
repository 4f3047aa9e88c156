"""Together › Time together and Ideas on two phones at 390×844: an experience logged, each
partner's own reflection and joy; an idea picked by one and marked done by the other. Offline, a
run through Rituals, Time together and Ideas: every write waits in the outbox and arrives exactly
once, and replaying the outbox adds nothing. Every state is shot in light and dark."""

import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually, shoot
from browser.test_push import reminders_on_this_phone

IDEA = "Cook a new recipe together"


def experiences_of(phone):
    return phone.json("GET", "/api/experiences?limit=100", status=200)["items"]


def ideas_of(phone):
    return {idea["title"]: idea for idea in phone.json("GET", "/api/ideas", status=200)["ideas"]}


def reflections(phone):
    [experience] = [e for e in experiences_of(phone) if e["idea_id"] is None]
    return {r["author_name"]: (r["joy"], r["text"], r["version"])
            for r in experience["reflections"]}


def write_reflection(card, joy, words):
    card.get_by_role("button", name=f"Joy {joy} of 5").click()
    card.get_by_label("How it was for me").fill(words)
    card.get_by_role("button", name="Save my reflection").click()


def section(page, name):
    page.get_by_role("navigation", name="Parts of Together").get_by_role("link", name=name).click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_time_together_with_both_reflections_and_an_idea_done(couple, scheme):
    ana, ben = couple(scheme)
    page = ana.open("/together/experiences")
    expect(page.get_by_test_id("experiences")).to_contain_text("Nothing logged yet")
    shoot(ana, "together-empty", scheme, "Log time together")

    page.get_by_label("What did you do together?").fill("Cooked dinner, phones in a drawer")
    page.get_by_label("A few words about it").fill("It felt easy again, for an hour.")
    page.get_by_role("button", name="Save", exact=True).click()
    card = page.get_by_test_id("experience")
    expect(card).to_contain_text("Cooked dinner, phones in a drawer")
    eventually(lambda: len(experiences_of(ben)) == 1, message="the experience never arrived")
    [logged] = experiences_of(ben)
    assert logged["what_we_did"] == "It felt easy again, for an hour."
    shoot(ana, "together-logged", scheme, "Our time together")

    write_reflection(card, 4, "I laughed properly.")
    expect(card.get_by_test_id("my-reflection")).to_contain_text("joy 4 of 5")
    eventually(lambda: reflections(ben) == {"Ana": (4, "I laughed properly.", 1)},
               message="Ana's reflection never arrived")

    bens = ben.open("/together/experiences")
    bens_card = bens.get_by_test_id("experience")
    expect(bens_card.get_by_test_id("partner-reflection")).to_contain_text("I laughed properly.")
    write_reflection(bens_card, 5, "Nervous at first, then glad.")
    expect(bens_card.get_by_test_id("my-reflection")).to_contain_text("joy 5 of 5")
    eventually(lambda: reflections(ana) == {"Ana": (4, "I laughed properly.", 1),
                                            "Ben": (5, "Nervous at first, then glad.", 1)},
               message="Ben's reflection never arrived")
    shoot(ben, "together-reflections", scheme, "Our time together")

    # Ana changes hers: a new version of her own, Ben's untouched.
    page.reload()
    card.get_by_role("button", name="Change mine").click()
    expect(card.get_by_role("button", name="Joy 4 of 5")).to_have_attribute("aria-pressed", "true")
    shoot(ana, "together-changing", scheme, "Our time together")
    write_reflection(card, 3, "I laughed properly. Later it was hard again.")
    eventually(lambda: reflections(ben)["Ana"] == (3, "I laughed properly. Later it was hard "
                                                      "again.", 2),
               message="Ana's change never arrived")
    assert reflections(ben)["Ben"] == (5, "Nervous at first, then glad.", 1)

    # Ideas: Ana picks one, Ben marks it done.
    section(page, "Ideas")
    expect(page.get_by_test_id("idea-picks")).to_contain_text("Nothing picked yet")
    shoot(ana, "ideas-bank", scheme, "Our picks")
    page.get_by_role("button", name=f"Pick: {IDEA}").click()
    expect(page.get_by_test_id("idea-picks")).to_contain_text(IDEA)
    eventually(lambda: ideas_of(ben)[IDEA]["picked_at"], message="the pick never arrived")
    assert ideas_of(ben)[IDEA]["done_at"] is None
    shoot(ana, "ideas-picked", scheme, "Our picks")

    bens = ben.open("/together/ideas")
    bens.get_by_role("button", name=f"We did it: {IDEA}").click()
    expect(bens.get_by_test_id("ideas-done")).to_contain_text(IDEA)
    expect(bens.get_by_test_id("idea-picks")).to_contain_text("Nothing picked yet")
    eventually(lambda: ideas_of(ana)[IDEA]["done_at"], message="'done' never arrived")
    shoot(ben, "ideas-done", scheme, "Done together")

    # From the idea done to Time together, where each can say how it was.
    bens.get_by_role("button", name=f"Tell how it was: {IDEA}").click()
    expect(bens.get_by_role("heading", name=IDEA)).to_be_visible()
    eventually(lambda: any(e["idea_id"] == ideas_of(ana)[IDEA]["id"] and e["title"] == IDEA
                           for e in experiences_of(ana)), message="the idea was never logged")
    assert len(experiences_of(ana)) == 2
    section(bens, "Ideas")
    expect(bens.get_by_test_id("ideas-done").get_by_role("link", name="In Time together")) \
        .to_be_visible()


def now():
    return datetime.now(UTC).isoformat()


def agreed_ritual(ana, ben):
    ritual = str(uuid.uuid4())
    ana.json("PUT", f"/api/rituals/{ritual}", {
        "title": "Evening check-in", "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "UTC", "occurred_at": now()}, status=201)
    ben.json("POST", f"/api/rituals/{ritual}/accept", {}, status=200)
    return ritual


def server_state(ana, ritual):
    """Everything the offline run writes, as the server has it."""
    rituals = ana.json("GET", "/api/rituals?limit=100", status=200)["items"]
    agreed = next(r for r in rituals if r["id"] == ritual)
    marks = [m["status"] for o in ana.json("GET", f"/api/rituals/{ritual}/occurrences",
                                             status=200) for m in o["marks"]]
    experiences = experiences_of(ana)
    idea = ideas_of(ana)["Take a walk without phones"]
    return {
        "new rituals": sorted(r["title"] for r in rituals if r["id"] != ritual),
        "agreed": (agreed["state"], agreed["reminder_on"], marks),
        "experiences": [(e["title"], [(r["joy"], r["text"]) for r in e["reflections"]])
                        for e in experiences],
        "idea": (idea["picked_at"] is not None, idea["done_at"] is not None),
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_offline_run_through_rituals_and_time_together_arrives_once(couple, scheme):
    ana, ben = couple(scheme, timezone_id="UTC")
    reminders_on_this_phone(ana)
    ritual = agreed_ritual(ana, ben)
    # Seen once online, so the phone keeps each list for offline.
    page = ana.open("/together/ideas")
    expect(page.get_by_test_id("idea-bank")).to_contain_text("Take a walk without phones")
    section(page, "Time together")
    expect(page.get_by_test_id("experiences")).to_contain_text("Nothing logged yet")
    section(page, "Rituals")
    due = page.get_by_test_id("due-ritual")
    expect(due).to_contain_text("You: not yet")
    ana.wait_for_service_worker()

    ana.context.set_offline(True)
    expect(page.get_by_text("Offline · kept on this phone")).to_be_visible()
    form = page.get_by_role("form", name="Suggest a ritual")
    form.get_by_label("What is it?").fill("Sunday walk")
    form.get_by_role("button", name="Suggest it").click()
    expect(page.get_by_test_id("rituals-proposed")).to_contain_text("waiting to sync")
    due.get_by_role("button", name="We did it").click()
    expect(due).to_contain_text("You: done (waiting to sync)")
    page.get_by_role("switch", name="Remind me of Evening check-in").click()
    page.get_by_role("button", name="Pause Evening check-in").click()
    expect(page.get_by_role("switch", name="Remind me of Evening check-in")).to_have_attribute(
        "aria-checked", "false")
    expect(page.get_by_text("Paused. No reminders until one of you resumes it.")).to_be_visible()
    shoot(ana, "rituals-offline", scheme, "Our rituals")

    section(page, "Time together")
    page.get_by_label("What did you do together?").fill("Breakfast on the balcony")
    page.get_by_role("button", name="Save", exact=True).click()
    card = page.get_by_test_id("experience")
    expect(card).to_contain_text("waiting to sync")
    write_reflection(card, 5, "Quiet and kind.")
    expect(card.get_by_test_id("my-reflection")).to_contain_text("joy 5 of 5")
    shoot(ana, "together-offline", scheme, "Our time together")

    section(page, "Ideas")
    page.get_by_text("Outdoors", exact=True).click()  # its group, folded until opened
    page.get_by_role("button", name="Pick: Take a walk without phones").click()
    page.get_by_role("button", name="We did it: Take a walk without phones").click()
    expect(page.get_by_test_id("ideas-done")).to_contain_text("waiting to sync")
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (8)")
    shoot(ana, "ideas-offline", scheme, "Our picks")
    kept = ana.evaluate(READ_OUTBOX)
    assert len(kept) == 8

    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    expected = {
        "new rituals": ["Sunday walk"],
        "agreed": ("paused", False, ["done"]),
        "experiences": [("Breakfast on the balcony", [(5, "Quiet and kind.")])],
        "idea": (True, True),
    }
    assert server_state(ana, ritual) == expected
    created = {entry["url"].rsplit("/", 1)[1] for entry in kept if entry["method"] == "PUT"
               and entry["url"].count("/") == 3}
    assert created == {r["id"] for r in ana.json("GET", "/api/rituals?limit=100", status=200)[
        "items"] if r["id"] != ritual} | {e["id"] for e in experiences_of(ana)}

    # The whole outbox again, as a flaky connection might send it: nothing new, no problem.
    ana.evaluate(PUT_OUTBOX, kept)
    ana.evaluate("() => dispatchEvent(new Event('online'))")
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the replay was never sent")
    assert server_state(ana, ritual) == expected
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)
