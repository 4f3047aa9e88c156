import uuid
from datetime import timedelta

from flask_login import current_user, login_required
from sqlalchemy import select

from server.api import Blueprint
from server.database import utcnow
from server.extensions import db
from server.pauses.kind import KIND, MAX_MINUTES
from server.pauses.models import Pause
from server.records import rules
from server.records.present import Presenter, present_one
from server.records.routes import add_record_routes
from server.records.schemas import StepIn

bp = Blueprint("pauses", __name__, url_prefix="/api/pauses", description="I need a pause")

LONGEST_PAUSE = timedelta(minutes=MAX_MINUTES)
PauseOut = add_record_routes(bp, KIND, "")


@bp.route("/active", methods=["GET"])
@login_required
@bp.response(200, PauseOut(many=True))
def active_pauses():
    """Pauses running now in our space, whoever asked for them."""
    now = utcnow()
    candidates = db.session.scalars(select(Pause).where(
        *rules.scope(KIND, current_user), Pause.ended_at.is_(None),
        Pause.withdrawn_at.is_(None), Pause.occurred_at > now - LONGEST_PAUSE))
    active = [p for p in candidates if p.is_active(now)]
    presenter = Presenter(KIND, current_user, active)
    return [presenter(p) for p in active]


@bp.route("/<uuid:record_id>/end", methods=["POST"])
@login_required
@bp.arguments(StepIn, required=False)
@bp.response(200, PauseOut)
def end_pause(data, record_id: uuid.UUID):
    """Either partner may end a pause; ending it twice is harmless, and the same end sent again
    (its id made on the phone, rules.step_replayed) changes nothing."""
    pause = rules.visible(KIND, current_user, record_id)
    if rules.step_replayed(KIND, current_user, pause, data.get("id")):
        return present_one(KIND, current_user, pause)
    if pause.ended_at is None:
        rules.refuse_unless_live(KIND, current_user, pause)  # an ended space is read-only
        pause.ended_at = utcnow()
        pause.ended_by_id = current_user.id
        # A step on the record: of both partners ending it at once, one ends it and the other
        # runs again to find it ended (the UPDATE checks the version, records.models).
        pause.version += 1
        db.session.flush()
    rules.take_step(KIND, current_user, pause, data.get("id"))
    return present_one(KIND, current_user, pause)
