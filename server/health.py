"""GET /api/health: is the app up and can it reach its database; asked from a private or
loopback address (an operator on the server, a monitor on the private network), also how the
reminder workers are doing. Behind the proxy the address is the client's (TRUSTED_PROXY_HOPS),
so the detail is never shown to the internet."""

import ipaddress
import logging

import marshmallow as ma
from flask import current_app, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from server.api import Blueprint
from server.database import utcnow
from server.errors import ApiError
from server.extensions import db
from server.push import monitor

bp = Blueprint("health", __name__, url_prefix="/api", description="Liveness")
log = logging.getLogger(__name__)


class DeliveriesOut(ma.Schema):
    sent = ma.fields.Integer()
    gone = ma.fields.Integer()
    retried = ma.fields.Integer()
    failed = ma.fields.Integer()
    rejected = ma.fields.Integer()
    expired = ma.fields.Integer()


class WorkerOut(ma.Schema):
    worker = ma.fields.String()
    started_at = ma.fields.AwareDateTime()
    ticked_at = ma.fields.AwareDateTime()
    seconds_since_tick = ma.fields.Float()
    reminded_at = ma.fields.AwareDateTime(allow_none=True)
    lateness_seconds = ma.fields.Float(allow_none=True)
    deliveries = ma.fields.Nested(DeliveriesOut)


class WorkersOut(ma.Schema):
    status = ma.fields.String(metadata={"description": "ok, or unhealthy when no worker has "
                                                      "ticked within WORKER_STALE_SECONDS"})
    workers = ma.fields.List(ma.fields.Nested(WorkerOut))


class HealthOut(ma.Schema):
    status = ma.fields.String()
    database = ma.fields.String()
    reminders = ma.fields.Nested(WorkersOut, metadata={
        "description": "Only to a private or loopback address."})


def asked_privately() -> bool:
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return address.is_private or address.is_loopback


@bp.route("/health", methods=["GET"])
@bp.response(200, HealthOut)
def health():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("Health check could not reach the database")
        raise ApiError(503, "database_unavailable", "The database cannot be reached.") from None
    answer = {"status": "ok", "database": db.engine.dialect.name}
    if asked_privately():
        # The web is healthy without a worker (the HTTP status says so, for load balancers);
        # a stale worker shows here, for the operator's monitor.
        answer["reminders"] = monitor.report(
            utcnow(), current_app.config["WORKER_STALE_SECONDS"]).__dict__
    return answer


# Asked over plain HTTP on the loopback port (an operator on the server, a platform's router
# health check), it answers instead of redirecting to https: Caddy never passes plain HTTP on.
health.talisman_view_options = {"force_https": False}
