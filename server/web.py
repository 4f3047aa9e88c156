"""Serves the built phone app (client/dist) from our own origin; unknown paths get the app shell
so links into the app work. /api is never answered with the shell."""

from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory

from server.errors import ApiError

bp = Blueprint("web", __name__)

# Vite names these files by content hash: they can be cached for good.
IMMUTABLE_PREFIX = "assets/"


def _dist() -> Path:
    dist = Path(current_app.config["CLIENT_DIST"])
    if not (dist / "index.html").is_file():
        raise ApiError(503, "client_not_built",
                       "The phone app has not been built yet: run `make run` (or `npm run build`).")
    return dist


# A private app: nothing of it belongs in a search engine.
ROBOTS = "User-agent: *\nDisallow: /\n"


@bp.route("/robots.txt")
def robots():
    return Response(ROBOTS, mimetype="text/plain")


@bp.route("/", defaults={"path": ""})
@bp.route("/<path:path>")
def app_shell(path: str):
    if path == "api" or path.startswith("api/"):
        raise ApiError(404, "not_found", "There is no such API endpoint.")
    dist = _dist()
    if path and (dist / path).is_file() and dist in (dist / path).resolve().parents:
        response = send_from_directory(dist, path)
        if path.startswith(IMMUTABLE_PREFIX):
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
            response.cache_control.immutable = True
        else:
            # The service worker and the manifest must be re-checked, or updates never arrive.
            response.cache_control.no_cache = True
        return response
    response = send_from_directory(dist, "index.html")
    response.cache_control.no_cache = True
    return response
