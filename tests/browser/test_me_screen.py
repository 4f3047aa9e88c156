"""The Me tab on two phones: the private journal (prompts, write, edit by version, delete), my
setbacks (logged, changed with every version kept, nothing reset), my pause (a chosen length and a
note the partner sees on Today, ended early), support, and all of it made offline arriving once.
Every state is kept as a screenshot (me-*) in light and dark and checked by shoot()."""

import uuid
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from browser.phones import PUT_OUTBOX, READ_OUTBOX, eventually, shoot

SCHEMES = pytest.mark.parametrize("scheme", ["light", "dark"])


def mine(phone, collection):
    return phone.json("GET", f"/api/{collection}?author=me&limit=100", status=200)["items"]


@SCHEMES
def test_journal_with_prompts_written_read_edited_and_deleted(couple, scheme):
    ana, _ = couple(scheme)
    page = ana.open("/me/journal")
    note = page.get_by_test_id("private-note")
    expect(note).to_contain_text("Only you can read this")
    expect(note).to_contain_text("Not Ben")
    ana.open_journal()  # signed up through the API: the password opens the journal here once
    expect(page.get_by_text("Nothing here yet")).to_be_visible()
    shoot(ana, "me-journal-empty", scheme, "Private journal")

    # A prompt makes its question the field's label; tapping it again lets it go.
    prompt = page.get_by_role("button", name="patterns", exact=True)
    prompt.click()
    expect(prompt).to_have_attribute("aria-pressed", "true")
    question = "What patterns from past relationships do I see in myself?"
    page.get_by_label(question).fill("I go quiet when I am scared.\nThen I leave the room.")
    shoot(ana, "me-journal-writing", scheme, "Write")
    page.get_by_role("button", name="Save in my journal").click()
    expect(page.get_by_role("status")).to_have_text("Saved in your journal.")
    expect(prompt).to_have_attribute("aria-pressed", "false")

    entries = page.get_by_test_id("journal-entries")
    expect(entries).to_contain_text(question)
    expect(entries).to_contain_text("Then I leave the room.")
    expect(entries.get_by_test_id("waiting")).to_have_count(0)
    [saved] = eventually(lambda: mine(ana, "journal"), message="the entry never arrived")
    assert (ana.words_of(saved), saved["version"]) == ({
        "prompt": "patterns", "text": "I go quiet when I am scared.\nThen I leave the room."}, 1)
    entries.scroll_into_view_if_needed()
    shoot(ana, "me-journal-entry", scheme, "My entries")

    # Without a prompt, the field asks plainly.
    page.get_by_label("What is on my mind").fill("A quieter day.")
    page.get_by_role("button", name="Save in my journal").click()
    expect(entries.get_by_role("article")).to_have_count(2)
    eventually(lambda: len(mine(ana, "journal")) == 2)

    first = entries.get_by_role("article").filter(has_text=question)  # the prompt stays
    first.get_by_role("button", name="Edit").click()
    first.scroll_into_view_if_needed()
    shoot(ana, "me-journal-editing", scheme, "My entries")
    page.get_by_label("Change this entry").fill("I go quiet when I am scared. I am learning "
                                                "to say so instead.")
    page.get_by_role("button", name="Save the change").click()
    expect(first).to_contain_text("I am learning to say so instead.")
    expect(first).to_contain_text("Version 2")
    changed = eventually(lambda: ana.json("GET", f"/api/journal/{saved['id']}")["version"] == 2
                         and ana.json("GET", f"/api/journal/{saved['id']}"))
    assert ana.words_of(changed)["text"].endswith("I am learning to say so instead.")
    assert ana.words_of(changed)["prompt"] == "patterns"  # the prompt stays with the entry
    first.scroll_into_view_if_needed()
    shoot(ana, "me-journal-edited", scheme, "My entries")

    first.get_by_role("button", name="Delete").click()
    expect(first).to_contain_text("Its words are erased for good.")
    first.scroll_into_view_if_needed()
    shoot(ana, "me-journal-delete-asked", scheme, "My entries")
    first.get_by_role("button", name="Keep it").click()
    expect(first.get_by_role("button", name="Delete")).to_be_visible()
    first.get_by_role("button", name="Delete").click()
    first.get_by_role("button", name="Delete it").click()
    expect(entries.get_by_role("article")).to_have_count(1)
    expect(entries).not_to_contain_text("I go quiet")
    eventually(lambda: ana.api("GET", f"/api/journal/{saved['id']}").status == 404,
               message="the entry was never deleted on the server")
    assert [ana.words_of(entry)["text"] for entry in mine(ana, "journal")] == ["A quieter day."]
    # The delete sent again, as a replayed outbox would: the entry stays gone, nothing to fix.
    ana.evaluate(PUT_OUTBOX, [{
        "method": "DELETE", "url": f"/api/journal/{saved['id']}", "label": "Journal entry deleted",
        "createdAt": datetime.now(UTC).isoformat(), "state": "waiting"}])
    ana.evaluate("() => dispatchEvent(new Event('online'))")
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the replayed delete was kept")
    page.reload()
    expect(page.get_by_test_id("journal-entries").get_by_role("article")).to_have_count(1)
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)


