"""The Journey tab on two phones (390×844): charts by week, month and year with their words and
table, the timeline (both partners' records, kinds, the next page on scrolling or on "Show
more", never the partner's journal), the dates remembered gently, and what the phone kept when
offline. Every state is shot in light and dark."""

import uuid
from datetime import UTC, datetime, timedelta

import phone_crypto
import pytest
from playwright.sync_api import expect

from browser.phones import eventually, shoot
from server.extensions import db
from server.space.models import Space

SCHEMES = ["light", "dark"]


def put(phone, collection, fields, at):
    phone.json("PUT", f"/api/{collection}/{uuid.uuid4()}",
               {**fields, "occurred_at": at.isoformat()}, status=201)


def earliest_and_latest():
    """A Wednesday eleven weeks back (in the first of the twelve weeks shown) and a second ago,
    in UTC, the phones' time zone here (each context sets it)."""
    latest = datetime.now(UTC) - timedelta(seconds=1)
    monday = (latest - timedelta(days=latest.weekday())).replace(hour=12, minute=0, second=0,
                                                                  microsecond=0)
    return monday - timedelta(weeks=11) + timedelta(days=2), latest


def fill_the_journey(ana, ben):
    """Both partners' numbers at the start and the end of twelve weeks, what they did, setbacks,
    Ana's private journal, and Ben noticing Ana's action."""
    first, last = earliest_and_latest()
    put(ana, "checkins", {"feelings": ["grief"], "trust": 3, "safety": 4, "connection": 5}, first)
    put(ben, "checkins", {"feelings": ["shame"], "trust": 4, "safety": 5, "connection": 3}, first)
    put(ana, "checkins", {"feelings": ["hope"], "trust": 6, "safety": 7, "connection": 5}, last)
    put(ben, "checkins", {"feelings": ["hope"], "trust": 5, "safety": 5, "connection": 6}, last)
    action = str(uuid.uuid4())
    ana.json("PUT", f"/api/actions/{action}", {"what": "Asked for a hug instead of going quiet",
                                               "occurred_at": first.isoformat()}, status=201)
    for what in ("Phoned at lunch", "Showed my messages", "Came home on time"):
        put(ben, "actions", {"what": what}, last)
    put(ben, "setbacks", {"what_happened": "An old message surfaced"}, first + timedelta(weeks=5))
    put(ana, "setbacks", {"what_happened": "A bad night"}, last)
    entry = uuid.uuid4()
    ana.json("PUT", f"/api/journal/{entry}", {"sealed": phone_crypto.seal(
        ana.journal_key, entry, 1, "Only mine: what I am afraid to say"),
        "occurred_at": last.isoformat()}, status=201)
    ben.json("PUT", f"/api/actions/{action}/acknowledgement", {"words": None}, status=200)
    return first, last


def wait_for_charts(page, period):
    charts = page.get_by_test_id("journey-charts")
    expect(charts).to_have_attribute("data-drawn", period, timeout=15000)
    expect(charts.locator("canvas")).to_have_count(4)
    return charts


# The same twelve weeks seen by week: the first and the last week hold the numbers.
WEEKS = ("your trust went from 3 to 6; Ben’s from 4 to 5. Your safety went from 4 to 7; Ben’s "
         "stayed at 5. Your connection stayed at 5; Ben’s from 3 to 6. 4 consistent actions; "
         "2 setbacks.")
# Seen as one period, each number is the mean of the two.
ONE_PERIOD = ("your trust was 4.5; Ben’s was 4.5. Your safety was 5.5; Ben’s was 5. Your "
              "connection was 5; Ben’s was 4.5. 4 consistent actions; 2 setbacks.")


