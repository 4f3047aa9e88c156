"""The Agreements screen (Together), two partners on two phones, everything through the UI:
propose from a category's example, the partner accepts, a change shown old beside new and
accepted, withdrawing consent with a reason, retiring together, review dates, the history both
see — and offline: every write waits in the outbox, arrives exactly once, and a replayed outbox
adds nothing. Every state is kept as a screenshot, light and dark (agreements-*)."""

import uuid
from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually, shoot

NEW_TERMS = "No messages, no calls, no likes. If they write, I show you that evening."


def shoot_both(phone, name, heading):
    """The screen as it is now, in light and in dark (the same page, its colour scheme switched)."""
    for scheme in ("light", "dark"):
        phone.page.emulate_media(color_scheme=scheme)
        shoot(phone, name, scheme, heading)
    phone.page.emulate_media(color_scheme="light")


def open_agreements(phone):
    page = phone.open("/together/agreements")
    expect(page.get_by_role("heading", name="Agreements", exact=True)).to_be_visible()
    return page


def me_id(phone):
    return phone.json("GET", "/api/me", status=200)["id"]


def on_server(phone):
    return phone.json("GET", "/api/agreements?limit=100", status=200)["items"]


def steps(agreement):
    return [(event["step"], event["version_number"]) for event in agreement["events"]]


def propose_through_the_api(ana, ben=None, **fields):
    """An agreement Ana proposed (and, given Ben, that Ben accepted): the UI part is elsewhere."""
    agreement_id = str(uuid.uuid4())
    words = {"title": "Phones stay open", "terms": "If you ask to see my phone, I show it.",
             "category": "devices_social_media", "why": None, "review_on": None, **fields}
    ana.json("PUT", f"/api/agreements/{agreement_id}",
             {**words, "occurred_at": datetime.now(UTC).isoformat()}, status=201)
    if ben is not None:
        ben.json("POST", f"/api/agreements/{agreement_id}/consent", {"version_number": 1},
                 status=200)
    return agreement_id


def open_card(page, group, title):
    page.get_by_test_id(f"group-{group}").get_by_role("button", name=title).click()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def open_the_proposal_form(page):
    page.get_by_role("button", name="Propose an agreement").click()
    expect(page.get_by_role("heading", name="Propose an agreement")).to_be_visible()


def fill_from_the_example(page):
    page.get_by_role("button", name="Contact with the other person").click()
    expect(page.get_by_role("button", name="Contact with the other person")).to_have_attribute(
        "aria-pressed", "true")
    page.get_by_text("Start from an example").click()  # folded until asked for
    page.get_by_role("button", name="No contact with them").click()
    expect(page.get_by_label("In a few words")).to_have_value("No contact with them")
    expect(page.get_by_label("What we agree to")).to_have_value(
        "I do not contact them in any way. If they get in touch with me, I tell you the same day "
        "and show you the message.")
    page.get_by_role("button", name="In 3 months").click()
    expect(page.get_by_label("Review date")).not_to_have_value("")