def progress(phone):
    rows = phone.json("GET", "/api/journey/progress", status=200)
    return sorted((row["person_id"], row["actions"], row["days_with_action"], row["checkins"],
                   row["setbacks"]) for row in rows)


@SCHEMES
def test_a_setback_is_logged_and_changed_openly_and_resets_nothing(couple, scheme):
    ana, ben = couple(scheme)
    now = datetime.now(UTC).isoformat()
    ana.json("PUT", f"/api/actions/{uuid.uuid4()}", {"what": "Called when I said I would",
                                                     "occurred_at": now}, status=201)
    ana.json("PUT", f"/api/checkins/{uuid.uuid4()}", {"feelings": ["hope"], "occurred_at": now},
             status=201)
    before = progress(ana)

    page = ana.open("/me/setbacks")
    expect(page.get_by_text("Logging one resets nothing")).to_be_visible()
    expect(page.get_by_text("Ben sees what you write here")).to_be_visible()
    expect(page.get_by_text("None logged.")).to_be_visible()
    shoot(ana, "me-setbacks-empty", scheme, "Setbacks")
    page.get_by_label("What happened").fill("I checked your phone while you slept.")
    page.get_by_label("How it felt").fill("Ashamed, and scared of what I might find.")
    page.get_by_role("button", name="Log this setback").click()
    listed = page.get_by_test_id("my-setbacks")
    expect(listed).to_contain_text("I checked your phone while you slept.")
    expect(page.get_by_label("What happened")).to_have_value("")
    [setback] = eventually(lambda: mine(ana, "setbacks"), message="the setback never arrived")
    assert setback["how_it_felt"] == "Ashamed, and scared of what I might find."
    expect(listed.get_by_test_id("waiting")).to_have_count(0)
    listed.scroll_into_view_if_needed()
    shoot(ana, "me-setbacks-logged", scheme, "My setbacks")

    listed.get_by_role("button", name="Edit").click()
    listed.scroll_into_view_if_needed()
    shoot(ana, "me-setbacks-editing", scheme, "My setbacks")
    listed.get_by_label("What happened").fill("I checked your phone while you slept, "
                                              "and I told you the next morning.")
    listed.get_by_role("button", name="Save the change").click()
    expect(listed).to_contain_text("and I told you the next morning.")
    eventually(lambda: ana.json("GET", f"/api/setbacks/{setback['id']}")["version"] == 2,
               message="the change never arrived")
    expect(listed).to_contain_text("Version 2")
    listed.get_by_role("button", name="Earlier versions").click()
    revisions = listed.get_by_test_id("setback-revisions")
    expect(revisions).to_contain_text("What happened: was “I checked your phone while you slept.”")
    revisions.scroll_into_view_if_needed()
    shoot(ana, "me-setbacks-versions", scheme, "My setbacks")

    # The change sent again, as a replayed outbox would: based on version 1, but the setback
    # already says it, so it has done its work (no conflict to settle, no second revision).
    ana.evaluate(PUT_OUTBOX, [{
        "method": "PATCH", "url": f"/api/setbacks/{setback['id']}", "label": "Setback changed",
        "body": {"what_happened": "I checked your phone while you slept, and I told you the "
                                  "next morning.", "version": 1},
        "createdAt": datetime.now(UTC).isoformat(), "state": "waiting"}])
    ana.evaluate("() => dispatchEvent(new Event('online'))")
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the replayed change was kept")
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)
    # Only what changed was sent: how it felt is as it was, in one revision.
    [revision] = ana.json("GET", f"/api/setbacks/{setback['id']}/revisions", status=200)
    assert list(revision["changes"]) == ["what_happened"]
    assert ana.json("GET", f"/api/setbacks/{setback['id']}")["how_it_felt"] == setback[
        "how_it_felt"]
    # Ben reads it as it is now (setbacks are shared; changes are visible, never silent).
    theirs = ben.json("GET", "/api/setbacks?author=partner", status=200)["items"]
    assert [s["what_happened"] for s in theirs] == [
        "I checked your phone while you slept, and I told you the next morning."]
    # Every count is where it was; the setback is one more thing on the journey.
    after = progress(ana)
    assert [row[:4] for row in after] == [row[:4] for row in before]
    assert sum(row[4] for row in after) == 1


