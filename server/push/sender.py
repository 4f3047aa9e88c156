"""The Web Push sender: encrypts with pywebpush (aes128gcm), signs with VAPID once per push
service origin, and POSTs concurrently over pooled keep-alive connections (aiohttp).

It knows nothing of the database: it takes messages and answers an outcome for each.
201/202 → sent; 404/410 → gone (the subscription is dead); 429, 5xx, timeouts and connection
errors → retry (after Retry-After when the service gives one); any other answer (400, 403, 413 …)
→ rejected: our request is wrong, which an operator must look at; the subscription stays."""

import asyncio
import concurrent.futures
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp
from pywebpush import WebPusher

from server.push import endpoints
from server.push.vapid import VapidHeaders

log = logging.getLogger(__name__)

SUCCESS = {200, 201, 202}
GONE = {404, 410}
RETRYABLE = {408, 425, 429}
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass
class Message:
    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    topic: str
    ttl: int
    urgency: str = "high"


@dataclass
class Outcome:
    result: str                       # sent | gone | retry | rejected
    status: int | None = None         # the push service's HTTP status, if it answered
    retry_after: float | None = None  # seconds, when the service said
    detail: str = ""


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as delay-seconds or an HTTP-date (RFC 9110), bounded to a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - (now or datetime.now(UTC))).total_seconds(), 0.0), MAX_RETRY_AFTER)


def classify(status: int) -> str:
    if status in SUCCESS or status == 204:
        return "sent"
    if status in GONE:
        return "gone"
    if status in RETRYABLE or status >= 500:
        return "retry"
    return "rejected"


def encrypt(message: Message) -> bytes:
    return encrypt_one(message.p256dh, message.auth, message.payload)


def encrypt_one(p256dh: str, auth: str, payload: bytes) -> bytes:
    subscription = {"endpoint": "", "keys": {"p256dh": p256dh, "auth": auth}}
    return WebPusher(subscription).encode(payload, "aes128gcm")["body"]


def origin_key(endpoint: str) -> str:
    """scheme://host[:port] by splitting at the first "/" after "://" (see Sender._refusal)."""
    scheme, separator, rest = endpoint.partition("://")
    return scheme + separator + rest.split("/", 1)[0]


class Sender:
    """One per worker process: a private event loop in its own thread (so it never meets a
    caller's loop), a connection pool per push service (aiohttp keeps connections alive between
    rounds) and the VAPID header cache. Encryption (an ECDH and AES-GCM per message) is the
    CPU-heavy part; a large fan-out uses more cores with more worker processes (SKIP LOCKED
    shares the deliveries between them)."""

    def __init__(self, private_key: str, subject: str, *, concurrency: int = 100,
                 timeout: float = 10.0, token_lifetime: int = 3600, extra_hosts=()):
        self.vapid = VapidHeaders(private_key, subject, lifetime=token_lifetime,
                                  margin=min(300, token_lifetime // 4))
        self.concurrency = concurrency
        self.timeout = timeout
        self.extra_hosts = tuple(extra_hosts)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="push-sender",
                                        daemon=True)
        self._thread.start()
        self._session: aiohttp.ClientSession | None = None
        self._gate: asyncio.Semaphore | None = None  # shared by every send in flight
        self._allowed: dict[str, str | None] = {}  # endpoint origin → None, or why refused

    @classmethod
    def from_config(cls, config) -> "Sender":
        return cls(config["VAPID_PRIVATE_KEY"], config["VAPID_SUBJECT"],
                   concurrency=config["PUSH_CONCURRENCY"],
                   timeout=config["PUSH_TIMEOUT_SECONDS"],
                   token_lifetime=config["PUSH_VAPID_TOKEN_SECONDS"],
                   extra_hosts=config["PUSH_EXTRA_ALLOWED_HOSTS"])

    def send(self, messages: list[Message]) -> list[Outcome]:
        """Send them all, at most `concurrency` at a time; outcomes in the same order."""
        return self._run(self.send_async(messages))

    def submit(self, messages: list[Message]) -> concurrent.futures.Future:
        """Start sending and return at once; the future's result is the outcomes."""
        return asyncio.run_coroutine_threadsafe(self.send_async(messages), self.loop)

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def close(self) -> None:
        if self.loop.is_closed():
            return
        if self._session is not None:
            self._run(self._session.close())
            self._session = None
        self._run(self._cancel_leftovers())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()

    @staticmethod
    async def _cancel_leftovers() -> None:
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def _refusal(self, endpoint: str) -> str | None:
        """Why this endpoint may not be sent to, or None; checked once per push-service
        origin (urlsplit twice per message was a visible share of a large fan-out). An
        endpoint is allowed only where origin_key gives what urlsplit would, its true origin."""
        key = origin_key(endpoint)
        if key not in self._allowed:
            try:
                endpoints.service_of(endpoint, self.extra_hosts)
                refusal = None
            except endpoints.EndpointRefused as refused:
                refusal = f"endpoint not allowed: {refused}"
            if refusal is None and endpoints.origin_of(endpoint) != key:
                refusal = "endpoint not allowed: not a plain push service URL"
            if len(self._allowed) > 10_000:  # endpoints are few origins; never grow unbounded
                self._allowed.clear()
            self._allowed[key] = refusal
        return self._allowed[key]

    async def send_async(self, messages: list[Message]) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(messages)
        allowed = []
        for index, message in enumerate(messages):
            refusal = self._refusal(message.endpoint)
            if refusal is None:
                allowed.append(index)
            else:
                outcomes[index] = Outcome("rejected", detail=refusal)
        self._open_session()
        await asyncio.gather(*(self._post(messages[i], outcomes, i) for i in allowed))
        return outcomes

    def _open_session(self) -> None:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self.concurrency, limit_per_host=0,
                                             keepalive_timeout=60, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=self.timeout),
                cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False,
                skip_auto_headers=("User-Agent",), headers={"User-Agent": "kintsugi-push"})
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.concurrency)

    async def _post(self, message: Message, outcomes: list, index: int) -> None:
        # Encrypted before it takes a place among the requests in flight, so that its timeout
        # measures the push service, not this loop's CPU work on other messages.
        try:
            body = encrypt(message)
        except Exception as exc:  # a corrupt key in the row: nothing a retry can fix
            outcomes[index] = Outcome("rejected", detail=f"cannot encrypt: {exc}")
            return
        async with self._gate:
            outcomes[index] = await self._post_one(message, body)

    async def _post_one(self, message: Message, body: bytes) -> Outcome:
        headers = {
            "Authorization": self.vapid.header(origin_key(message.endpoint)),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(message.ttl),
            "Urgency": message.urgency,
            "Topic": message.topic,
        }
        try:
            async with self._session.post(message.endpoint, headers=headers,
                                          data=aiohttp.BytesPayload(body, content_type=None),
                                          allow_redirects=False) as response:
                text = (await response.read())[:200].decode("utf-8", "replace")
                status = response.status
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        except TimeoutError:
            return Outcome("retry", detail="timeout")
        except aiohttp.ClientError as exc:
            return Outcome("retry", detail=f"{type(exc).__name__}: {exc}"[:120])
        return Outcome(classify(status), status, retry_after, text)
