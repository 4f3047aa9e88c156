from flask_login import current_user, login_required

from server.actions import services
from server.actions.kind import KIND
from server.actions.schemas import ConsistencyOut, ConsistencyQuery
from server.api import Blueprint
from server.errors import ApiError
from server.records.routes import add_record_routes
from server.space.services import current_space, partner_of

bp = Blueprint("actions", __name__, url_prefix="/api/actions",
               description="Small consistent actions")


@bp.route("/consistency", methods=["GET"])
@login_required
@bp.arguments(ConsistencyQuery, location="query")
@bp.response(200, ConsistencyOut)
def consistency(query):
    """On how many of the last N days a person logged at least one action."""
    space = current_space(current_user)
    person = current_user if query["person"] == "me" else partner_of(current_user)
    if person is None:
        raise ApiError(404, "no_partner", "Your partner has not joined yet.")
    return {"person": query["person"],
            **services.consistency(space, person, query["days"], query["tz"])}


add_record_routes(bp, KIND, "")
