"""Where we stand and what we kept (issue 16): the top of Today says how this week has gone for
the two of us and what waits for me, each a link to its place; Today shows each partner's
"kept on X of the last 7 days"; Journey › Progress shows it over weeks and months for actions
and for each ritual kept. Words, so a screen reader reads the same."""

import uuid
from datetime import UTC, datetime

from playwright.sync_api import expect


def now():
    return datetime.now(UTC).isoformat()


def a_week_of_ours(ana, ben):
    """Ana checked in once and did one thing; Ben checked in twice and did one thing; Ana asks a
    question and proposes an agreement; a daily ritual both agreed on, done today."""
    ana.json("PUT", f"/api/checkins/{uuid.uuid4()}", {"feelings": ["hope"], "occurred_at": now()},
             status=201)
    for feeling in ["calm", "grief"]:
        ben.json("PUT", f"/api/checkins/{uuid.uuid4()}", {"feelings": [feeling],
                                                         "occurred_at": now()}, status=201)
    for phone, what in [(ana, "Made breakfast"), (ben, "Called when I was late")]:
        phone.json("PUT", f"/api/actions/{uuid.uuid4()}", {"what": what, "occurred_at": now()},
                   status=201)
    ana.json("PUT", f"/api/questions/{uuid.uuid4()}", {
        "text": "Where were you on Friday?", "occurred_at": now()}, status=201)
    ana.json("PUT", f"/api/agreements/{uuid.uuid4()}", {
        "title": "Phones stay open", "terms": "If you ask to see my phone, I show it.",
        "category": "devices_social_media", "why": None, "review_on": None,
        "occurred_at": now()}, status=201)
    ritual = str(uuid.uuid4())
    ana.json("PUT", f"/api/rituals/{ritual}", {
        "title": "Evening check-in", "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "UTC", "occurred_at": now()}, status=201)
    ben.json("POST", f"/api/rituals/{ritual}/accept", {}, status=200)
    today = datetime.now(UTC).date().isoformat()
    ben.json("PUT", f"/api/rituals/{ritual}/occurrences/{today}", {"status": "done"}, status=200)


def test_today_says_where_we_stand_and_journey_what_we_kept(couple):
    ana, ben = couple(timezone_id="UTC")
    a_week_of_ours(ana, ben)
    page = ben.open("/today")
    week = page.get_by_role("navigation", name="This week")
    expect(week.get_by_role("link", name="This week:")).to_have_text(
        "This week: Check-ins: you 2 times, Ana once · small actions on 1 and 1 days"
        " · rituals kept 1 of 1")
    expect(week).to_contain_text(
        "Waiting for you: a question · an agreement · a check-in to notice")
    expect(page.get_by_test_id("kept-this-week")).to_have_text(
        "You: kept on 1 of the last 7 days · Ana: kept on 1 of the last 7 days")

    week.get_by_role("link", name="a question").click()
    expect(page.get_by_role("heading", name="Truth", exact=True)).to_be_visible()
    ben.open("/today")
    page.get_by_role("navigation", name="This week").get_by_role(
        "link", name="an agreement").click()
    expect(page.get_by_role("navigation", name="Parts of Together").get_by_role(
        "link", name="Agreements")).to_have_attribute("aria-current", "page")

    ben.open("/today")
    page.get_by_role("navigation", name="This week").get_by_role("link", name="This week:").click()
    kept = page.get_by_test_id("kept")
    expect(kept.get_by_role("heading", name="Small actions · You")).to_be_hidden()  # folded
    kept.get_by_text("Kept over time").click()
    expect(kept.get_by_role("heading", name="Small actions · You")).to_be_visible()
    expect(kept).to_contain_text("Small actions · You"
                                 "kept on 1 of the last 7 days"
                                 "kept on 1 of the last 4 weeks"
                                 "kept on 1 of the last 3 months")
    expect(kept).to_contain_text("Small actions · Ana")
    expect(kept).to_contain_text("Evening check-in"
                                 "kept on 1 of 1 day it was due in the last 7 days")


def test_nothing_kept_yet_is_said_gently(couple):
    _ana, ben = couple()
    page = ben.open("/today")
    expect(page.get_by_test_id("kept-this-week")).to_have_text(
        "You: nothing logged in the last 7 days yet · Ana: nothing logged in the last 7 days yet")
