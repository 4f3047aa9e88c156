from server.api import Blueprint
from server.checkins.models import Checkin
from server.checkins.schemas import FEELINGS, MEASURES, CheckinIn, VocabularyOut
from server.records.kinds import RecordKind
from server.records.routes import add_record_routes

bp = Blueprint("checkins", __name__, url_prefix="/api/checkins",
               description="Transparency check-ins")

CONTENT = ("feelings", "intensity", "trust", "safety", "connection", "want_you_to_know",
           "need_from_you")
KIND = RecordKind(name="checkin", model=Checkin, create_schema=CheckinIn, editable=CONTENT,
                  out_fields=CONTENT, acknowledgeable=True)


@bp.route("/vocabulary", methods=["GET"])
@bp.response(200, VocabularyOut)
def vocabulary():
    """The feelings a check-in can name, and the three 0–10 measures."""
    return {"feelings": list(FEELINGS), "measures": list(MEASURES)}


add_record_routes(bp, KIND, "")
