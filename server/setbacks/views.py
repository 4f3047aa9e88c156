from server.api import Blueprint
from server.records.routes import add_record_routes
from server.setbacks.kind import KIND

bp = Blueprint("setbacks", __name__, url_prefix="/api/setbacks", description="Setbacks")

add_record_routes(bp, KIND, "")
