"""The reveal rule: my answer is mine alone until both of us answered; then both see both.

What the partner wrote leaves the server only in present_day(), and only once the day is
revealed. Revealing is decided under the day's version (models.DailyQuestion), so two answers
arriving at the same moment reveal it exactly once."""

import uuid
from datetime import date

from sqlalchemy import select

from server.auth.models import User
from server.daily import choice
from server.daily.bank import BY_ID
from server.daily.models import DailyAnswer, DailyQuestion
from server.daily.schemas import DailyAnswerOut
from server.database import utcnow
from server.errors import ApiError, not_found
from server.extensions import db
from server.records import rules
from server.records.kinds import RecordKind
from server.records.models import Revision
from server.space.services import current_space_id, live_space_id


# The shared machinery's view of an answer (versions, revisions); it has no generic routes, so
# no generic list, export or timeline ever shows an answer that is not yet revealed.
def _build(answer: DailyAnswer, _user, fields: dict) -> None:
    answer.daily_question_id = fields["daily_question_id"]
    answer.text = fields["text"]


KIND = RecordKind(name="daily_answer", model=DailyAnswer, create_schema=None, editable=("text",),
                  out_fields=("text",), build=_build,
                  notifies="daily",  # never the words: they wait for the partner's answer
                  # Only ever my own answer (a stale revision's `current`).
                  as_answered=lambda answer: DailyAnswerOut().dump(present_answer(answer)))


def _day_row(space_id: uuid.UUID, day: date) -> DailyQuestion | None:
    return db.session.scalar(select(DailyQuestion).where(DailyQuestion.space_id == space_id,
                                                         DailyQuestion.day == day))


def _answers(row: DailyQuestion) -> list[DailyAnswer]:
    return list(db.session.scalars(select(DailyAnswer).where(
        DailyAnswer.daily_question_id == row.id).order_by(DailyAnswer.occurred_at)))


def present_answer(answer: DailyAnswer) -> dict:
    history = db.session.scalars(select(Revision).where(
        Revision.record_kind == KIND.name, Revision.record_id == answer.id)
        .order_by(Revision.version))
    return {"id": answer.id, "version": answer.version, "text": answer.text,
            "author_id": answer.author_id, "answered_at": answer.occurred_at,
            "revisions": [{"version": r.version, "at": r.created_at,
                           "text_before": r.changes["text"]["from"]} for r in history]}


def present_day(user: User, row: DailyQuestion | None, prompt) -> dict:
    """The day as this person may see it: the partner's words only once revealed."""
    answers = _answers(row) if row is not None else []
    mine = next((a for a in answers if a.author_id == user.id), None)
    theirs = next((a for a in answers if a.author_id != user.id), None)
    revealed = row is not None and row.revealed_at is not None and mine is not None
    return {"day": row.day if row else None, "prompt": prompt and {
                "id": prompt.id, "part": prompt.part, "weight": prompt.weight,
                "text": prompt.text},
            "mine": present_answer(mine) if mine else None,
            "partner_answered": theirs is not None,
            "partner": present_answer(theirs) if revealed and theirs else None,
            "revealed_at": row.revealed_at if revealed else None}


def today(user: User, day: date) -> dict:
    space_id = current_space_id(user)
    row = _day_row(space_id, day)
    prompt = BY_ID.get(row.prompt_id) if row else choice.prompt_for(space_id, day)
    answer = present_day(user, row, prompt)
    answer["day"] = day
    answer["gentle"] = choice.after_a_setback(space_id, day)
    return answer


def answered_days(user: User) -> list[dict]:
    """Every day I answered, newest first: in my live space with the partner's answer once
    revealed; from an ended space, my own words only (the former partner's stay with them)."""
    live = live_space_id(user)
    rows = db.session.scalars(select(DailyQuestion).join(
        DailyAnswer, DailyAnswer.daily_question_id == DailyQuestion.id)
        .where(DailyAnswer.author_id == user.id).order_by(DailyQuestion.day.desc()))
    days = []
    for row in rows:
        day = present_day(user, row, BY_ID.get(row.prompt_id))
        if row.space_id != live:
            day["partner"] = None
        days.append(day)
    return days


def _replay_or_revision(user, answer: DailyAnswer, data: dict) -> None:
    """The same id again: a replay (same words, or a change already made) changes nothing;
    with a version, it is a revision of my answer, kept in its history."""
    if answer.author_id != user.id or live_space_id(user) != answer.space_id:
        raise not_found("answer")  # the partner's answer is not there for me to touch
    if data.get("version") is None:
        body = {**_create_fields(data), "daily_question_id": answer.daily_question_id}
        if rules.fingerprint(body) != answer.create_fingerprint:
            raise ApiError(409, "id_conflict", "A different answer was already saved with this "
                           "id.", {"id": "Already used."})
        return
    rules.update(KIND, user, answer, {"version": data["version"], "text": data["text"],
                                      "id": data.get("id")})


def _create_fields(data: dict) -> dict:
    return {k: data[k] for k in ("day", "prompt_id", "text", "occurred_at")}


def answer(user: User, answer_id: uuid.UUID, data: dict) -> DailyAnswer:
    """Answer a day's question (or revise my answer, naming the version I saw)."""
    existing = db.session.get(DailyAnswer, answer_id)
    if existing is not None:
        _replay_or_revision(user, existing, data)
        return existing
    space_id = current_space_id(user)
    day, prompt_id = data["day"], data["prompt_id"]
    row = _day_row(space_id, day)
    if row is None:
        if prompt_id not in BY_ID:
            raise ApiError(422, "validation_error", "No such prompt.",
                           {"prompt_id": "Not a prompt of the bank."})
        # Both partners answering a fresh day at once: the unique day refuses one insert and
        # that request runs again, to find this row.
        row = DailyQuestion(space_id=space_id, day=day, prompt_id=prompt_id)
        db.session.add(row)
        db.session.flush()
    elif row.prompt_id != prompt_id:
        raise ApiError(409, "other_prompt", "Today's question was already answered on another "
                       "prompt. Read it and answer that one.", {"prompt_id": row.prompt_id})
    if any(a.author_id == user.id for a in _answers(row)):
        raise ApiError(409, "already_answered", "You already answered this day's question; "
                       "change that answer instead.", {"day": "Already answered."})
    new, _ = rules.create(KIND, user, answer_id, {
        **_create_fields(data), "daily_question_id": row.id})
    if len(_answers(row)) == 2:
        row.revealed_at = utcnow()
    # Every answer moves the day on, checked in its UPDATE: of two at once, one runs again.
    row.version += 1
    db.session.flush()
    return new


def day_of(user: User, answer: DailyAnswer) -> dict:
    row = db.session.get(DailyQuestion, answer.daily_question_id)
    return present_day(user, row, BY_ID.get(row.prompt_id))
