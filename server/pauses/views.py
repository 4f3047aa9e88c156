import uuid
from datetime import timedelta

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate
from sqlalchemy import select

from server.api import Blueprint
from server.database import utcnow
from server.extensions import db
from server.fields import optional_text
from server.pauses.models import Pause
from server.records import service
from server.records.kinds import RecordKind
from server.records.present import Presenter, present_one
from server.records.routes import add_record_routes
from server.records.schemas import OccurredAt

bp = Blueprint("pauses", __name__, url_prefix="/api/pauses", description="I need a pause")

DEFAULT_MINUTES = 20
MAX_MINUTES = 24 * 60
LONGEST_PAUSE = timedelta(minutes=MAX_MINUTES)


class PauseIn(ma.Schema):
    minutes = ma.fields.Integer(validate=validate.Range(1, MAX_MINUTES),
                                load_default=DEFAULT_MINUTES)
    note = optional_text(500)
    occurred_at = OccurredAt()


KIND = RecordKind(
    name="pause", model=Pause, create_schema=PauseIn, editable=("minutes", "note"),
    notifies="pause",
    out_fields=("minutes", "note", "until", "ended_at", "ended_by_id"),
    extra_out={"until": ma.fields.AwareDateTime(), "ended_at": ma.fields.AwareDateTime(
        allow_none=True), "ended_by_id": ma.fields.UUID(allow_none=True)},
)
PauseOut = add_record_routes(bp, KIND, "")


@bp.route("/active", methods=["GET"])
@login_required
@bp.response(200, PauseOut(many=True))
def active_pauses():
    """Pauses running now in our space, whoever asked for them."""
    now = utcnow()
    candidates = db.session.scalars(select(Pause).where(
        *service.scope(KIND, current_user), Pause.ended_at.is_(None),
        Pause.withdrawn_at.is_(None), Pause.occurred_at > now - LONGEST_PAUSE))
    active = [p for p in candidates if p.is_active(now)]
    presenter = Presenter(KIND, current_user, active)
    return [presenter(p) for p in active]


@bp.route("/<uuid:record_id>/end", methods=["POST"])
@login_required
@bp.response(200, PauseOut)
def end_pause(record_id: uuid.UUID):
    """Either partner may end a pause; ending it twice is harmless."""
    pause = service.visible(KIND, current_user, record_id)
    if pause.ended_at is None:
        service.refuse_unless_live(KIND, current_user, pause)  # an ended space is read-only
        pause.ended_at = utcnow()
        pause.ended_by_id = current_user.id
        # A step on the record: of both partners ending it at once, one ends it and the other
        # runs again to find it ended (the UPDATE checks the version, records.models).
        pause.version += 1
        db.session.flush()
    return present_one(KIND, current_user, pause)
