"""Field helpers for request schemas, so every text field and every instant is bounded the same
way."""

from datetime import UTC, datetime
from functools import cache
from zoneinfo import available_timezones

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


class Moment(ma.fields.AwareDateTime):
    """A date-time with its UTC offset (e.g. 2026-11-24T21:05:00+01:00), from 1900 to 2200."""

    default_error_messages = {"range": "Must be between 1900 and 2200."}

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            in_utc = moment.astimezone(UTC)
        except OverflowError:
            raise self.make_error("range") from None
        if not EARLIEST <= in_utc < LATEST:
            raise self.make_error("range")
        return moment


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def iana_zone(name: str) -> None:
    """A real IANA zone name. Checked against the list, never by opening a file named after
    whatever the client sent."""
    if name not in _zone_names():
        raise ma.ValidationError("Not an IANA time zone (e.g. Europe/Berlin).")

