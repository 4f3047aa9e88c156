"""HTTP shape of /api/push; the rules are in services."""

import uuid

from flask import current_app, request
from flask_login import current_user, login_required

from server.api import Blueprint
from server.push import services
from server.push.schemas import (
    DeviceOut,
    PreferencesSchema,
    PublicKeyOut,
    SubscribeIn,
    UnsubscribeIn,
)

bp = Blueprint("push", __name__, url_prefix="/api/push",
               description="Web Push: this device's subscription, my devices, what I get")


def _device_out(row) -> dict:
    return {"id": row.id, "device_label": row.device_label, "service": services.service_name(row),
            "created_at": row.created_at, "last_seen_at": row.last_seen_at,
            "last_success_at": row.last_success_at, "failure_count": row.failure_count,
            "last_error": row.last_error}


@bp.route("/public-key", methods=["GET"])
@bp.response(200, PublicKeyOut)
def public_key():
    """The applicationServerKey for PushManager.subscribe()."""
    return {"public_key": current_app.config["VAPID_PUBLIC_KEY"]}


@bp.route("/subscriptions", methods=["GET"])
@login_required
@bp.response(200, DeviceOut(many=True))
def my_devices():
    """The devices that get my notifications."""
    return [_device_out(row) for row in services.devices_of(current_user)]


@bp.route("/subscriptions", methods=["POST"])
@login_required
@bp.arguments(SubscribeIn)
@bp.response(201, DeviceOut)
@bp.alt_response(200, schema=DeviceOut, description="This device was subscribed already")
def subscribe(data):
    """Subscribe this device, or refresh its subscription (send it on every app start).
    Only endpoints of the known push services are accepted."""
    row, created = services.subscribe(current_user, data, request.user_agent.string)
    return _device_out(row), 201 if created else 200


@bp.route("/subscriptions/<uuid:subscription_id>", methods=["DELETE"])
@login_required
@bp.response(204)
def remove_device(subscription_id: uuid.UUID):
    """Stop notifications to one of my devices."""
    services.unsubscribe(current_user, subscription_id)


@bp.route("/unsubscribe", methods=["POST"])
@login_required
@bp.arguments(UnsubscribeIn)
@bp.response(204)
def unsubscribe(data):
    """Stop notifications to this device (by its endpoint)."""
    services.unsubscribe_endpoint(current_user, data["endpoint"])


@bp.route("/preferences", methods=["GET"])
@login_required
@bp.response(200, PreferencesSchema)
def preferences():
    return services.preferences_of(current_user.id)


@bp.route("/preferences", methods=["PUT"])
@login_required
@bp.arguments(PreferencesSchema)
@bp.response(200, PreferencesSchema)
def set_preferences(data):
    """Replace my notification switches and quiet hours."""
    return services.set_preferences(current_user, data)
