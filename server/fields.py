"""Field helpers for request schemas, so every text field and every instant is bounded the same
way."""

from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

import marshmallow as ma
from marshmallow import validate


def not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("Must not be blank.")


def required_text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(required=True, validate=[validate.Length(min=1, max=max_length),
                                                     not_blank], **kwargs)


def optional_text(max_length: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(max=max_length), allow_none=True, **kwargs)


# The instants the server stores and computes with. Wider would let a year-1 or year-9999 time
# leave the calendar once moved to UTC (or when a pause's hours are added) and fail the request.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
RANGE = "Must be between 1900 and 2200."


def in_range(moment: datetime) -> datetime | None:
    """The moment in UTC, or None when it lies outside the range the app keeps."""
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        return None
    return in_utc if EARLIEST <= in_utc < LATEST else None


def day_in_range(day: date) -> bool:
    """A calendar day whose every hour, in any time zone, lies inside the range."""
    return EARLIEST.date() < day < LATEST.date()


class Moment(ma.fields.AwareDateTime):
    """A date-time with its UTC offset (e.g. 2026-11-24T21:05:00+01:00), from 1900 to 2200."""

    default_error_messages = {"range": RANGE}

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        if in_range(moment) is None:
            raise self.make_error("range")
        return moment


class Day(ma.fields.Date):
    """A calendar day (e.g. 2026-11-24), from 1900 to 2200."""

    default_error_messages = {"range": RANGE}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not day_in_range(day):
            raise self.make_error("range")
        return day


class WallTime(ma.fields.Time):
    """A time on the wall clock (e.g. 21:00), without a UTC offset: the zone is given apart, and
    the time stays the same wall time when that zone's offset changes."""

    default_error_messages = {"offset": "Give the time without a UTC offset, e.g. 21:00."}

    def _deserialize(self, value, attr, data, **kwargs):
        wall = super()._deserialize(value, attr, data, **kwargs)
        if wall.tzinfo is not None:
            raise self.make_error("offset")
        return wall


@cache
def _zone_names() -> frozenset[str]:
    # The IANA database's own list of zones and links (the tzdata package), not whatever the
    # system's zoneinfo folder holds ("localtime", "posixrules"); "Factory" is what a machine
    # whose zone was never set reports, no place a person lives.
    names = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(names) - {"Factory"}


def iana_zone(name: str) -> None:
    """A real IANA zone name. Checked against the list, never by opening a file named after
    whatever the client sent."""
    if name not in _zone_names():
        raise ma.ValidationError("Not an IANA time zone (e.g. Europe/Berlin).")

