"""The long view: the timeline of everything, progress per period, anniversaries."""

import uuid
from datetime import date, timedelta

from helpers import create_id, error_of

from server.database import utcnow


def at(day: str, time: str = "21:00", offset: str = "+01:00") -> str:
    return f"{day}T{time}:00{offset}"


def agreed_daily_ritual(proposer, partner) -> str:
    """An evening check-in every day, proposed by one partner and accepted by the other."""
    ritual = create_id(proposer, "/api/rituals", {
        "title": "Evening check-in", "activity": "checkin", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "Europe/Berlin", "occurred_at": at("2026-11-01")})
    assert partner.post(f"/api/rituals/{ritual}/accept").status_code == 200
    return ritual


def test_timeline_merges_every_kind_of_event_newest_first(couple):
    ana, ben = couple
    checkin = create_id(ana, "/api/checkins",
                        {"feelings": ["hope"], "occurred_at": at("2026-11-02")})
    action = create_id(ben, "/api/actions", {"what": "Phoned when late",
                                       "occurred_at": at("2026-11-03")})
    ana.request("PUT", f"/api/actions/{action}/acknowledgement", json={"words": "I noticed"})
    question = create_id(ana, "/api/questions",
                         {"text": "Why then?", "occurred_at": at("2026-11-04")})
    ben.request("PUT", f"/api/questions/{question}/answers/{uuid.uuid4()}",
                json={"text": "Because…", "based_on": 0})
    journal = create_id(ana, "/api/journal", {"sealed": ana.seal("mine alone", uuid.uuid4()),
                                              "occurred_at": at("2026-11-05")})

    items = ana.get("/api/journey/timeline").get_json()["items"]
    kinds = [item["kind"] for item in items]
    assert {"checkin", "action", "acknowledgement", "question", "answer",
            "journal_entry"} <= set(kinds)
    times = [item["at"] for item in items]
    assert times == sorted(times, reverse=True)
    ack = next(item for item in items if item["kind"] == "acknowledgement")
    assert ack["subject_id"] == action and ack["author_name"] == "Ana"
    assert next(i for i in items if i["id"] == checkin)["is_mine"] is True

    bens = ben.get("/api/journey/timeline").get_json()["items"]
    assert journal not in {item["id"] for item in bens}
    assert "journal_entry" not in {item["kind"] for item in bens}
    assert {item["id"] for item in bens} == {item["id"] for item in items} - {journal}


def test_timeline_pages_and_filters(couple):
    ana, _ = couple
    for day in range(1, 8):
        create_id(ana, "/api/setbacks", {"what_happened": f"day {day}",
                                   "occurred_at": at(f"2026-10-{day:02d}")})
    seen, cursor = [], None
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = ana.get("/api/journey/timeline" + query).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    ranged = ana.get("/api/journey/timeline?from=2026-10-03T00:00:00%2B01:00"
                     "&to=2026-10-05T00:00:00%2B01:00").get_json()["items"]
    assert len(ranged) == 2
    only = ana.get("/api/journey/timeline?kinds=checkin,question").get_json()["items"]
    assert only == []


def test_progress_groups_by_week_and_partner(couple):
    ana, ben = couple
    create_id(ana, "/api/checkins", {"trust": 4, "safety": 6, "occurred_at": at("2026-11-02")})
    sunday_night = at("2026-11-08", "23:30")
    create_id(ana, "/api/checkins", {"trust": 6, "occurred_at": sunday_night})
    create_id(ana, "/api/checkins", {"trust": 9, "occurred_at": at("2026-11-09")})  # next Monday
    create_id(ben, "/api/actions", {"what": "a", "occurred_at": at("2026-11-03", "08:00")})
    create_id(ben, "/api/actions", {"what": "b", "occurred_at": at("2026-11-03", "20:00")})
    create_id(ben, "/api/actions", {"what": "c", "occurred_at": at("2026-11-05")})
    create_id(ben, "/api/setbacks", {"what_happened": "x", "occurred_at": at("2026-11-04")})
    create_id(ana, "/api/experiences", {"title": "Walk", "occurred_at": at("2026-11-10")})
    rows = ana.get("/api/journey/progress?period=week").get_json()
    ana_id = ana.me["id"]
    ben_id = ben.me["id"]
    week1 = {r["person_id"]: r for r in rows if r["period_start"] == "2026-11-02"}
    assert week1[ana_id]["checkins"] == 2
    assert week1[ana_id]["trust"] == 5.0
    assert week1[ana_id]["safety"] == 6.0
    assert week1[ben_id]["actions"] == 3
    assert week1[ben_id]["days_with_action"] == 2
    assert week1[ben_id]["setbacks"] == 1
    assert (week1[ben_id]["checkins"], week1[ben_id]["trust"], week1[ana_id]["actions"]) == \
        (0, None, 0)
    week2 = {r["person_id"]: r for r in rows if r["period_start"] == "2026-11-09"}
    assert week2[ana_id]["trust"] == 9.0
    assert (week2[ana_id]["experiences"], week1[ana_id]["experiences"]) == (1, 0)
    months = ana.get("/api/journey/progress?period=month").get_json()
    assert {r["period_start"] for r in months} == {"2026-11-01"}


