import marshmallow as ma

from server.api import Blueprint
from server.journal.kind import KIND, PROMPTS
from server.records.routes import add_record_routes

bp = Blueprint("journal", __name__, url_prefix="/api/journal",
               description="Private journal (author only; sealed on the author's phone)")


class PromptOut(ma.Schema):
    id = ma.fields.String()
    text = ma.fields.String()


@bp.route("/prompts", methods=["GET"])
@bp.response(200, PromptOut(many=True))
def prompts():
    """Prompts for individual healing."""
    return [{"id": key, "text": value} for key, value in PROMPTS.items()]


add_record_routes(bp, KIND, "")
