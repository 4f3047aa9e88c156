"""When a ritual next falls: computed on the wall clock of the ritual's own zone.

A day is never "+24 h": across a DST change the same local time is 23 or 25 hours away. Local
times that do not exist (the spring gap) move forward by the gap, as zoneinfo does with fold=0
(02:30 on the night clocks jump from 02:00 to 03:00 becomes 03:30); local times that happen
twice (the autumn fold) take the first of the two."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of `at` on `day` in `zone` (fold=0: first in a fold, forward in a gap)."""
    return datetime.combine(day, at, zone).replace(fold=0).astimezone(UTC)


def next_occurrence(weekdays: list[int], at: time, zone_name: str,
                    after: datetime) -> tuple[date, datetime]:
    """The first (local date, UTC instant) strictly after `after` on one of the ISO weekdays."""
    zone = ZoneInfo(zone_name)
    day = after.astimezone(zone).date() - timedelta(days=1)  # a gap can pull yesterday forward
    for _ in range(9):
        if day.isoweekday() in weekdays:
            instant = local_instant(day, at, zone)
            if instant > after:
                return day, instant
        day += timedelta(days=1)
    raise ValueError("a ritual needs at least one weekday")