def test_proposed_accepted_changed_and_accepted_then_both_see_the_new_version_and_history(couple):
    ana, ben = couple()
    page = open_agreements(ana)
    expect(page.get_by_test_id("no-agreements")).to_be_visible()
    shoot_both(ana, "agreements-empty", "Agreements")

    open_the_proposal_form(page)
    shoot_both(ana, "agreements-propose", "Propose an agreement")
    fill_from_the_example(page)
    shoot_both(ana, "agreements-propose-filled", "Propose an agreement")
    page.get_by_role("button", name="Propose it").click()
    waiting = page.get_by_test_id("group-theirs")
    expect(waiting.get_by_role("heading", name="Waiting for Ben")).to_be_visible()
    expect(waiting).to_contain_text("No contact with them")
    expect(page.get_by_test_id("sync-status")).to_have_count(0)
    shoot_both(ana, "agreements-waiting-for-partner", "Agreements")
    [proposed] = eventually(lambda: on_server(ana), message="the proposal never arrived")
    assert proposed["state"] == "proposed" and proposed["category"] == "contact_third_person"
    assert proposed["review_on"] is not None
    assert [c["user_id"] for c in proposed["versions"][0]["consents"]] == [me_id(ana)]

    # Ben: it waits for his answer; he reads it and agrees.
    theirs = open_agreements(ben)
    expect(theirs.get_by_test_id("group-mine")).to_contain_text("Ana proposed it")
    shoot_both(ben, "agreements-waiting-for-you", "Agreements")
    open_card(theirs, "mine", "No contact with them")
    expect(theirs.get_by_test_id("agreement-terms")).to_contain_text("What is proposed")
    shoot_both(ben, "agreements-proposal", "No contact with them")
    theirs.get_by_role("button", name="I agree", exact=True).click()
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("In force since")
    expect(theirs.get_by_test_id("review-date")).to_contain_text("You look at it again together")
    shoot_both(ben, "agreements-in-force", "No contact with them")

    # Ben proposes a change: the words in force stay, the new ones stand beside them.
    theirs.get_by_role("button", name="Propose a change").click()
    expect(theirs.get_by_label("In a few words")).to_have_value("No contact with them")
    theirs.get_by_label("What we agree to").fill(NEW_TERMS)
    shoot_both(ben, "agreements-change-form", "Propose a change")
    theirs.get_by_role("button", name="Propose the change").click()
    change = theirs.get_by_test_id("proposed-change")
    expect(change).to_contain_text("You proposed new words")
    expect(change).to_contain_text("Waiting for Ana to agree too")
    shoot_both(ben, "agreements-change-proposed", "No contact with them")

    # Ana sees old and new side by side and agrees to the change.
    open_agreements(ana)
    expect(page.get_by_test_id("group-mine")).to_contain_text("Ben proposed a change")
    open_card(page, "mine", "No contact with them")
    side_by_side = page.get_by_test_id("side-by-side")
    old, new = side_by_side.locator(":scope > div").all()
    expect(old).to_contain_text("In force (version 1)")
    expect(old).to_contain_text("I do not contact them in any way.")
    expect(new).to_contain_text("Proposed (version 2)")
    expect(new).to_contain_text(NEW_TERMS)
    expect(new).to_contain_text("What we agree to · changed")
    shoot_both(ana, "agreements-change-waiting-for-you", "No contact with them")
    page.get_by_role("button", name="I agree to the change").click()
    expect(page.get_by_test_id("agreement-terms")).to_contain_text(NEW_TERMS)
    expect(page.get_by_test_id("proposed-change")).to_have_count(0)

    [agreed] = eventually(lambda: [a for a in on_server(ben) if a["active_version"] == 2],
                          message="the change was never agreed on the server")
    assert agreed["state"] == "active" and agreed["terms"] == NEW_TERMS
    assert steps(agreed) == [("proposed", 1), ("accepted", 1), ("change_proposed", 2),
                             ("change_accepted", 2)]

    # Both see the new version in force and the same history.
    open_agreements(ben)
    open_card(ben.page, "inForce", "No contact with them")
    for phone, ana_is, ben_is in ((ana, "You", "Ben"), (ben, "Ana", "You")):
        screen = phone.page
        expect(screen.get_by_test_id("agreement-terms")).to_contain_text(NEW_TERMS)
        expect(screen.get_by_test_id("agreement-history").locator(".history li")).to_contain_text([
            f"{ana_is} proposed it (version 1)", f"{ben_is} agreed (version 1)",
            f"{ben_is} proposed a change (version 2)",
            f"{ana_is} agreed to the change (version 2)"])
        expect(screen.get_by_test_id("version-2")).to_contain_text("in force")
        expect(screen.get_by_test_id("version-2")).to_contain_text(f"Proposed by {ben_is}",
                                                                    ignore_case=True)
        expect(screen.get_by_test_id("version-1")).to_contain_text("replaced")
        expect(screen.get_by_test_id("version-1")).to_contain_text("I do not contact them")
    expect(ben.page.get_by_test_id("version-2")).to_contain_text("Agreed: You (")
    expect(ben.page.get_by_test_id("version-2")).to_contain_text("Ana (")
    ben.page.get_by_test_id("agreement-history").scroll_into_view_if_needed()
    shoot_both(ben, "agreements-history", "No contact with them")


