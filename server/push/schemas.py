"""Shapes of /api/push."""

import marshmallow as ma
from marshmallow import validate, validates_schema

from server.fields import WallTime, iana_zone


class PublicKeyOut(ma.Schema):
    public_key = ma.fields.String(metadata={
        "description": "The VAPID applicationServerKey (uncompressed P-256 point, base64url)"})


class KeysIn(ma.Schema):
    p256dh = ma.fields.String(required=True, validate=validate.Length(min=1, max=128))
    auth = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))


class KeysField(ma.fields.Nested):
    """The subscription's keys; any problem is reported on `keys` itself."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise self.make_error("type")
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ma.ValidationError:
            raise ma.ValidationError("Needs p256dh and auth (base64url strings), nothing "
                                     "else.") from None


class SubscribeIn(ma.Schema):
    """PushSubscription.toJSON() from the browser, plus an optional name for the device."""

    endpoint = ma.fields.String(required=True, validate=validate.Length(min=1, max=2048))
    keys = KeysField(KeysIn, required=True)
    encoding = ma.fields.String(validate=validate.OneOf(["aes128gcm"]), load_default="aes128gcm",
                                metadata={"description": "PushManager.supportedContentEncodings;"
                                          " only aes128gcm (RFC 8291)"})
    device_label = ma.fields.String(validate=validate.Length(max=80), allow_none=True,
                                    metadata={"description": "Default: from the User-Agent"})
    expiration_time = ma.fields.Float(data_key="expirationTime", allow_none=True,
                                      metadata={"description": "Accepted and ignored"})


class UnsubscribeIn(ma.Schema):
    endpoint = ma.fields.String(required=True, validate=validate.Length(min=1, max=2048))


class DeviceOut(ma.Schema):
    id = ma.fields.UUID()
    device_label = ma.fields.String()
    service = ma.fields.String(metadata={"description": "Google, Mozilla, Microsoft or Apple"})
    created_at = ma.fields.AwareDateTime()
    last_seen_at = ma.fields.AwareDateTime()
    last_success_at = ma.fields.AwareDateTime(allow_none=True)
    failure_count = ma.fields.Integer()
    last_error = ma.fields.String(allow_none=True)


class PreferencesSchema(ma.Schema):
    """Which notifications I get (ritual reminders are switched per ritual), and quiet hours:
    none between quiet_from and quiet_until in my time zone, except rituals set inside them.
    PUT replaces the whole document."""

    acknowledged = ma.fields.Boolean(required=True,
                                     metadata={"description": "My partner noticed my check-in"})
    answered = ma.fields.Boolean(required=True,
                                 metadata={"description": "A question of mine was answered"})
    consent = ma.fields.Boolean(required=True,
                                metadata={"description": "An agreement needs my consent"})
    pause = ma.fields.Boolean(required=True,
                              metadata={"description": "My partner asked for a pause"})
    # Not required: a phone from before today's question keeps the switch as it is.
    daily = ma.fields.Boolean(metadata={"description": "My partner answered today's question"})
    quiet_from = WallTime(required=True, allow_none=True,
                                metadata={"description": "e.g. 22:30, or null for none"})
    quiet_until = WallTime(required=True, allow_none=True,
                                 metadata={"description": "e.g. 07:30, or null for none"})
    time_zone = ma.fields.String(required=True, validate=[validate.Length(max=64), iana_zone],
                                 metadata={"description": "IANA zone of the quiet hours"})

    @validates_schema
    def both_or_neither(self, data, **kwargs):
        if (data.get("quiet_from") is None) != (data.get("quiet_until") is None):
            raise ma.ValidationError("Give both times, or neither.", "quiet_until")
