"""How a day's question looks in answers (the API, and my export)."""

import marshmallow as ma


class DailyRevisionOut(ma.Schema):
    version = ma.fields.Integer()
    at = ma.fields.AwareDateTime()
    text_before = ma.fields.String()


class DailyAnswerOut(ma.Schema):
    id = ma.fields.UUID()
    version = ma.fields.Integer()
    text = ma.fields.String()
    author_id = ma.fields.UUID()
    answered_at = ma.fields.AwareDateTime()
    revisions = ma.fields.List(ma.fields.Nested(DailyRevisionOut))


class DailyPromptOut(ma.Schema):
    id = ma.fields.String()
    part = ma.fields.String()
    weight = ma.fields.String(metadata={"description": "light | deep"})
    text = ma.fields.String()


class DayOut(ma.Schema):
    day = ma.fields.Date()
    prompt = ma.fields.Nested(DailyPromptOut, allow_none=True,
                              metadata={"description": "null: every prompt was had this year"})
    mine = ma.fields.Nested(DailyAnswerOut, allow_none=True)
    partner_answered = ma.fields.Boolean()
    partner = ma.fields.Nested(DailyAnswerOut, allow_none=True,
                               metadata={"description": "Only once both have answered"})
    revealed_at = ma.fields.AwareDateTime(allow_none=True)


class TodayOut(DayOut):
    gentle = ma.fields.Boolean(metadata={"description": "Light prompts only, after a setback"})