def periods_between(first, last, period):
    if period == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def expected_summary(first, last, period):
    count = periods_between(first, last, period)
    if count == 1:
        return f"This {period}, {ONE_PERIOD}"
    return f"Over the last {count} {period}s, {WEEKS}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_charts_by_week_month_and_year_say_what_they_show(couple, scheme):
    ana, ben = couple(scheme, timezone_id="UTC")
    first, last = fill_the_journey(ana, ben)
    page = ana.open("/today")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    loaded = "() => performance.getEntriesByType('resource').map((entry) => entry.name)"
    # uPlot is not part of the first screen: it comes when the charts are opened.
    assert not [name for name in page.evaluate(loaded) if "/assets/charts-" in name]

    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Journey").click()
    expect(page).to_have_url(f"{ana.base_url}/journey")
    charts = wait_for_charts(page, "week")
    assert [name for name in page.evaluate(loaded) if "/assets/charts-" in name]
    summary = page.get_by_test_id("progress-summary")
    expect(summary).to_have_text(f"Over the last 12 weeks, {WEEKS}")
    table = page.get_by_test_id("progress-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(12)
    # Period, then your/Ben's trust, safety, connection, actions, rituals, setbacks.
    cells = [rows.nth(0).locator("td").nth(i).inner_text() for i in range(9)]
    assert cells == ["3", "4", "4", "5", "5", "3", "1", "0 of 0", "0"]
    cells = [rows.nth(11).locator("td").nth(i).inner_text() for i in range(9)]
    assert cells == ["6", "5", "7", "5", "5", "6", "3", "0 of 0", "1"]
    assert rows.nth(5).locator("td").nth(8).inner_text() == "1"  # Ben's setback, week six
    assert table.locator("thead th").all_inner_texts()[1:3] == ["Your trust", "Ben’s trust"]
    assert charts.get_attribute("aria-hidden") == "true"
    shoot(ana, "journey-weeks", scheme, "Journey")

    for period, name in (("month", "Months"), ("year", "Years")):
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_role("button", name=name, exact=True)).to_have_attribute(
            "aria-pressed", "true")
        wait_for_charts(page, period)
        expect(summary).to_have_text(expected_summary(first, last, period))
        expect(rows).to_have_count(periods_between(first, last, period))
        shoot(ana, f"journey-{period}s", scheme, "Journey")

    # Ben reads the same journey from his side.
    page = ben.open("/journey/progress")
    wait_for_charts(page, "week")
    expect(page.get_by_test_id("progress-summary")).to_have_text(
        "Over the last 12 weeks, your trust went from 4 to 5; Ana’s from 3 to 6. Your safety "
        "stayed at 5; Ana’s from 4 to 7. Your connection went from 3 to 6; Ana’s stayed at 5. "
        "4 consistent actions; 2 setbacks.")


