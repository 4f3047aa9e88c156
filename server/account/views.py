"""HTTP shape of /api/me and /api/sessions."""

import uuid

from flask import make_response
from flask_login import current_user, login_required

from server.account import export, readable, reauth, services
from server.account.schemas import (
    AccountDeleteIn,
    MeOut,
    MeUpdateIn,
    NewCredentialsIn,
    ReauthenticatedOut,
    ReauthenticateIn,
    SessionOut,
)
from server.api import Blueprint
from server.auth import sessions
from server.auth.schemas import SealingOut
from server.auth.services import sealing_of
from server.errors import not_found

bp = Blueprint("account", __name__, url_prefix="/api", description="My account and devices",
               template_folder="templates")
REAUTHENTICATION_REQUIRED = {"description": "The password was not confirmed in the last few "
                             "minutes (POST /api/me/reauthenticate first): "
                             "`reauthentication_required`"}


@bp.route("/me", methods=["GET"])
@login_required
@bp.response(200, MeOut)
def me():
    return services.describe_me(current_user)


@bp.route("/me", methods=["PATCH"])
@login_required
@bp.arguments(MeUpdateIn)
@bp.response(200, MeOut)
def update_me(data):
    current_user.display_name = data["display_name"].strip()
    return services.describe_me(current_user)


@bp.route("/me/password", methods=["POST"])
@login_required
@bp.arguments(NewCredentialsIn)
@bp.response(204)
def change_password(data):
    """Change the password (what the phone derived from the old and the new one, and the
    journal key it wrapped anew); every other device is signed out."""
    services.change_password(current_user, data)


@bp.route("/me/sealing", methods=["POST"])
@login_required
@bp.arguments(NewCredentialsIn)
@bp.response(204)
def move_to_sealing(data):
    """An account from before the journal was sealed takes a fresh salt and a journal key
    (the password stays; 409 `already_sealed` once done). Its phone then seals each entry."""
    services.move_to_sealing(current_user, data)


@bp.route("/me/delete", methods=["POST"])
@login_required
@bp.arguments(AccountDeleteIn)
@bp.response(204)
def delete_account(data):
    """Delete my account for good (asks for the password once more)."""
    services.delete_account(current_user._get_current_object(), data["auth"])


@bp.route("/me/reauthenticate", methods=["POST"])
@login_required
@bp.arguments(ReauthenticateIn)
@bp.response(200, ReauthenticatedOut)
def reauthenticate(data):
    """Confirm my password again: for a few minutes this session may download my data."""
    return {"until": reauth.reauthenticate(current_user, data["auth"]),
            "sealing": sealing_of(current_user)}


@bp.route("/me/journal-key", methods=["POST"])
@login_required
@bp.arguments(ReauthenticateIn)
@bp.response(200, SealingOut)
def journal_key(data):
    """What opens my journal on this phone with my password (the wrapped key, the salt): for a
    phone signed in before, or whose key was lost. The password is checked as when confirming
    it (the same tries), but no export window opens."""
    services.confirm_password(current_user, data["auth"], "auth")
    return sealing_of(current_user)


@bp.route("/export", methods=["GET"])
@login_required
@bp.alt_response(403, **REAUTHENTICATION_REQUIRED)
@bp.response(200, export.ExportOut, headers={"Content-Disposition": {
    "description": "attachment; filename=\"kintsugi-export-YYYY-MM-DD.json\"",
    "schema": {"type": "string"}}})
def export_my_data():
    """Export my data (a JSON download).

    My account, my space and its members' names, the records of my space as I see them, and my
    own records (my journal, and what I wrote in spaces that have ended). Nothing private of
    anyone else is ever in it. Asks for the password again (recent authentication)."""
    reauth.require_recent_authentication()
    data = export.export_for(current_user)
    filename = f"kintsugi-export-{data['exported_at']:%Y-%m-%d}.json"
    return data, 200, {"Content-Disposition": f'attachment; filename="{filename}"'}


@bp.route("/export/readable", methods=["GET"])
@login_required
@bp.alt_response(403, **REAUTHENTICATION_REQUIRED)
@bp.response(200, content_type="text/html", headers={"Content-Disposition": {
    "description": "attachment; filename=\"kintsugi-YYYY-MM-DD.html\"",
    "schema": {"type": "string"}}})
def readable_export():
    """My data as a document to read and print (HTML with a print stylesheet).

    The same records as the JSON export: my journal, my check-ins, the questions and answers with
    every revision, the agreements with their versions, our time together, my journey's figures
    by month. Asks for the password again (recent authentication)."""
    reauth.require_recent_authentication()
    html, filename = readable.readable_export_for(current_user)
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/sessions", methods=["GET"])
@login_required
@bp.response(200, SessionOut(many=True))
def list_sessions():
    """Where I am signed in."""
    here = sessions.current()
    return [
        {"id": row.id, "device_label": row.device_label, "created_at": row.created_at,
         "last_seen_at": row.last_seen_at, "current": row.id == here.id}
        for row in sessions.live_sessions(current_user)
    ]


@bp.route("/sessions/<uuid:session_id>", methods=["DELETE"])
@login_required
@bp.response(204)
def end_session(session_id: uuid.UUID):
    """Sign out one device (this one included)."""
    row = next((s for s in sessions.live_sessions(current_user) if s.id == session_id), None)
    if row is None or not sessions.end(row):
        raise not_found("session")
