"""Every event of the space in time order, as one UNION ALL query paged in the database."""

import uuid
from functools import cache

from sqlalchemy import String, bindparam, literal, null, or_, select, union_all
from sqlalchemy.sql import Select

from server.agreements.models import AgreementEvent
from server.auth.models import User
from server.extensions import db
from server.questions.models import Answer, Question
from server.records import pagination
from server.records.models import Acknowledgement
from server.records.registry import KINDS
from server.rituals.models import Occurrence, OccurrenceMark
from server.space.services import live_space_id


def _event(kind: str, id_, subject_id, author_id, at, detail=None) -> list:
    return [literal(kind, String).label("kind"), id_.label("id"),
            subject_id.label("subject_id"), author_id.label("author_id"), at.label("at"),
            (detail if detail is not None else null()).cast(String).label("detail")]


@cache
def _events():
    """Every event this person may see, as one subquery with two parameters: `space_id` (their
    live space) and `user_id` (themselves). Built once per process — the statement is the same
    for everyone, and building it cost a third of a timeline request."""
    return union_all(*_sources()).subquery("events")


def _sources() -> list[Select]:
    """One SELECT per kind of event, each limited to what this person may see."""
    space_id, user_id = bindparam("space_id"), bindparam("user_id")

    def ours(space_column, author_column):
        return or_(space_column == space_id, author_column == user_id)

    def both_ways(query, space_column, author_column):
        # "ours" across two joined tables cannot use an index on either; as two branches each
        # one can (the second never repeats the first: it excludes our space).
        return [query.where(space_column == space_id),
                query.where(author_column == user_id, space_column != space_id)]

    sources = []
    for kind in KINDS.values():
        model = kind.model
        if kind.shared:
            where = ours(model.space_id, model.author_id)
        else:
            where = (model.author_id == user_id) & model.withdrawn_at.is_(None)
        sources.append(select(*_event(kind.name, model.id, model.id, model.author_id,
                                      model.occurred_at)).where(where))
    sources.append(select(*_event(
        "acknowledgement", Acknowledgement.id, Acknowledgement.record_id,
        Acknowledgement.author_id, Acknowledgement.created_at, Acknowledgement.record_kind,
    )).where(ours(Acknowledgement.space_id, Acknowledgement.author_id)))
    answers = select(*_event(
        "answer", Answer.id, Answer.question_id, Answer.author_id, Answer.created_at,
    )).join(Question, Question.id == Answer.question_id)
    sources += both_ways(answers, Question.space_id, Answer.author_id)
    sources.append(select(*_event(
        "agreement_step", AgreementEvent.id, AgreementEvent.agreement_id, AgreementEvent.actor_id,
        AgreementEvent.at, AgreementEvent.step,
    )).where(ours(AgreementEvent.space_id, AgreementEvent.actor_id)))
    marks = select(*_event(
        "ritual_done", Occurrence.id, Occurrence.ritual_id, OccurrenceMark.user_id,
        OccurrenceMark.at, OccurrenceMark.status,
    )).join(OccurrenceMark, OccurrenceMark.occurrence_id == Occurrence.id)
    sources += both_ways(marks, Occurrence.space_id, OccurrenceMark.user_id)
    return sources


@cache
def _page(since: bool, until: bool, kinds: bool, cursor: bool, limit: int) -> Select:
    """A page of events for one shape of request, built once per process: the person, their
    space, the bounds, the kinds and the cursor are parameters."""
    events = _events()
    where = []
    if since:
        where.append(events.c.at >= bindparam("since"))
    if until:
        where.append(events.c.at < bindparam("until"))
    if kinds:
        where.append(events.c.kind.in_(bindparam("kinds", expanding=True)))
    if cursor:
        where.append(pagination.after(events.c.at, events.c.id))
    return (select(events, User.display_name.label("author_name"))
            .outerjoin(User, User.id == events.c.author_id)
            .where(*where).order_by(events.c.at.desc(), events.c.id.desc()).limit(limit + 1))


def page(user: User, query: dict) -> tuple[list[dict], str | None]:
    user_id, limit = user.id, query["limit"]
    # No space (it ended): a space id that exists nowhere, so only their own events match.
    parameters = {"space_id": live_space_id(user) or uuid.UUID(int=0), "user_id": user_id,
                  "since": query.get("since"), "until": query.get("until"),
                  "kinds": query.get("kinds")}
    if query.get("cursor"):
        parameters.update(pagination.after_parameters(query["cursor"]))
    statement = _page(query.get("since") is not None, query.get("until") is not None,
                      bool(query.get("kinds")), bool(query.get("cursor")), limit)
    rows = db.session.execute(statement, parameters).mappings().all()
    items = [{**row, "is_mine": row["author_id"] == user_id} for row in rows[:limit]]
    next_cursor = pagination.encode(rows[limit - 1]["at"], rows[limit - 1]["id"]) \
        if len(rows) > limit else None
    return items, next_cursor
