"""A fake push service on loopback that checks every request the way a real one does.

- VAPID (RFC 8292): `Authorization: vapid t=<JWT>, k=<key>`; the JWT is ES256 with a raw r||s
  signature, `aud` is this service's origin including the port, `exp` is in the future and at
  most 24 h ahead, `sub` is a mailto: or https: URL; the key is the one the app publishes.
- RFC 8030 headers: `TTL` present; `Urgency` and `Topic` well-formed when present.
- RFC 8291 body: decrypted with http_ece (aes128gcm) using the subscription's private key and
  auth secret, as the browser would; the plaintext is kept for the test to read.

Per subscription it answers from a script (201 by default; any status, with headers such as
Retry-After, or "hang"). It runs aiohttp on its own event loop, in a thread (the pytest fixture)
or in its own process (`python tests/fake_push.py`, the benchmark), with a large listen backlog
so a burst of concurrent connections is never refused. `sample_every` > 1 verifies and decrypts
one request in that many and only counts the rest (the benchmark: the service must not be the
bottleneck).
"""

import asyncio
import base64
import hashlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

AUTHORIZATION = re.compile(r"^vapid t=([A-Za-z0-9_\-.]+),\s*k=([A-Za-z0-9_\-]+)$")
TOPIC = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
URGENCIES = {"very-low", "low", "normal", "high"}
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.UncompressedPoint)


def derived_keys(seed: str, token: str) -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """A subscription's key pair and auth secret from a seed, so another process (the bench's
    fake service) can decrypt without being told every key."""
    digest = hashlib.sha256(f"{seed}/{token}".encode()).digest()
    private = ec.derive_private_key(int.from_bytes(digest, "big") % (P256_ORDER - 1) + 1,
                                    ec.SECP256R1())
    return private, hashlib.sha256(f"auth/{seed}/{token}".encode()).digest()[:16]