def test_withdraw_consent_with_a_reason_give_it_again_and_retire_together(couple):
    ana, ben = couple()
    propose_through_the_api(ana, ben)
    page = open_agreements(ben)
    open_card(page, "inForce", "Phones stay open")

    page.get_by_role("button", name="Withdraw my consent").click()
    pause = page.get_by_role("button", name="Pause this agreement")
    expect(pause).to_be_disabled()  # not without a reason
    page.get_by_label("Why I am withdrawing my consent").fill("I need us to talk about this first.")
    shoot_both(ben, "agreements-withdraw", "Phones stay open")
    pause.click()
    expect(page.get_by_test_id("agreement-state")).to_contain_text(
        "Paused. You withdrew consent:")
    expect(page.get_by_test_id("agreement-state")).to_contain_text(
        "I need us to talk about this first.")
    [paused] = eventually(lambda: [a for a in on_server(ana) if a["state"] == "paused"],
                          message="the pause never reached the server")
    assert paused["pause_reason"] == "I need us to talk about this first."

    # Ana sees the pause and its reason; only Ben can give consent again.
    theirs = open_agreements(ana)
    expect(theirs.get_by_test_id("group-inForce")).to_contain_text("Paused by Ben")
    open_card(theirs, "inForce", "Phones stay open")
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("Ben withdrew consent:")
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text(
        "“I need us to talk about this first.”")
    expect(theirs.get_by_text("Only Ben can give consent again.")).to_be_visible()
    expect(theirs.get_by_role("button", name="Give my consent again")).to_have_count(0)
    shoot_both(ana, "agreements-paused", "Phones stay open")

    page.get_by_role("button", name="Give my consent again").click()
    expect(page.get_by_test_id("agreement-state")).to_contain_text("In force since")

    # Retiring needs both: Ana asks, Ben agrees.
    theirs.reload()
    open_card(theirs, "inForce", "Phones stay open")
    theirs.get_by_role("button", name="Ask to retire it").click()
    theirs.get_by_role("button", name="Yes, ask to retire it").click()
    expect(theirs.get_by_test_id("retire-asked")).to_contain_text(
        "You asked to retire it. It retires when Ben asks too.")
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("In force since")
    shoot_both(ana, "agreements-retire-asked", "Phones stay open")
    eventually(lambda: on_server(ben)[0]["events"][-1]["step"] == "retire_requested",
               message="the request to retire never reached the server")

    open_agreements(ben)
    expect(page.get_by_test_id("group-mine")).to_contain_text("Ana asked to retire it")
    open_card(page, "mine", "Phones stay open")
    expect(page.get_by_test_id("partner-asked-retire")).to_be_visible()
    page.get_by_role("button", name="Retire it together").click()
    page.get_by_role("button", name="Yes, retire it together").scroll_into_view_if_needed()
    shoot_both(ben, "agreements-retire-confirm", "Phones stay open")
    page.get_by_role("button", name="Yes, retire it together").click()
    expect(page.get_by_test_id("agreement-state")).to_contain_text("Retired")
    expect(page.get_by_role("button", name="Propose a change")).to_have_count(0)
    shoot_both(ben, "agreements-retired", "Phones stay open")

    [retired] = eventually(lambda: [a for a in on_server(ana) if a["state"] == "retired"],
                           message="the retirement never reached the server")
    assert [step for step, _ in steps(retired)] == [
        "proposed", "accepted", "consent_withdrawn", "consent_restored", "retire_requested",
        "retire_requested", "retired"]
    assert retired["events"][2]["reason"] == "I need us to talk about this first."

    page.get_by_role("button", name="← All agreements").click()
    retired_group = page.get_by_test_id("group-retired")
    expect(retired_group).to_contain_text("Retired (1)")
    retired_group.locator("summary").click()
    expect(retired_group.get_by_role("button", name="Phones stay open")).to_be_visible()
    shoot_both(ben, "agreements-retired-list", "Agreements")


