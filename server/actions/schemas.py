import marshmallow as ma
from marshmallow import validate

from server.fields import iana_zone, required_text
from server.records.schemas import OccurredAt

CATEGORIES = ("transparency", "kept_promise", "proactive_checkin", "repair", "care")


class ActionIn(ma.Schema):
    what = required_text(1000)
    category = ma.fields.String(validate=validate.OneOf(CATEGORIES), allow_none=True)
    occurred_at = OccurredAt()


class ConsistencyQuery(ma.Schema):
    days = ma.fields.Integer(validate=validate.Range(1, 366), load_default=30)
    person = ma.fields.String(validate=validate.OneOf(["me", "partner"]), load_default="me")
    tz = ma.fields.String(validate=[validate.Length(max=64), iana_zone], load_default="UTC",
                          metadata={"description": "Whose 'today': an IANA zone"})


class ConsistencyOut(ma.Schema):
    person = ma.fields.String()
    days = ma.fields.Integer()
    days_with_action = ma.fields.Integer(
        metadata={"description": "On how many of the last `days` days at least one action was "
                                 "logged. Not a streak: a missed day never resets it."})
    dates = ma.fields.List(ma.fields.Date(), metadata={"description": "The days that count"})