@SCHEMES
def test_a_pause_with_a_note_is_seen_by_the_partner_and_ended_early(couple, scheme):
    ana, ben = couple(scheme)
    page = ana.open("/me/pause")
    shoot(ana, "me-pause-ask", scheme, "I need a pause")
    hour = page.get_by_role("button", name="1 hour", exact=True)
    hour.click()
    expect(hour).to_have_attribute("aria-pressed", "true")
    page.get_by_label("A note for Ben").fill("I love you. I need to breathe before we go on.")
    page.get_by_role("button", name="Ask for a pause").click()
    my_pause = page.get_by_test_id("my-pause")
    expect(my_pause).to_contain_text("1 hour, until")
    expect(my_pause).to_contain_text("Ben sees it on Today.")
    [pause] = eventually(lambda: ana.json("GET", "/api/pauses/active"),
                         message="the pause never arrived")
    assert pause["minutes"] == 60
    assert pause["note"] == "I love you. I need to breathe before we go on."
    shoot(ana, "me-pause-mine", scheme, "You are on a pause")

    b = ben.open("/today")
    expect(b.get_by_test_id("partner-pause")).to_contain_text("I need to breathe before we go on.")
    b = ben.open("/me/pause")
    expect(b.get_by_test_id("their-pause")).to_contain_text("Ana asked for a pause")
    expect(b.get_by_test_id("their-pause")).to_contain_text("I need to breathe")
    shoot(ben, "me-pause-partners", scheme, "Ana asked for a pause")

    page.get_by_role("button", name="I am ready to come back").click()
    expect(page.get_by_test_id("my-pause")).to_have_count(0)
    expect(page.get_by_role("button", name="Ask for a pause")).to_be_visible()
    eventually(lambda: ana.json("GET", "/api/pauses/active") == [],
               message="the pause never ended on the server")
    ended = ana.json("GET", f"/api/pauses/{pause['id']}")
    assert ended["ended_at"] is not None
    assert ended["ended_by_id"] == ana.json("GET", "/api/me")["id"]
    expect(page.get_by_test_id("earlier-pauses")).to_contain_text("came back at")
    page.get_by_test_id("earlier-pauses").scroll_into_view_if_needed()
    shoot(ana, "me-pause-ended", scheme, "Earlier pauses")

    b = ben.open("/today")
    expect(b.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(b.get_by_test_id("partner-pause")).to_have_count(0)


@SCHEMES
def test_support_says_what_to_do_when_unsafe_and_leads_to_a_pause(couple, scheme):
    ana, _ = couple(scheme)
    page = ana.open("/me/support")
    expect(page.get_by_role("heading", name="Support, any time")).to_be_visible()
    expect(page.get_by_test_id("not-safe")).to_contain_text("call your local emergency number")
    expect(page.get_by_role("heading", name="When it floods: come back to the room")
           ).to_be_visible()
    shoot(ana, "me-support", scheme, "Support, any time")
    page.get_by_test_id("not-safe").scroll_into_view_if_needed()
    shoot(ana, "me-support-not-safe", scheme, "If you do not feel safe")
    grounding = page.get_by_role("heading", name="Five things")
    grounding.scroll_into_view_if_needed()
    shoot(ana, "me-support-grounding", scheme, "Five things")
    page.get_by_role("link", name="Ask for a pause").click()
    expect(page).to_have_url(f"{ana.base_url}/me/pause")
    expect(page.get_by_role("heading", name="I need a pause")).to_be_visible()


@SCHEMES
def test_journal_setback_and_pause_made_offline_arrive_once_and_replays_add_nothing(couple, scheme):
    ana, ben = couple(scheme)
    page = ana.open("/me/journal")
    ana.open_journal()
    expect(page.get_by_text("Nothing here yet")).to_be_visible()
    ana.wait_for_service_worker()
    parts = page.get_by_role("navigation", name="Parts of Me")
    for section in ("Setbacks", "Pause", "Journal"):  # what the phone keeps for offline
        parts.get_by_role("link", name=section, exact=True).click()
        page.wait_for_timeout(300)

    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Offline · kept on this phone")).to_be_visible()
    page.get_by_role("button", name="healing", exact=True).click()
    page.get_by_label("What do I need to heal").fill("Sleep. A walk. Someone to talk to.")
    page.get_by_role("button", name="Save in my journal").click()
    expect(page.get_by_test_id("journal-entries")).to_contain_text("Sleep. A walk.")
    expect(page.get_by_test_id("journal-entries").get_by_test_id("waiting")).to_have_count(1)
    page.get_by_test_id("journal-entries").scroll_into_view_if_needed()
    shoot(ana, "me-journal-offline", scheme, "My entries")

    parts.get_by_role("link", name="Setbacks", exact=True).click()
    page.get_by_label("What happened").fill("We shouted again.")
    page.get_by_role("button", name="Log this setback").click()
    expect(page.get_by_test_id("my-setbacks")).to_contain_text("We shouted again.")
    expect(page.get_by_test_id("my-setbacks").get_by_test_id("waiting")).to_have_count(1)
    page.get_by_test_id("my-setbacks").scroll_into_view_if_needed()
    shoot(ana, "me-setbacks-offline", scheme, "My setbacks")

    parts.get_by_role("link", name="Pause", exact=True).click()
    page.get_by_role("button", name="30 min", exact=True).click()
    page.get_by_label("A note for Ben").fill("Back after a walk.")
    page.get_by_role("button", name="Ask for a pause").click()
    expect(page.get_by_test_id("my-pause")).to_contain_text(
        "Waiting to sync; Ben will see it then.")
    shoot(ana, "me-pause-offline", scheme, "You are on a pause")
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (3)")
    kept = ana.evaluate(READ_OUTBOX)
    assert [entry["method"] for entry in kept] == ["PUT", "PUT", "PUT"]
    assert "Sleep" not in str([entry["label"] for entry in kept])  # labels carry no words

    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    expect(page.get_by_test_id("my-pause")).to_contain_text("Ben sees it on Today.")
    journal, setbacks, pauses = (mine(ana, kind) for kind in ("journal", "setbacks", "pauses"))
    assert [ana.words_of(e) for e in journal] == [
        {"prompt": "healing", "text": "Sleep. A walk. Someone to talk to."}]
    assert [s["what_happened"] for s in setbacks] == ["We shouted again."]
    assert [(p["minutes"], p["note"]) for p in pauses] == [(30, "Back after a walk.")]
    ids = {entry["url"].rsplit("/", 1)[1] for entry in kept}
    assert ids == {journal[0]["id"], setbacks[0]["id"], pauses[0]["id"]}
    expect(ben.open("/today").get_by_test_id("partner-pause")).to_contain_text("Back after a walk.")

    # The same writes sent again, as the page does on `online`: nothing new, nothing refused.
    ana.evaluate(PUT_OUTBOX, kept)
    ana.evaluate("() => dispatchEvent(new Event('online'))")
    eventually(lambda: ana.evaluate(READ_OUTBOX) == [], message="the page never sent the outbox")
    assert [len(mine(ana, kind)) for kind in ("journal", "setbacks", "pauses")] == [1, 1, 1]
    assert len(ana.json("GET", "/api/pauses/active")) == 1
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)

    # Offline again: the entry changed twice (each change names the version before it) and the
    # pause ended early; all of it arrives in order.
    ana.context.set_offline(True)
    parts.get_by_role("link", name="Journal", exact=True).click()
    expect(page.get_by_role("status")).to_have_count(0)
    entry = page.get_by_test_id("journal-entries").get_by_role("article").first
    for words in ("Sleep. A walk. Calling my sister.", "Sleep. A walk. Calling my sister tonight."):
        entry.get_by_role("button", name="Edit").click()
        page.get_by_label("Change this entry").fill(words)
        page.get_by_role("button", name="Save the change").click()
        expect(entry).to_contain_text(words)
        expect(entry.get_by_test_id("waiting")).to_be_visible()
    parts.get_by_role("link", name="Pause", exact=True).click()
    page.get_by_role("button", name="I am ready to come back").click()
    expect(page.get_by_role("button", name="Ask for a pause")).to_be_visible()
    expect(page.get_by_test_id("sync-status")).to_contain_text("Waiting to sync (3)")
    ana.context.set_offline(False)
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    changed = ana.json("GET", f"/api/journal/{journal[0]['id']}", status=200)
    assert (changed["version"], ana.words_of(changed)["text"]) == (
        3, "Sleep. A walk. Calling my sister tonight.")
    assert ana.json("GET", "/api/pauses/active") == []
    expect(page.get_by_test_id("sync-problem")).to_have_count(0)
