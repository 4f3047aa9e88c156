import uuid

import marshmallow as ma
from flask_login import current_user, login_required
from marshmallow import validate

from server.agreements import services
from server.agreements.kind import KIND, VersionFields
from server.api import Blueprint
from server.fields import required_text
from server.records import rules
from server.records.present import present_one
from server.records.routes import add_record_routes

bp = Blueprint("agreements", __name__, url_prefix="/api/agreements",
               description="Agreements both partners consent to")


class ChangeIn(VersionFields):
    based_on = ma.fields.Integer(required=True, validate=validate.Range(min=1),
                                 metadata={"description": "The latest version number seen"})


class ConsentIn(ma.Schema):
    version_number = ma.fields.Integer(required=True, validate=validate.Range(min=1))


STEP_ID = {"description": "Made on the phone: the same step sent again changes nothing"}


class WithdrawIn(ma.Schema):
    reason = required_text(2000)
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


class ResumeIn(ma.Schema):
    id = ma.fields.UUID(load_default=None, metadata=STEP_ID)


AgreementOut = add_record_routes(bp, KIND, "")


def _visible(record_id):
    return rules.visible(KIND, current_user, record_id)


def _present(agreement):
    return present_one(KIND, current_user, agreement)


@bp.route("/<uuid:record_id>/consent", methods=["POST"])
@login_required
@bp.arguments(ConsentIn)
@bp.response(200, AgreementOut)
def consent(data, record_id: uuid.UUID):
    """Accept a version (the proposal, or a proposed change)."""
    agreement = _visible(record_id)
    services.consent(KIND, current_user, agreement, data["version_number"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/versions/<uuid:version_id>", methods=["PUT"])
@login_required
@bp.arguments(ChangeIn)
@bp.response(201, AgreementOut)
def propose_change(data, record_id: uuid.UUID, version_id: uuid.UUID):
    """Propose a change: a new version both must accept; the current one stays until then."""
    agreement = _visible(record_id)
    services.propose_change(KIND, current_user, agreement, version_id, data)
    return _present(agreement)


@bp.route("/<uuid:record_id>/withdraw", methods=["POST"])
@login_required
@bp.arguments(WithdrawIn)
@bp.response(200, AgreementOut)
def withdraw_consent(data, record_id: uuid.UUID):
    """Withdraw my consent: the agreement pauses, with my reason."""
    agreement = _visible(record_id)
    services.withdraw_consent(KIND, current_user, agreement, data["reason"], data["id"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/resume", methods=["POST"])
@login_required
@bp.arguments(ResumeIn)
@bp.response(200, AgreementOut)
def resume(data, record_id: uuid.UUID):
    """Give my consent again after withdrawing it."""
    agreement = _visible(record_id)
    services.resume(KIND, current_user, agreement, data["id"])
    return _present(agreement)


@bp.route("/<uuid:record_id>/retire", methods=["POST"])
@login_required
@bp.response(200, AgreementOut)
def retire(record_id: uuid.UUID):
    """Ask to retire it; it retires when both asked."""
    agreement = _visible(record_id)
    services.retire(KIND, current_user, agreement)
    return _present(agreement)
