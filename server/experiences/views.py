import uuid

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate

from server.api import Blueprint
from server.experiences import ideas, reflections
from server.experiences.kind import KIND
from server.fields import optional_text
from server.records import rules
from server.records.present import present_one
from server.records.routes import add_record_routes
from server.records.schemas import StepIn
from server.space.services import current_space

bp = Blueprint("experiences", __name__, url_prefix="/api",
               description="Shared experiences and the idea bank")


class ReflectionIn(StepIn):
    text = optional_text(4000)
    joy = ma.fields.Integer(required=True, strict=True, validate=validate.Range(1, 5))
    version = ma.fields.Integer(validate=validate.Range(min=1),
                                metadata={"description": "Needed to change an existing one"})


class IdeaOut(ma.Schema):
    id = ma.fields.String()
    group = ma.fields.String()
    title = ma.fields.String()
    picked_at = ma.fields.AwareDateTime(allow_none=True)
    done_at = ma.fields.AwareDateTime(allow_none=True)


class IdeaBankOut(ma.Schema):
    groups = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    ideas = ma.fields.List(ma.fields.Nested(IdeaOut))


ExperienceOut = add_record_routes(bp, KIND, "/experiences")


@bp.route("/experiences/<uuid:record_id>/reflection", methods=["PUT"])
@login_required
@bp.arguments(ReflectionIn)
@bp.response(200, ExperienceOut)
def write_my_reflection(data, record_id: uuid.UUID):
    """My own reflection and joy rating (1–5) on this experience."""
    experience = rules.visible(KIND, current_user, record_id)
    rules.refuse_unless_live(KIND, current_user, experience)  # an ended space is read-only
    reflections.write_mine(KIND, current_user, experience, data)
    return present_one(KIND, current_user, experience)


@bp.route("/ideas", methods=["GET"])
@login_required
@bp.response(200, IdeaBankOut)
def idea_bank():
    """Simple things to do together, grouped, with what we picked and did."""
    space = current_space(current_user)
    return {"groups": ideas.bank()["groups"], "ideas": ideas.with_marks(space)}


@bp.route("/ideas/<string:idea_id>/pick", methods=["PUT"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(200, IdeaOut)
def pick_idea(data, idea_id: str):
    return ideas.mark(current_user, current_space(current_user), idea_id, done=False,
                      step_id=data.get("id"))


@bp.route("/ideas/<string:idea_id>/done", methods=["PUT"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(200, IdeaOut)
def idea_done(data, idea_id: str):
    return ideas.mark(current_user, current_space(current_user), idea_id, done=True,
                      step_id=data.get("id"))


@bp.route("/ideas/<string:idea_id>/pick", methods=["DELETE"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(204)
def unpick_idea(data, idea_id: str):
    ideas.unmark(current_user, current_space(current_user), idea_id, data.get("id"))