def test_review_dates_and_taking_back_a_proposal_never_accepted(couple):
    ana, ben = couple()
    past = (date.today() - timedelta(days=3)).isoformat()
    later = (date.today() + timedelta(days=60)).isoformat()
    propose_through_the_api(ana, ben, title="Home by eleven", category="time_whereabouts",
                            terms="If I am out, I am home by eleven or I call.", review_on=past)
    propose_through_the_api(ana, ben, review_on=later)
    propose_through_the_api(ana, title="Counselling every other week", category="communication",
                            terms="We go together; neither of us cancels alone.")

    page = open_agreements(ana)
    review = page.get_by_test_id("group-review")
    expect(review.get_by_role("heading", name="Time to look again")).to_be_visible()
    expect(review).to_contain_text("Home by eleven")
    in_force = page.get_by_test_id("group-inForce")
    expect(in_force).to_contain_text("Phones stay open")
    expect(in_force).to_contain_text("In force · look again on")
    expect(page.get_by_test_id("group-theirs")).to_contain_text("Counselling every other week")
    shoot_both(ana, "agreements-list", "Agreements")

    open_card(page, "review", "Home by eleven")
    expect(page.get_by_test_id("review-due")).to_contain_text("Time to look at it again")
    shoot_both(ana, "agreements-review-due", "Home by eleven")

    # Setting the next date is a change both agree to.
    page.get_by_role("button", name="Propose a change").click()
    page.get_by_label("Review date").fill(later)
    page.get_by_role("button", name="Propose the change").click()
    expect(page.get_by_test_id("side-by-side")).to_contain_text("Look at it again · changed")
    ben_page = open_agreements(ben)
    open_card(ben_page, "mine", "Home by eleven")
    ben_page.get_by_role("button", name="I agree to the change").click()
    expect(ben_page.get_by_test_id("review-date")).to_contain_text(
        "You look at it again together on")
    expect(ben_page.get_by_test_id("review-due")).to_have_count(0)

    # Ana takes back the proposal Ben never accepted: alone, and it stays in the history.
    page.get_by_role("button", name="← All agreements").click()
    open_card(page, "theirs", "Counselling every other week")
    expect(page.get_by_role("button", name="Withdraw my consent")).to_have_count(0)
    page.get_by_role("button", name="Take back my proposal").click()
    page.get_by_role("button", name="Yes, take back my proposal").click()
    expect(page.get_by_test_id("agreement-state")).to_contain_text("Retired")
    taken_back = eventually(lambda: [a for a in on_server(ben) if a["state"] == "retired"],
                            message="taking it back never reached the server")
    assert [a["title"] for a in taken_back] == ["Counselling every other week"]
    assert all(a["state"] == "active" and not a["due_for_review"]
               for a in on_server(ben) if a["state"] != "retired")


