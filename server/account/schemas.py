"""Shapes of the account endpoints."""

import marshmallow as ma

from server.auth.schemas import DisplayName, GivenPassword, NewPassword
from server.space.schemas import SpaceSummaryOut


class MeOut(ma.Schema):
    id = ma.fields.UUID()
    email = ma.fields.String()
    display_name = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    space = ma.fields.Nested(SpaceSummaryOut, allow_none=True)
    csrf_token = ma.fields.String(metadata={"description": "Only in the sign-in response"})


class SignedInOut(ma.Schema):
    signed_in = ma.fields.Boolean()
    me = ma.fields.Nested(MeOut, allow_none=True,
                          metadata={"description": "As GET /api/me; null when signed out"})


class MeUpdateIn(ma.Schema):
    display_name = DisplayName(required=True)


class PasswordChangeIn(ma.Schema):
    current_password = GivenPassword()
    new_password = NewPassword()


class AccountDeleteIn(ma.Schema):
    password = GivenPassword()


class ReauthenticateIn(ma.Schema):
    password = GivenPassword()


class ReauthenticatedOut(ma.Schema):
    until = ma.fields.AwareDateTime(metadata={"description": "Until when my data may be "
                                              "downloaded without asking again"})


class SessionOut(ma.Schema):
    id = ma.fields.UUID()
    device_label = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    last_seen_at = ma.fields.AwareDateTime()
    current = ma.fields.Boolean()
