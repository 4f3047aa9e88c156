"""The ledger's rules: who may answer, ask again, ask for time or park; answers only grow."""

import uuid
from datetime import date

from sqlalchemy import func, select

from server.auth.models import User
from server.database import utcnow
from server.errors import ApiError, StaleVersion
from server.extensions import db
from server.push.services import notify_partner
from server.questions.models import Answer, Question
from server.records import rules
from server.records.kinds import RecordKind
from server.records.models import Revision


def _as_asker(kind: RecordKind, user: User, question: Question) -> None:
    rules.refuse_unless_live(kind, user, question)
    if question.author_id != user.id:
        raise ApiError(403, "not_asker", "Only the person who asked can do this.")


def _as_answerer(kind: RecordKind, user: User, question: Question) -> None:
    rules.refuse_unless_live(kind, user, question)
    if question.author_id == user.id:
        raise ApiError(403, "not_answerer", "A question is answered by the partner it was asked "
                       "of.")


def _in_place(question: Question, values: dict) -> bool:
    """The move would change nothing: the question is where it wants it already."""
    return all(getattr(question, name) == value for name, value in values.items())


def _transition(kind, user, question, version, values, step_id) -> None:
    """Move the question, based on the current version. Every move is a revision both partners
    see, with the id the phone made for it."""
    rules.check_version(kind, question, version)
    rules.apply_change(kind, user, question, values, step_id)


def answer(kind, user, question: Question, answer_id: uuid.UUID, text: str, based_on: int
           ) -> Answer:
    """Add an answer. A changed answer is a new one: the history stays whole. `based_on` is the
    number of the answer the phone saw (0 for none), so two devices cannot talk over each other."""
    existing = db.session.get(Answer, answer_id)
    if existing is not None:
        if existing.question_id != question.id or existing.text != text:
            raise ApiError(409, "id_conflict", "A different answer was saved with this id.",
                           {"id": "Already used."})
        return existing
    _as_answerer(kind, user, question)
    if question.state == "parked":
        raise ApiError(409, "parked", "The asker parked this question for now.")
    latest = db.session.scalar(select(func.max(Answer.number))
                               .where(Answer.question_id == question.id)) or 0
    if based_on != latest:
        raise StaleVersion(kind, question, f"The answer changed since you saw it (now answer "
                           f"#{latest}). Read it and try again.", {"based_on": f"Now {latest}."},
                           extra={"based_on": latest})
    new = Answer(id=answer_id, author_id=user.id, number=latest + 1, text=text)
    question.answers.append(new)
    if not rules.apply_change(kind, user, question, {"state": "answered",
                                                       "needs_time_until": None,
                                                       "asker_response": None}):
        # A revised answer changes none of the question's own fields, yet the question moved on:
        # a phone that saw the earlier answer is stale (its "this helped" must not land on an
        # answer it never showed), and the step is in the history both see.
        question.version += 1
        question.updated_at = utcnow()
        db.session.add(Revision(record_kind=kind.name, record_id=question.id,
                                space_id=question.space_id, author_id=user.id,
                                version=question.version,
                                changes={"answer": {"from": latest, "to": latest + 1}}))
    # Two answers on one base: the answer number is unique and the question's version is
    # checked in its UPDATE, so the second runs again and is told it is stale.
    db.session.flush()
    notify_partner(user.id, "answered")
    return new


# Each move: who may make it, then a move already in place or a replayed step (its id is in the
# history: rules.step_replayed) changes nothing, then the rules of the state it is in.

def needs_time(kind, user, question, version, until: date | None, step_id=None) -> None:
    _as_answerer(kind, user, question)
    values = {"state": "needs_time", "needs_time_until": until}
    if _in_place(question, values) or rules.step_replayed(kind, user, question, step_id):
        return
    if question.state == "parked":
        raise ApiError(409, "parked", "The asker parked this question for now.")
    _transition(kind, user, question, version, values, step_id)


def reopen(kind, user, question, version, follow_up: str, step_id=None) -> None:
    _as_asker(kind, user, question)
    values = {"state": "open", "follow_up": follow_up,
              "asker_response": "still_questions" if question.answers else None}
    if _in_place(question, values) or rules.step_replayed(kind, user, question, step_id):
        return
    if question.state not in ("answered", "needs_time", "open"):
        raise ApiError(409, "not_answered", "Unpark the question first.")
    _transition(kind, user, question, version, values, step_id)


def park(kind, user, question, version, parked: bool, step_id=None) -> None:
    _as_asker(kind, user, question)
    values = {"state": "parked" if parked else ("answered" if question.answers else "open")}
    if not (_in_place(question, values) or rules.step_replayed(kind, user, question, step_id)):
        _transition(kind, user, question, version, values, step_id)


def respond(kind, user, question, version, response: str, step_id=None) -> None:
    """The asker's word on the latest answer: "this helped" or "I still have questions"."""
    _as_asker(kind, user, question)
    values = {"asker_response": response}
    if _in_place(question, values) or rules.step_replayed(kind, user, question, step_id):
        return
    if not question.answers:
        raise ApiError(409, "not_answered", "There is no answer yet.")
    _transition(kind, user, question, version, values, step_id)