def test_offline_proposal_consent_change_and_pause_arrive_once_and_replays_add_nothing(couple):
    ana, ben = couple()
    page = open_agreements(ana)
    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Agreements", exact=True)).to_be_visible()

    open_the_proposal_form(page)
    fill_from_the_example(page)
    page.get_by_role("button", name="Propose it").click()
    unsent = page.get_by_test_id("group-unsent")
    expect(unsent).to_contain_text("No contact with them")
    expect(unsent).to_contain_text("Waiting to sync")
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (1)")
    shoot_both(ana, "agreements-offline-proposal", "Agreements")
    open_card(page, "unsent", "No contact with them")
    expect(page.get_by_test_id("agreement-unsent")).to_contain_text(
        "New agreement: No contact with them")
    expect(page.get_by_role("button", name="Propose a change")).to_have_count(0)
    shoot_both(ana, "agreements-offline-detail", "No contact with them")
    kept = ana.evaluate(READ_OUTBOX)
    assert [(entry["method"], entry["url"].count("/")) for entry in kept] == [("PUT", 3)]

    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    expect(page.get_by_test_id("agreement-state")).to_contain_text("Proposed")
    [agreement] = on_server(ana)
    assert agreement["id"] == kept[0]["url"].rsplit("/", 1)[1]

    # Ben saw it while online; offline, he agrees.
    theirs = open_agreements(ben)
    expect(theirs.get_by_test_id("group-mine")).to_contain_text("No contact with them")
    ben.wait_for_service_worker()
    ben.context.set_offline(True)
    open_card(theirs, "mine", "No contact with them")
    theirs.get_by_role("button", name="I agree", exact=True).click()
    expect(theirs.get_by_text("✓ You agreed · waiting to sync")).to_be_visible()
    expect(theirs.get_by_test_id("agreement-unsent")).to_contain_text("I agree: No contact")
    shoot_both(ben, "agreements-offline-consent", "No contact with them")
    kept_by_ben = ben.evaluate(READ_OUTBOX)
    ben.context.set_offline(False)
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("In force since",
                                                                      timeout=15000)

    # Ana, offline, proposes a change: old and new side by side at once, waiting to sync.
    open_agreements(ana)
    expect(page.get_by_test_id("group-inForce")).to_contain_text("No contact with them")
    ana.context.set_offline(True)
    page.reload()
    open_card(page, "inForce", "No contact with them")
    page.get_by_role("button", name="Propose a change").click()
    page.get_by_label("What we agree to").fill(NEW_TERMS)
    page.get_by_role("button", name="Propose the change").click()
    change = page.get_by_test_id("proposed-change")
    expect(change).to_contain_text("You proposed new words · waiting to sync")
    expect(change.get_by_test_id("side-by-side")).to_contain_text(NEW_TERMS)
    shoot_both(ana, "agreements-offline-change", "No contact with them")
    kept += ana.evaluate(READ_OUTBOX)
    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    expect(change).to_contain_text("Waiting for Ben to agree too")

    # Ben, offline, withdraws his consent; later, offline again, gives it again.
    open_agreements(ben)
    open_card(theirs, "mine", "No contact with them")
    ben.context.set_offline(True)
    theirs.get_by_role("button", name="Withdraw my consent").click()
    theirs.get_by_label("Why I am withdrawing my consent").fill("Too much at once.")
    theirs.get_by_role("button", name="Pause this agreement").click()
    expect(theirs.get_by_text("You withdrew your consent · waiting to sync.")).to_be_visible()
    shoot_both(ben, "agreements-offline-withdraw", "No contact with them")
    kept_by_ben += ben.evaluate(READ_OUTBOX)
    ben.context.set_offline(False)
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("Paused", timeout=15000)
    ben.context.set_offline(True)
    theirs.get_by_role("button", name="Give my consent again").click()
    expect(theirs.get_by_text("You gave your consent again · waiting to sync.")).to_be_visible()
    kept_by_ben += ben.evaluate(READ_OUTBOX)
    ben.context.set_offline(False)
    expect(theirs.get_by_test_id("agreement-state")).to_contain_text("In force since",
                                                                      timeout=15000)

    [agreement] = on_server(ben)
    assert steps(agreement) == [("proposed", 1), ("accepted", 1), ("change_proposed", 2),
                                ("consent_withdrawn", None), ("consent_restored", None)]
    assert [len(v["consents"]) for v in agreement["versions"]] == [2, 1]
    assert [entry["url"].rsplit("/", 1)[1] for entry in kept_by_ben] == [
        "consent", "withdraw", "resume"]

    # Every write replayed, by both phones: nothing more on the server, nothing shown as a problem.
    for phone, entries in ((ana, kept), (ben, kept_by_ben)):
        phone.evaluate(PUT_OUTBOX, entries)
        phone.evaluate("() => dispatchEvent(new Event('online'))")
        eventually(lambda phone=phone: phone.evaluate(READ_OUTBOX) == [],
                   message="the replayed outbox was never sent")
        expect(phone.page.get_by_test_id("sync-problem")).to_have_count(0)
    assert on_server(ben) == [agreement]
