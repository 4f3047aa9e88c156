"""GET /api/health: is the app up and can it reach its database."""

import logging

import marshmallow as ma
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from server.api import Blueprint
from server.errors import ApiError
from server.extensions import db

bp = Blueprint("health", __name__, url_prefix="/api", description="Liveness")
log = logging.getLogger(__name__)


class HealthOut(ma.Schema):
    status = ma.fields.String()
    database = ma.fields.String()


@bp.route("/health", methods=["GET"])
@bp.response(200, HealthOut)
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("Health check could not reach the database")
        raise ApiError(503, "database_unavailable", "The database cannot be reached.") from None
    return {"status": "ok", "database": db.engine.dialect.name}
