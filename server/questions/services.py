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


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def _replayed(kind, user, question, version, values) -> bool:
    """True when this move is already in place, or this person's own step on top of `version`
    already put the question where the move wants it: a phone's outbox sending the move again,
    perhaps after the partner moved on, must change nothing and is no conflict."""
    if all(getattr(question, k) == v for k, v in values.items()):
        return True
    revisions = list(db.session.scalars(select(Revision).where(
        Revision.record_kind == kind.name, Revision.record_id == question.id,
        Revision.version > version).order_by(Revision.version)))
    if not revisions or revisions[0].version != version + 1 or revisions[0].author_id != user.id:
        return False

    def right_after_that_step(name):
        # A field's value then: the "from" of the next step that changed it, else today's value.
        for later in revisions[1:]:
            if name in later.changes:
                return later.changes[name]["from"]
        return _plain(getattr(question, name))

    return all(right_after_that_step(k) == _plain(v) for k, v in values.items())


def _transition(kind, user, question, version, values) -> None:
    """Move the question, based on the current version. Every move is a revision both partners
    see."""
    rules.check_version(kind, question, version)
    rules.apply_change(kind, user, question, values)


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


# Each move: who may make it, then a replay changes nothing, then the rules of the state it is in.

def needs_time(kind, user, question, version, until: date | None) -> None:
    _as_answerer(kind, user, question)
    values = {"state": "needs_time", "needs_time_until": until}
    if _replayed(kind, user, question, version, values):
        return
    if question.state == "parked":
        raise ApiError(409, "parked", "The asker parked this question for now.")
    _transition(kind, user, question, version, values)


def reopen(kind, user, question, version, follow_up: str) -> None:
    _as_asker(kind, user, question)
    values = {"state": "open", "follow_up": follow_up,
              "asker_response": "still_questions" if question.answers else None}
    if _replayed(kind, user, question, version, values):
        return
    if question.state not in ("answered", "needs_time", "open"):
        raise ApiError(409, "not_answered", "Unpark the question first.")
    _transition(kind, user, question, version, values)


def park(kind, user, question, version, parked: bool) -> None:
    _as_asker(kind, user, question)
    values = {"state": "parked" if parked else ("answered" if question.answers else "open")}
    if not _replayed(kind, user, question, version, values):
        _transition(kind, user, question, version, values)


def respond(kind, user, question, version, response: str) -> None:
    """The asker's word on the latest answer: "this helped" or "I still have questions"."""
    _as_asker(kind, user, question)
    values = {"asker_response": response}
    if _replayed(kind, user, question, version, values):
        return
    if not question.answers:
        raise ApiError(409, "not_answered", "There is no answer yet.")
    _transition(kind, user, question, version, values)
