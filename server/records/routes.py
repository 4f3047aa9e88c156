"""The HTTP shape every record kind shares, added to a domain's blueprint by add_record_routes().

PUT    <url>/<id>                  create with the phone's id (a replay returns the stored record)
GET    <url>                       list, newest first: ?from&to&author&cursor&limit
GET    <url>/<id>                  one record (a tombstone once withdrawn)
PATCH  <url>/<id>                  update; must name the version it was based on (if editable)
DELETE <url>/<id>                  withdraw (shared: tombstone; private: words erased)
                                   (unless the kind says it cannot be withdrawn alone)
GET    <url>/<id>/revisions        every change, for both partners (shared kinds)
PUT    <url>/<id>/acknowledgement  the partner's "I noticed" (acknowledgeable kinds)
"""

import uuid

from flask_login import current_user, login_required

from server.api import Blueprint
from server.records import rules
from server.records.kinds import RecordKind
from server.records.present import Presenter, present_one, revisions_seen_by
from server.records.schemas import (
    AcknowledgementIn,
    ListQuery,
    RevisionOut,
    out_schema,
    page_schema,
    update_schema,
)


def add_record_routes(bp: Blueprint, kind: RecordKind, url: str) -> type:
    """Register the shared routes of `kind` under `url`; returns its answer schema."""
    out = out_schema(kind)
    item = f"{url}/<uuid:record_id>"

    def present(record):
        return present_one(kind, current_user, record)

    @bp.route(url, methods=["GET"], endpoint=f"list_{kind.name}")
    @login_required
    @bp.arguments(ListQuery, location="query")
    @bp.response(200, page_schema(kind, out))
    def list_records(query):
        records, next_cursor = rules.page(kind, current_user, query)
        presenter = Presenter(kind, current_user, records)
        return {"items": [presenter(r) for r in records], "next_cursor": next_cursor}

    @bp.route(item, methods=["PUT"], endpoint=f"create_{kind.name}")
    @login_required
    @bp.arguments(kind.create_schema)
    @bp.response(201, out)
    def create_record(data, record_id: uuid.UUID):
        record, created = rules.create(kind, current_user, record_id, data)
        # Nobody can have acknowledged a record this request has just created.
        return present_one(kind, current_user, record, {} if created else None)

    @bp.route(item, methods=["GET"], endpoint=f"get_{kind.name}")
    @login_required
    @bp.response(200, out)
    def get_record(record_id: uuid.UUID):
        return present(rules.visible(kind, current_user, record_id))

    if kind.editable:
        @bp.route(item, methods=["PATCH"], endpoint=f"update_{kind.name}")
        @login_required
        @bp.arguments(update_schema(kind))
        @bp.response(200, out)
        def update_record(data, record_id: uuid.UUID):
            record = rules.visible(kind, current_user, record_id)
            rules.update(kind, current_user, record, data)
            return present(record)

    if kind.shared_delete_route:
        @bp.route(item, methods=["DELETE"], endpoint=f"withdraw_{kind.name}")
        @login_required
        @bp.response(200, out)
        def withdraw_record(record_id: uuid.UUID):
            record = rules.visible(kind, current_user, record_id)
            rules.withdraw(kind, current_user, record)
            return present(record)

    if kind.shared:
        @bp.route(f"{item}/revisions", methods=["GET"], endpoint=f"revisions_{kind.name}")
        @login_required
        @bp.response(200, RevisionOut(many=True))
        def list_revisions(record_id: uuid.UUID):
            record = rules.visible(kind, current_user, record_id)
            return revisions_seen_by(kind, current_user, record)

    if kind.acknowledgeable:
        @bp.route(f"{item}/acknowledgement", methods=["PUT"], endpoint=f"acknowledge_{kind.name}")
        @login_required
        @bp.arguments(AcknowledgementIn)
        @bp.response(200, out)
        def acknowledge_record(data, record_id: uuid.UUID):
            record = rules.visible(kind, current_user, record_id)
            rules.acknowledge(kind, current_user, record, data["words"])
            return present(record)

    return out
