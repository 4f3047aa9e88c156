"""The real app on a loopback port for the bench tools that drive a browser (screenshots,
Lighthouse): SQLite in a temporary directory, built by the real migrations, the built client
(client/dist) served by Flask, a couple paired through the API."""

import json
import logging
import os
import sys
import tempfile
import threading
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

from flask_migrate import upgrade
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import phone_crypto  # noqa: E402  (the tests' derivation of what the phone sends)
from helpers import PASSWORD  # noqa: E402  (the tests' password: after the path above)

from server import create_app  # noqa: E402

CONFIG = {
    "ENV": "testing",
    "SECRET_KEY": "bench-secret-key-not-for-production",
    # Cheap hashing and no per-address limits: one person signs in many times from loopback.
    "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1,
    "LOGIN_ATTEMPTS_PER_ADDRESS": "10000 per minute",
    "REGISTRATIONS_PER_ADDRESS": "10000 per minute",
    "PASSWORD_TRIES_PER_ACCOUNT": "10000 per minute",
    "PASSWORD_TRIES_PER_KNOWN_DEVICE": "10000 per minute",
    "PASSWORD_TRIES_PER_SESSION": "10000 per minute",
}


@contextmanager
def local_app():
    """Yield the base URL of the app, served in a thread until the block ends."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db"})
        with app.app_context():
            upgrade()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()


class Person:
    """Someone using the API with their own cookies (urllib: no browser needed)."""

    def __init__(self, base_url, name):
        self.base_url, self.name = base_url, name
        self.email = f"{name.lower()}@example.org"
        self.cookies = CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.csrf = None

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if method != "GET":
            self.csrf = self.csrf or self.call("GET", "/api/auth/csrf")["csrf_token"]
            headers["X-CSRFToken"] = self.csrf
        data = None if body is None else json.dumps(body).encode()
        # Our own app on loopback (http://127.0.0.1:port): no other scheme reaches here.
        request = urllib.request.Request(self.base_url + path, data, headers, method=method)  # noqa: S310
        with self.http.open(request) as response:
            text = response.read()
        return json.loads(text) if text else None

    def sign_up(self):
        """Register and sign in as the phone does: the password is derived, never sent."""
        kdf = self.call("POST", "/api/auth/prelogin", {"email": self.email})
        self.call("POST", "/api/auth/register", {
            "email": self.email, "display_name": self.name,
            **phone_crypto.new_credentials(PASSWORD, kdf, os.urandom(32))})
        self.csrf = self.call("POST", "/api/auth/login", self.login_body())["csrf_token"]
        return self

    def login_body(self):
        kdf = self.call("POST", "/api/auth/prelogin", {"email": self.email})
        return {"email": self.email, "auth": phone_crypto.auth_value(PASSWORD, kdf)}

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


def paired_couple(base_url, healing="Ana", rebuilding="Ben"):
    """Two people signed up and paired in one space: (the one healing, the one rebuilding)."""
    ana, ben = Person(base_url, healing).sign_up(), Person(base_url, rebuilding).sign_up()
    code = ana.call("POST", "/api/space", {"role": "healing"})["invite"]["code"]
    ben.call("POST", "/api/space/join", {"code": code, "role": "rebuilding"})
    return ana, ben
