"""Each partner writes their own reflection and joy rating on a shared experience."""

from server.auth.models import User
from server.database import utcnow
from server.errors import ApiError
from server.experiences.models import Experience, Reflection
from server.extensions import db
from server.records import rules
from server.records.models import Revision


def write_mine(kind, user: User, experience: Experience, data: dict) -> Reflection | None:
    """Create or change my reflection. The same step sent again (its id made on the phone,
    rules.step_replayed) or the same words again change nothing; a change must name the version
    of my reflection it was based on, and is a revision of the experience both partners read
    (numbered by the experience's version, which it moves on)."""
    if experience.withdrawn_at is not None:
        raise ApiError(409, "withdrawn", "This experience was withdrawn.")
    mine = next((r for r in experience.reflections if r.author_id == user.id), None)
    step_id = data.get("id")
    if rules.step_replayed(kind, user, experience, step_id):
        return mine
    rules.take_step(kind, user, experience, step_id)
    if mine is None:
        # One per person (a unique rule): my other phone's first reflection at the same moment
        # makes this request run again and find it.
        mine = Reflection(author_id=user.id, text=data.get("text"), joy=data["joy"])
        experience.reflections.append(mine)
        db.session.flush()
        return mine
    changes = {f"reflection.{name}": {"from": getattr(mine, name), "to": data.get(name)}
               for name in ("text", "joy") if getattr(mine, name) != data.get(name)}
    if not changes:
        return mine
    if data.get("version") != mine.version:
        raise ApiError(409, "stale_version", f"Your reflection was changed since (now version "
                       f"{mine.version}). Compare and try again.",
                       {"version": f"Current version is {mine.version}."})
    now = utcnow()
    mine.text, mine.joy = data.get("text"), data["joy"]
    mine.version += 1
    mine.updated_at = now
    experience.version += 1
    experience.updated_at = now
    db.session.add(Revision(record_kind="experience", record_id=experience.id,
                            space_id=experience.space_id, author_id=user.id,
                            version=experience.version, changes=changes, step_id=step_id))
    db.session.flush()
    return mine
