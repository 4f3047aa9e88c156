"""Dates to be gentle around: when the shared space began, and (if recorded) the discovery."""

from datetime import date

from server.database import utcnow
from server.space.models import Space


def next_anniversary(day: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February in a common year
            candidate = date(year, 3, 1)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable")


def anniversaries(space: Space) -> list[dict]:
    today = utcnow().date()
    dates = [("space_started", space.created_at.date(), None)]
    dates += [("discovery", m.discovery_date, m.user_id)
              for m in space.memberships if m.discovery_date is not None]
    found = []
    for kind, day, person in dates:
        upcoming = next_anniversary(day, today)
        found.append({"kind": kind, "date": day, "person_id": person, "next": upcoming,
                      "years": upcoming.year - day.year, "days_until": (upcoming - today).days})
    return sorted(found, key=lambda item: item["next"])