class Refused(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def verify_vapid(authorization: str, origin: str, expected_key: str | None,
                 now: float | None = None) -> dict:
    """The JWT's claims, if the header is one a push service accepts; else Refused."""
    match = AUTHORIZATION.match(authorization or "")
    if not match:
        raise Refused(401, f"no vapid Authorization: {authorization!r}")
    token, key = match.groups()
    if expected_key is not None and key != expected_key:
        raise Refused(403, "k is not the applicationServerKey of the subscription")
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header, claims = json.loads(unb64(header_b64)), json.loads(unb64(claims_b64))
        signature = unb64(signature_b64)
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
    except ValueError as exc:
        raise Refused(401, f"malformed JWT or key: {exc}") from None
    if header.get("alg") != "ES256":
        raise Refused(401, f"alg is {header.get('alg')!r}, not ES256")
    if len(signature) != 64:
        raise Refused(401, "the ES256 signature is not raw r||s (64 bytes)")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"),
                               int.from_bytes(signature[32:], "big"))
    try:
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Refused(401, "bad JWT signature") from None
    now = time.time() if now is None else now
    if claims.get("aud") != origin:
        raise Refused(401, f"aud {claims.get('aud')!r} is not {origin!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp <= now:
        raise Refused(401, f"exp {exp!r} is missing or past")
    if exp > now + 24 * 3600:
        raise Refused(401, "exp is more than 24 hours ahead")
    sub = claims.get("sub", "")
    if not re.match(r"^(mailto:[^@\s]+@[^@\s]+|https://\S+)$", sub):
        raise Refused(401, f"sub {sub!r} is not a mailto: or https: URL")
    return claims


def verify_request(headers, body: bytes, origin: str, private_key, auth_secret: bytes,
                   expected_key: str | None) -> tuple[bytes, dict]:
    claims = verify_vapid(headers.get("Authorization", ""), origin, expected_key)
    ttl = headers.get("TTL")
    if ttl is None or not ttl.isdigit():
        raise Refused(400, f"TTL header missing or not a number: {ttl!r}")
    if headers.get("Content-Encoding") != "aes128gcm":
        raise Refused(415, f"Content-Encoding {headers.get('Content-Encoding')!r}")
    if "Urgency" in headers and headers["Urgency"] not in URGENCIES:
        raise Refused(400, f"Urgency {headers['Urgency']!r}")
    if "Topic" in headers and not TOPIC.match(headers["Topic"]):
        raise Refused(400, f"Topic {headers['Topic']!r}")
    if len(body) > 4096:
        raise Refused(413, "payload larger than 4096 bytes")
    try:
        plaintext = http_ece.decrypt(body, private_key=private_key, auth_secret=auth_secret,
                                     version="aes128gcm")
    except Exception as exc:
        raise Refused(400, f"cannot decrypt: {exc!r}") from None
    return plaintext, claims


@dataclass
class Received:
    token: str
    headers: dict
    plaintext: bytes | None
    claims: dict | None
    answered: int | str
    at: float = field(default_factory=time.time)

    @property
    def message(self) -> dict:
        return json.loads(self.plaintext)


class FakePushService:
    def __init__(self, expected_key: str | None = None, sample_every: int = 1,
                 key_seed: str | None = None, hang_seconds: float = 30.0, backlog: int = 1024):
        self.expected_key = expected_key
        self.sample_every = sample_every
        self.key_seed = key_seed
        self.hang_seconds = hang_seconds
        self.backlog = backlog
        self.keys: dict[str, tuple] = {}
        self.scripts: dict[str, list] = {}
        self.received: list[Received] = []
        self.errors: list[str] = []
        self.count = 0
        self.lock = threading.Lock()
        self.origin = ""
        self._loop = None
        self._runner = None
        self._thread = None

    # -- what the test uses --------------------------------------------------------------------

    def subscription(self, token: str | None = None) -> dict:
        """A browser-like PushSubscription.toJSON() whose endpoint is this service."""
        token = token or secrets.token_urlsafe(12)
        if self.key_seed is not None:
            private, auth = derived_keys(self.key_seed, token)
        else:
            private, auth = ec.generate_private_key(ec.SECP256R1()), secrets.token_bytes(16)
        self.keys[token] = (private, auth)
        return {"endpoint": self.endpoint(token), "expirationTime": None,
                "keys": {"p256dh": b64(public_bytes(private)), "auth": b64(auth)}}

    def endpoint(self, token: str) -> str:
        return f"{self.origin}/push/{token}"

    @staticmethod
    def token_of(endpoint: str) -> str:
        return endpoint.rsplit("/", 1)[1]

    def script(self, subscription: dict | str, *answers) -> None:
        """Answer this subscription's next requests with these (then 201): a status, a
        (status, headers) pair, or "hang"."""
        token = subscription if isinstance(subscription, str) else \
            self.token_of(subscription["endpoint"])
        with self.lock:
            self.scripts.setdefault(token, []).extend(answers)

    def for_token(self, token: str) -> list[Received]:
        return [r for r in self.received if r.token == token]

    def messages(self) -> list[dict]:
        return [r.message for r in self.received if r.plaintext is not None]

    # -- serving -------------------------------------------------------------------------------

    def _keys(self, token: str):
        if token not in self.keys and self.key_seed is not None:
            self.keys[token] = derived_keys(self.key_seed, token)
        return self.keys.get(token)

    async def _push(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body = await request.read()
        with self.lock:
            self.count += 1
            sampled = self.count % self.sample_every == 0 or self.sample_every == 1
            script = self.scripts.get(token)
            answer = script.pop(0) if script else 201
        keys = self._keys(token)
        if keys is None:
            return web.Response(status=404, text="no such subscription")
        if not sampled:
            return web.Response(status=201)
        try:
            plaintext, claims = verify_request(request.headers, body, self.origin, *keys,
                                               self.expected_key)
        except Refused as refused:
            with self.lock:
                self.errors.append(f"{refused.status} {refused.reason}")
                self.received.append(Received(token, dict(request.headers), None, None,
                                              refused.status))
            return web.Response(status=refused.status, text=refused.reason)
        with self.lock:
            self.received.append(Received(token, dict(request.headers), plaintext, claims,
                                          answer))
        if answer == "hang":
            await asyncio.sleep(self.hang_seconds)
            return web.Response(status=201)
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        if status in (201, 202):
            headers = {"Location": f"{self.origin}/message/{secrets.token_hex(8)}", **headers}
        return web.Response(status=status, headers=headers)

    async def _stats(self, _request: web.Request) -> web.Response:
        with self.lock:
            return web.json_response({"count": self.count, "verified": len(self.received),
                                      "errors": self.errors[:20],
                                      "error_count": len(self.errors)})

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_post("/push/{token}", self._push)
        app.router.add_get("/stats", self._stats)
        return app

    async def _start(self, port: int) -> None:
        self._runner = web.AppRunner(self._app(), access_log=None, handle_signals=False,
                                     shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, backlog=self.backlog)
        await site.start()
        port = self._runner.addresses[0][1]
        self.origin = f"http://127.0.0.1:{port}"

    async def _shutdown(self) -> None:
        await self._runner.cleanup()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:  # requests still hanging
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def start(self, port: int = 0) -> "FakePushService":
        """Serve from a daemon thread with its own event loop."""
        ready = threading.Event()

        def serve():
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(self._start(port))
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True, name="fake-push")
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake push service did not start")
        return self

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class _CountingProtocol(asyncio.Protocol):
    """The benchmark's fast path: a minimal HTTP/1.1 keep-alive server that counts every POST
    and hands one in `sample_every` (whole request: headers and body) to the full check."""

    def __init__(self, service: "FakePushService"):
        self.service = service
        self.buffer = b""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buffer[:head_end].decode("latin-1")
            lines = head.split("\r\n")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().title()] = value.strip()
            if "Ttl" in headers:
                headers["TTL"] = headers.pop("Ttl")
            length = int(headers.get("Content-Length", "0"))
            if len(self.buffer) < head_end + 4 + length:
                return
            body = self.buffer[head_end + 4:head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length:]
            self.transport.write(self.service.answer_raw(lines[0], headers, body))


