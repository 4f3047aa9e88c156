"""Shapes of the pairing endpoints."""

import marshmallow as ma
from marshmallow import validate

from server.space.models import ROLES


class SpaceSummaryOut(ma.Schema):
    id = ma.fields.UUID()
    status = ma.fields.String(metadata={"description": "waiting | paired | ended"})
    role = ma.fields.String()


class MemberOut(ma.Schema):
    user_id = ma.fields.UUID()
    display_name = ma.fields.String()
    role = ma.fields.String()
    joined_at = ma.fields.AwareDateTime()
    is_me = ma.fields.Boolean()


class InviteOut(ma.Schema):
    code = ma.fields.String(metadata={"description": "Shown and typed as XXXX-XXXX"})
    expires_at = ma.fields.AwareDateTime()


class SpaceOut(ma.Schema):
    id = ma.fields.UUID()
    status = ma.fields.String()
    created_at = ma.fields.AwareDateTime()
    members = ma.fields.List(ma.fields.Nested(MemberOut))
    invite = ma.fields.Nested(InviteOut, allow_none=True)


class SpaceCreateIn(ma.Schema):
    role = ma.fields.String(validate=validate.OneOf(ROLES), load_default="unstated")


class JoinIn(ma.Schema):
    code = ma.fields.String(required=True, validate=validate.Length(min=1, max=32))
    role = ma.fields.String(validate=validate.OneOf(ROLES), load_default="unstated")


class RoleIn(ma.Schema):
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))


class EndedSpaceOut(ma.Schema):
    id = ma.fields.UUID()
    joined_at = ma.fields.AwareDateTime(metadata={"description": "When I joined it"})
    ended_at = ma.fields.AwareDateTime()
    records = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.Dict()),
        metadata={"description": "Shared record kind → the records of this space I still see, "
                                 "read-only, newest first, as that kind's endpoints answer them"})
