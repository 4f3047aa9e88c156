"""Shapes of the account endpoints."""

import marshmallow as ma

from server.auth.schemas import AuthValue, DisplayName, KdfIn, SealingOut, WrappedKey
from server.space.schemas import SpaceSummaryOut


class MeOut(ma.Schema):
    id = ma.fields.UUID()
    email = ma.fields.String()
    display_name = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    space = ma.fields.Nested(SpaceSummaryOut, allow_none=True)
    csrf_token = ma.fields.String(metadata={"description": "Only in the sign-in response"})


class SignInStateOut(ma.Schema):
    signed_in = ma.fields.Boolean()
    me = ma.fields.Nested(MeOut, allow_none=True,
                          metadata={"description": "As GET /api/me; null when signed out"})


class MeUpdateIn(ma.Schema):
    display_name = DisplayName(required=True)


class NewCredentialsIn(ma.Schema):
    """A new password (or, moving a legacy account, the same one with a fresh salt), as the
    phone derived it: the current authentication value, the new one, the new salt and
    parameters, and the journal key wrapped anew."""
    current_auth = AuthValue()
    new_auth = AuthValue()
    new_kdf = ma.fields.Nested(KdfIn, required=True)
    wrapped_journal_key = WrappedKey(required=True)


class AccountDeleteIn(ma.Schema):
    auth = AuthValue()


class ReauthenticateIn(ma.Schema):
    auth = AuthValue()


class ReauthenticatedOut(ma.Schema):
    until = ma.fields.AwareDateTime(metadata={"description": "Until when my data may be "
                                              "downloaded without asking again"})
    sealing = ma.fields.Nested(SealingOut, metadata={
        "description": "What opens the journal on this phone with the password"})


class SessionOut(ma.Schema):
    id = ma.fields.UUID()
    device_label = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    last_seen_at = ma.fields.AwareDateTime()
    current = ma.fields.Boolean()