def test_progress_by_year_follows_each_records_local_new_year(couple):
    ana, ben = couple
    create_id(ana, "/api/checkins", {"trust": 2, "occurred_at": at("2025-06-01")})
    # 23:30 on New Year's Eve in Berlin is already 2026 in UTC: it still counts for 2025.
    create_id(ana, "/api/checkins", {"trust": 4, "occurred_at": at("2025-12-31", "23:30")})
    create_id(ana, "/api/checkins", {"trust": 7, "occurred_at": at("2026-03-01")})
    create_id(ben, "/api/setbacks", {"what_happened": "x", "occurred_at": at("2026-02-01")})
    rows = ana.get("/api/journey/progress?period=year").get_json()
    years = {(r["period_start"], r["person_id"]): r for r in rows}
    assert years[("2025-01-01", ana.me["id"])]["trust"] == 3.0
    assert years[("2025-01-01", ana.me["id"])]["checkins"] == 2
    assert years[("2026-01-01", ana.me["id"])]["trust"] == 7.0
    assert years[("2026-01-01", ben.me["id"])]["setbacks"] == 1
    assert {r["period_start"] for r in rows} == {"2025-01-01", "2026-01-01"}


def test_progress_counts_rituals_kept_and_due(couple):
    ana, ben = couple
    ritual = agreed_daily_ritual(ana, ben)
    today = utcnow().date()
    for back in (1, 2):
        day = (today - timedelta(days=back)).isoformat()
        assert ana.request("PUT", f"/api/rituals/{ritual}/occurrences/{day}",
                           json={"status": "done"}).status_code == 200
    ben.request("PUT", f"/api/rituals/{ritual}/occurrences/{(today - timedelta(days=1))}",
                json={"status": "skipped"})
    rows = ana.get("/api/journey/progress?period=month").get_json()
    kept = sum(r["rituals_kept"] for r in rows if r["person_id"] == ana.me["id"])
    due = sum(r["rituals_due"] for r in rows if r["person_id"] == ben.me["id"])
    assert kept == 2
    assert due == 2
    assert sum(r["rituals_kept"] for r in rows if r["person_id"] == ben.me["id"]) == 0


def test_progress_counts_only_what_falls_between_from_and_to(couple):
    ana, ben = couple
    for day, trust in (("2026-10-20", 1), ("2026-11-03", 5), ("2026-11-20", 9)):
        create_id(ana, "/api/checkins", {"trust": trust, "occurred_at": at(day)})
    create_id(ben, "/api/actions", {"what": "outside", "occurred_at": at("2026-11-16")})
    window = "from=2026-11-01T00:00:00%2B01:00&to=2026-11-15T00:00:00%2B01:00"
    rows = ana.get(f"/api/journey/progress?period=month&{window}").get_json()
    assert [(r["period_start"], r["person_id"], r["checkins"], r["trust"]) for r in rows] == [
        ("2026-11-01", ana.me["id"], 1, 5.0)]
    # Rituals are bounded by their local day: of two days kept, only the one inside counts.
    ritual = agreed_daily_ritual(ana, ben)
    today = utcnow().date()
    for back in (1, 3):
        assert ana.request("PUT", f"/api/rituals/{ritual}/occurrences/{today - timedelta(back)}",
                           json={"status": "done"}).status_code == 200
    since = f"{today - timedelta(days=2)}T00:00:00%2B00:00"
    rows = ana.get(f"/api/journey/progress?period=year&from={since}").get_json()
    assert sum(r["rituals_kept"] for r in rows) == 1
    everything = ana.get("/api/journey/progress?period=year").get_json()
    assert sum(r["rituals_kept"] for r in everything) == 2


def test_anniversaries_include_the_space_start_and_a_recorded_discovery(couple):
    ana, ben = couple
    dates = ana.get("/api/journey/anniversaries").get_json()
    assert [d["kind"] for d in dates] == ["space_started"]
    assert dates[0]["date"] == utcnow().date().isoformat()
    assert dates[0]["next"] == utcnow().date().isoformat() and dates[0]["days_until"] == 0
    discovery = (utcnow().date() - timedelta(days=360)).isoformat()
    assert ben.request("PUT", "/api/journey/discovery-date",
                       json={"date": discovery}).status_code == 200
    dates = ana.get("/api/journey/anniversaries").get_json()
    found = next(d for d in dates if d["kind"] == "discovery")
    assert found["person_id"] == ben.me["id"]
    assert found["years"] == 1 and 0 < found["days_until"] <= 6
    ben.request("PUT", "/api/journey/discovery-date", json={"date": None})
    assert [d["kind"] for d in ana.get("/api/journey/anniversaries").get_json()] == [
        "space_started"]


def test_a_29_february_anniversary_falls_on_1_march_in_common_years():
    from server.journey.anniversaries import next_anniversary

    assert next_anniversary(date(2024, 2, 29), date(2026, 1, 1)) == date(2026, 3, 1)
    assert next_anniversary(date(2024, 2, 29), date(2027, 12, 1)) == date(2028, 2, 29)


def test_journey_needs_a_space_and_a_valid_period(person, couple):
    loner = person("carl")
    assert loner.get("/api/journey/progress").status_code == 404
    ana, _ = couple
    bad = ana.get("/api/journey/progress?period=decade")
    assert bad.status_code == 422 and "period" in error_of(bad)["fields"]
