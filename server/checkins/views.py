from server.api import Blueprint
from server.checkins.kind import KIND
from server.checkins.schemas import FEELINGS, MEASURES, VocabularyOut
from server.records.routes import add_record_routes

bp = Blueprint("checkins", __name__, url_prefix="/api/checkins",
               description="Transparency check-ins")


@bp.route("/vocabulary", methods=["GET"])
@bp.response(200, VocabularyOut)
def vocabulary():
    """The feelings a check-in can name, and the three 0–10 measures."""
    return {"feelings": list(FEELINGS), "measures": list(MEASURES)}


add_record_routes(bp, KIND, "")