def timeline_kinds(page):
    return page.get_by_test_id("timeline").locator("li[data-kind]").evaluate_all(
        "(items) => items.map((item) => item.dataset.kind)")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_timeline_filters_pages_and_never_shows_the_partners_journal(couple, phones, scheme):
    ana, ben = couple(scheme, timezone_id="UTC")
    fill_the_journey(ana, ben)
    page = ana.open("/journey/timeline")
    timeline = page.get_by_test_id("timeline")
    for line in ("You checked in", "Ben checked in", "Ben logged a consistent action",
                 "You logged a consistent action", "Ben noticed your action",
                 "You wrote in your private journal", "Ben noted a setback",
                 "You noted a setback"):
        expect(timeline).to_contain_text(line)
    expect(page.get_by_text("That is where your journey here began.")).to_be_visible()
    shoot(ana, "journey-timeline", scheme, "Journey")

    page.get_by_label("Show").select_option(label="Setbacks")
    expect(timeline.locator("li[data-kind]")).to_have_count(2)
    assert set(timeline_kinds(page)) == {"setback"}
    page.get_by_label("Show").select_option(label="Consistent actions")
    expect(timeline.locator("li[data-kind]")).to_have_count(4)
    assert set(timeline_kinds(page)) == {"action"}
    shoot(ana, "journey-timeline-actions", scheme, "Journey")

    # Ben's timeline: Ana's shared records, never her journal, under any filter.
    bens = ben.open("/journey/timeline")
    expect(bens.get_by_test_id("timeline")).to_contain_text("Ana checked in")
    expect(bens.get_by_test_id("timeline")).to_contain_text("You noticed Ana’s action")
    assert "journal_entry" not in timeline_kinds(bens)
    assert "journal" not in bens.get_by_test_id("timeline").inner_text()
    bens.get_by_label("Show").select_option(label="My private journal")
    expect(bens.get_by_text("Nothing of this kind yet.")).to_be_visible()
    assert "Only mine" not in bens.content()
    shoot(ben, "journey-timeline-partner", scheme, "Journey")

    # 40 more of Ben's actions: 52 events, more than the 30 of the first page.
    now = datetime.now(UTC)
    for minute in range(40):
        put(ben, "actions", {"what": f"Small thing {minute}"},
            now - timedelta(days=1, minutes=minute))
    page.reload()
    page.get_by_label("Show").select_option(label="Everything")
    expect(timeline.locator("li[data-kind]")).to_have_count(30)
    # Scrolling to the end brings the next page by itself.
    page.get_by_role("button", name="Show more").scroll_into_view_if_needed()
    expect(timeline.locator("li[data-kind]")).to_have_count(52)
    expect(page.get_by_role("button", name="Show more")).to_have_count(0)
    expect(page.get_by_text("That is where your journey here began.")).to_be_visible()
    shoot(ana, "journey-timeline-scrolled", scheme, "Journey")

    # Offline, the pages scrolled through before are still there, the older one too.
    ana.wait_for_service_worker()
    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("No connection: this is what the phone kept.")).to_be_visible()
    expect(timeline.locator("li[data-kind]")).to_have_count(30)
    page.get_by_role("button", name="Show more").scroll_into_view_if_needed()
    expect(timeline.locator("li[data-kind]")).to_have_count(52)
    ana.context.set_offline(False)

    # Without IntersectionObserver, "Show more" brings it.
    other = phones(scheme, timezone_id="UTC")
    other.context.add_init_script(script="delete window.IntersectionObserver;")
    other.sign_in_by_api("ana@example.org")
    page = other.open("/journey/timeline")
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("li[data-kind]")).to_have_count(30)
    page.get_by_role("button", name="Show more").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    expect(timeline.locator("li[data-kind]")).to_have_count(30)
    # Offline, a page this phone never saw cannot come, and it says so.
    other.context.set_offline(True)
    page.get_by_role("button", name="Show more").click()
    expect(page.get_by_text("Older moments need a connection.")).to_be_visible()
    shoot(other, "journey-timeline-older-offline", scheme, "Journey")
    other.context.set_offline(False)
    page.get_by_role("button", name="Show more").click()
    expect(timeline.locator("li[data-kind]")).to_have_count(52)
    expect(page.get_by_text("Older moments need a connection.")).to_have_count(0)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_dates_are_remembered_gently(couple, app, scheme):
    ana, ben = couple(scheme, timezone_id="UTC")
    page = ana.open("/journey")
    dates = page.get_by_test_id("anniversaries")
    today = datetime.now(UTC).date()
    expect(dates).to_contain_text("You began this work together on")
    # Nothing recorded yet: the charts still draw, and say so gently.
    wait_for_charts(page, "week")
    expect(page.get_by_test_id("progress-summary")).to_have_text(
        "Over the last 12 weeks, neither of you shared numbers for trust, safety or "
        "connection. No consistent actions; no setbacks.")
    shoot(ana, "journey-empty", scheme, "Journey")

    # A year on: the day they began comes round.
    with app.app_context():
        space = db.session.scalars(db.select(Space)).one()
        space.created_at = space.created_at.replace(year=space.created_at.year - 1)
        db.session.commit()
        db.session.remove()
    page.reload()
    expect(dates).to_contain_text("One year today since you began this work together.")

    # Ana notes the day it came to light (through the outbox); five days before it comes
    # round, both phones say only to be gentle.
    discovery = today - timedelta(days=360)
    page.locator("summary", has_text="The day it came to light").click()
    page.get_by_label("Date", exact=True).fill(discovery.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_test_id("sync-status")).to_have_count(0, timeout=15000)
    stored = eventually(lambda: [d for d in ana.json("GET", "/api/journey/anniversaries")
                                 if d["kind"] == "discovery"])
    assert [d["date"] for d in stored] == [discovery.isoformat()]
    assert stored[0]["person_id"] == ana.json("GET", "/api/me")["id"]
    days = stored[0]["days_until"]  # 5, or 6 across a 29 February
    gentle = (f"In {days} days it will be one year since it came to light. Days around it can "
              "be heavy, for both of you. Be gentle with yourselves; a pause is always there if "
              "a conversation gets too much.")
    expect(dates).to_contain_text(gentle)
    text = dates.inner_text().lower()
    assert not any(word in text for word in ("happy", "congratulations", "celebrate", "🎉"))
    shoot(ana, "journey-dates", scheme, "Journey")

    bens = ben.open("/journey").get_by_test_id("anniversaries")
    expect(bens).to_contain_text(gentle)
    expect(bens).to_contain_text("One year today since you began this work together.")

    page.get_by_role("button", name="Remove it").click()
    expect(dates).not_to_contain_text("since it came to light")
    eventually(lambda: [d for d in ana.json("GET", "/api/journey/anniversaries")
                        if d["kind"] == "discovery"] == [],
               message="the date was never removed")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_offline_the_journey_shows_what_the_phone_kept(couple, scheme):
    ana, ben = couple(scheme, timezone_id="UTC")
    fill_the_journey(ana, ben)
    page = ana.open("/journey/progress")
    wait_for_charts(page, "week")
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Ben logged a consistent action")
    ana.wait_for_service_worker()

    ana.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Journey", exact=True)).to_be_visible()
    expect(page.get_by_text("No connection: this is what the phone kept.")).to_be_visible()
    expect(page.get_by_test_id("timeline")).to_contain_text("Ben logged a consistent action")
    expect(page.get_by_test_id("anniversaries")).to_contain_text("You began this work together")
    shoot(ana, "journey-offline-timeline", scheme, "Journey")

    page.get_by_role("link", name="Progress").click()
    wait_for_charts(page, "week")  # uPlot comes from the precache
    expect(page.get_by_text("No connection: these are the numbers the phone kept.")).to_be_visible()
    expect(page.get_by_test_id("progress-summary")).to_have_text(f"Over the last 12 weeks, {WEEKS}")
    # Months were never opened on this phone: nothing to show, and it says why.
    page.get_by_role("button", name="Months", exact=True).click()
    expect(page.get_by_text("This phone has not kept these numbers yet")).to_be_visible()
    page.get_by_role("button", name="Weeks", exact=True).click()
    wait_for_charts(page, "week")
    shoot(ana, "journey-offline-progress", scheme, "Journey")