RAW_ANSWERS = {201: b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"}


def _raw_answer(status: int, text: str = "") -> bytes:
    body = text.encode()
    return (f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def _answer_raw(self, request_line: str, headers: dict, body: bytes) -> bytes:
    method, path, _ = request_line.split(" ", 2)
    if method == "GET" and path == "/stats":
        stats = json.dumps({"count": self.count, "verified": len(self.received),
                            "errors": self.errors[:20], "error_count": len(self.errors)})
        return _raw_answer(200, stats)
    self.count += 1
    if self.count % self.sample_every:
        return RAW_ANSWERS[201]
    token = path.rsplit("/", 1)[1]
    try:
        plaintext, claims = verify_request(headers, body, self.origin, *self._keys(token),
                                           self.expected_key)
    except Refused as refused:
        self.errors.append(f"{refused.status} {refused.reason}")
        return _raw_answer(refused.status, refused.reason)
    self.received.append(Received(token, headers, plaintext, claims, 201))
    return RAW_ANSWERS[201]


FakePushService.answer_raw = _answer_raw


def main() -> None:
    """Serve in this process (the benchmark): the minimal counting server above, which checks
    one request in `--sample-every` completely."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--sample-every", type=int, default=100)
    parser.add_argument("--expected-key")
    args = parser.parse_args()
    service = FakePushService(expected_key=args.expected_key, sample_every=args.sample_every,
                              key_seed=args.seed)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _CountingProtocol(service), "127.0.0.1",
                                          args.port, backlog=service.backlog)
        service.origin = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        print(service.origin, flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
