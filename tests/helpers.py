"""Test helpers shared by the test modules."""

import base64
import os
import threading
import uuid
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PASSWORD = "mended with gold 1"


class ApiClient:
    """A person's phone: its own cookie jar, the CSRF header sent on every write."""

    def __init__(self, flask_client):
        self.http = flask_client
        self.csrf_token = None
        self.me = None

    def refresh_csrf(self):
        self.csrf_token = self.http.get("/api/auth/csrf").get_json()["csrf_token"]
        return self.csrf_token

    def request(self, method, path, json=None, csrf=True, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if csrf and method != "GET":
            headers.setdefault("X-CSRFToken", self.csrf_token or self.refresh_csrf())
        return self.http.open(path, method=method, json=json, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.request("POST", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.request("PATCH", path, json=json, **kwargs)

    def delete(self, path, json=None, **kwargs):
        return self.request("DELETE", path, json=json, **kwargs)

    def register(self, email, password=PASSWORD, display_name="Sam"):
        return self.post("/api/auth/register",
                         {"email": email, "password": password, "display_name": display_name})

    def login(self, email, password=PASSWORD, **extra):
        self.refresh_csrf()  # as the app does: a sign-out may have cleared the session's token
        response = self.post("/api/auth/login", {"email": email, "password": password, **extra})
        if response.status_code == 200:
            self.csrf_token = response.get_json()["csrf_token"]
            self.me = response.get_json()
        return response

    def reauthenticate(self, password=PASSWORD):
        """Confirm the password again, as the phone does before downloading an export."""
        response = self.post("/api/me/reauthenticate", {"password": password})
        assert response.status_code == 200, response.get_json()
        return response

    def export(self, path="/api/export"):
        """GET an export (JSON, or `/api/export/readable`) after confirming the password."""
        self.reauthenticate()
        return self.get(path)


def at_once(*sends):
    """Run each send() in its own thread, all released at the same moment; their answers, in
    order. None of them may be a server error."""
    start = threading.Barrier(len(sends))
    answers: list = [None] * len(sends)

    def run(n, send):
        start.wait()
        answers[n] = send()

    threads = [threading.Thread(target=run, args=(n, send)) for n, send in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for answer in answers:
        assert answer is not None, "a request did not finish"
        assert answer.status_code < 500, answer.get_json()
    return answers


def error_of(response):
    """The error object of a JSON error answer (asserting the shape on the way)."""
    body = response.get_json()
    assert body is not None, response.data
    assert set(body["error"]) >= {"code", "message", "fields"}, body
    return body["error"]


def create(phone, url, body, record_id=None):
    """Create a record with an id made here, as the phone does; returns the answer's body."""
    response = phone.request("PUT", f"{url}/{record_id or uuid.uuid4()}", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fetch(phone, url):
    response = phone.get(url)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def create_id(phone, url, body):
    return create(phone, url, body)["id"]


def due_ritual_row(space_id, author_id, due) -> dict:
    """A ritual both partners accepted days ago, due at `due` (UTC, every day), as a row for a
    bulk insert: the reminder tests and the push benchmark fill their databases with these."""
    return {"id": uuid.uuid4(), "space_id": space_id, "author_id": author_id,
            "title": "Evening walk", "activity": "walk", "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "local_time": due.time(), "time_zone": "UTC",
            "occurred_at": due - timedelta(days=3), "occurred_offset_minutes": 0,
            "create_fingerprint": "-", "partner_accepted_at": due - timedelta(days=2),
            "next_fire_at": due}


def insert_in_batches(tables, batch: int = 5000) -> None:
    """Seed many rows at once (the benchmarks): Core inserts model by model, `batch` rows a
    statement, in the app context's session; the caller commits."""
    from sqlalchemy import insert

    from server.extensions import db

    for model, rows in tables:
        for start in range(0, len(rows), batch):
            db.session.execute(insert(model), rows[start:start + batch])


def push_subscription() -> dict:
    """A new device's Web Push subscription, as PushManager.subscribe() gives it."""
    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.UncompressedPoint)
    return {"endpoint": f"https://fcm.googleapis.com/fcm/send/{uuid.uuid4().hex}",
            "keys": {"p256dh": b64(point), "auth": b64(os.urandom(16))}}
