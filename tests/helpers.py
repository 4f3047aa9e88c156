"""Test helpers shared by the test modules."""

import base64
import os
import threading
import uuid
from datetime import timedelta

import phone_crypto
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PASSWORD = "mended with gold 1"


class ApiClient:
    """A person's phone: its own cookie jar, the CSRF header sent on every write."""

    def __init__(self, flask_client):
        self.http = flask_client
        self.csrf_token = None
        self.me = None
        self.journal_key = None  # known after registering or signing in, as on the phone

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

    def prelogin(self, email):
        """The salt and parameters this email's password is derived with (as the phone asks)."""
        response = self.post("/api/auth/prelogin", {"email": email})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def auth(self, password=PASSWORD, email=None):
        """The authentication value the phone would send for `password` (this person's email
        unless another is named)."""
        return phone_crypto.auth_value(password, self.prelogin(email or self.me["email"]))

    def register_body(self, email, password=PASSWORD, display_name="Sam"):
        """What the phone sends to register: derived on the phone, a new journal key wrapped."""
        self.journal_key = os.urandom(32)
        return {"email": email, "display_name": display_name,
                **phone_crypto.new_credentials(password, self.prelogin(email), self.journal_key)}

    def register(self, email, password=PASSWORD, display_name="Sam"):
        return self.post("/api/auth/register", self.register_body(email, password, display_name))

    def login(self, email, password=PASSWORD, **extra):
        self.refresh_csrf()  # as the app does: a sign-out may have cleared the session's token
        answer = self.post("/api/auth/prelogin", {"email": email})
        if answer.status_code != 200:
            return answer  # e.g. the address's limit: the phone cannot go on either
        kdf = answer.get_json()
        response = self.post("/api/auth/login", {
            "email": email, "auth": phone_crypto.auth_value(password, kdf), **extra})
        if response.status_code == 200:
            self.csrf_token = response.get_json()["csrf_token"]
            self.me = response.get_json()
            sealing = self.me["sealing"]
            if sealing["kdf"] is not None:
                self.journal_key = phone_crypto.unwrap(sealing["wrapped_journal_key"],
                                                       phone_crypto.wrapping_key(password, kdf))
        return response

    def new_password_body(self, current=PASSWORD, new="a brand new secret 9"):
        """POST /api/me/password's body, as the phone makes it (the journal key wrapped anew)."""
        fresh = phone_crypto.new_credentials(new, self.prelogin(self.me["email"]),
                                             self.journal_key)
        return {"current_auth": self.auth(current), "new_auth": fresh["auth"],
                "new_kdf": fresh["kdf"], "wrapped_journal_key": fresh["wrapped_journal_key"]}

    def change_password(self, current=PASSWORD, new="a brand new secret 9"):
        return self.post("/api/me/password", self.new_password_body(current, new))

    def delete_account(self, password=PASSWORD):
        return self.post("/api/me/delete", {"auth": self.auth(password)})

    def reauthenticate(self, password=PASSWORD):
        """Confirm the password again, as the phone does before downloading an export."""
        response = self.post("/api/me/reauthenticate", {"auth": self.auth(password)})
        assert response.status_code == 200, response.get_json()
        return response

    def seal(self, text, record_id, version=1, prompt=None):
        """A journal entry's words sealed as this person's phone does."""
        return phone_crypto.seal(self.journal_key, record_id, version, text, prompt)

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


def signing_in_over_http(http, base, email, password=PASSWORD, **extra) -> dict:
    """A sign-in body for a `requests` session against a running server (gunicorn), derived
    from the password as the phone does."""
    kdf = http.post(f"{base}/api/auth/prelogin", json={"email": email}, timeout=30).json()
    return {"email": email, "auth": phone_crypto.auth_value(password, kdf), **extra}


def registering_over_http(http, base, email, password=PASSWORD, display_name="Sam") -> dict:
    """A registration body for a `requests` session against a running server."""
    kdf = http.post(f"{base}/api/auth/prelogin", json={"email": email}, timeout=30).json()
    return {"email": email, "display_name": display_name,
            **phone_crypto.new_credentials(password, kdf, os.urandom(32))}


def make_legacy(app, email, password=PASSWORD, entries=()) -> None:
    """Turn an account into one from before the journal was sealed: its hash of the raw password
    (as the server made them then, with the app's argon2 parameters), no salt of its own, no
    journal key, and `entries` (texts) in its journal in plaintext."""
    from datetime import UTC, datetime

    from sqlalchemy import delete, select

    from server.auth.models import User
    from server.auth.passwords import hash_password
    from server.extensions import db
    from server.journal.models import JournalEntry

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        user.password_hash, user.kdf, user.wrapped_journal_key = hash_password(password), None, None
        db.session.execute(delete(JournalEntry).where(JournalEntry.author_id == user.id))
        for n, text in enumerate(entries):
            db.session.add(JournalEntry(
                id=uuid.uuid4(), author_id=user.id, text=text, prompt="proud" if n == 0 else None,
                occurred_at=datetime(2026, 11, 20 + n, tzinfo=UTC), occurred_offset_minutes=60,
                create_fingerprint="-"))
        db.session.commit()
