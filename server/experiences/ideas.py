"""The built-in bank of simple shared activities (ideas.json), and a couple's marks on it."""

import json
import uuid
from functools import cache
from pathlib import Path

from sqlalchemy import delete, select

from server.auth.models import User
from server.database import utcnow
from server.errors import not_found
from server.experiences.models import IdeaMark
from server.extensions import db
from server.records import rules
from server.space.models import Space

IDEAS_FILE = Path(__file__).with_name("ideas.json")


@cache
def bank() -> dict:
    return json.loads(IDEAS_FILE.read_text(encoding="utf-8"))


def known(idea_id: str) -> dict:
    idea = next((i for i in bank()["ideas"] if i["id"] == idea_id), None)
    if idea is None:
        raise not_found("idea")
    return idea


def with_marks(space: Space) -> list[dict]:
    marks = {m.idea_id: m for m in db.session.scalars(
        select(IdeaMark).where(IdeaMark.space_id == space.id))}
    return [{**idea, "picked_at": getattr(marks.get(idea["id"]), "picked_at", None),
             "done_at": getattr(marks.get(idea["id"]), "done_at", None)}
            for idea in bank()["ideas"]]


def _on(space: Space, idea_id: str) -> tuple[str, uuid.UUID]:
    """What a step on an idea is on: the couple's mark on it (rules.replayed_on)."""
    return f"idea {idea_id}", space.id


# Each step carries an id made on the phone: sent again by an outbox, after the partner's later
# step (a pick after their "not now"), it changes nothing. Without one (an outbox queued by an
# older build), marking twice changes nothing either.

def mark(user: User, space: Space, idea_id: str, done: bool,
         step_id: uuid.UUID | None = None) -> dict:
    """Pick an idea (and mark it done)."""
    idea = known(idea_id)
    row = db.session.get(IdeaMark, (space.id, idea_id))
    if rules.replayed_on(_on(space, idea_id), user, step_id):
        return {**idea, "picked_at": getattr(row, "picked_at", None),
                "done_at": getattr(row, "done_at", None)}
    rules.keep_step(_on(space, idea_id), user, step_id)
    if row is None:
        row = IdeaMark(space_id=space.id, idea_id=idea_id)
        db.session.add(row)
    if done and row.done_at is None:
        row.done_at = utcnow()
    # One mark per couple and idea: both partners picking it at once, one runs again and finds it.
    db.session.flush()
    return {**idea, "picked_at": row.picked_at, "done_at": row.done_at}


def unmark(user: User, space: Space, idea_id: str, step_id: uuid.UUID | None = None) -> None:
    known(idea_id)
    if rules.replayed_on(_on(space, idea_id), user, step_id):
        return
    rules.keep_step(_on(space, idea_id), user, step_id)
    # Unpicking twice (both partners at once) leaves it unpicked: nothing to refuse.
    db.session.execute(delete(IdeaMark).where(IdeaMark.space_id == space.id,
                                              IdeaMark.idea_id == idea_id))
