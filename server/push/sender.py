"""The Web Push sender: encrypts with pywebpush (aes128gcm), signs with VAPID once per push
service origin, and POSTs concurrently over pooled keep-alive connections (aiohttp).

It knows nothing of the database: it takes messages and answers an outcome for each.
201/202 → sent; 404/410 → gone (the subscription is dead); 429, 5xx, timeouts and connection
errors → retry (after Retry-After when the service gives one); any other answer (400, 403, 413 …)
→ rejected: our request is wrong, which an operator must look at; the subscription stays."""

import asyncio
import collections
import concurrent.futures
import logging
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp
from pywebpush import WebPusher

from server.push import encoder, endpoints
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


class EncoderProcess:
    """A child `python -m server.push.encoder`: jobs go in on its stdin, in order; a reader
    task hands each result to the job that waits for it."""

    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.waiting: collections.deque = collections.deque()
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls) -> "EncoderProcess":
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server.push.encoder", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE)
        return cls(process)

    async def encrypt(self, items: list[tuple[str, str, bytes]]) -> list[bytes | Exception]:
        done = asyncio.get_running_loop().create_future()
        self.waiting.append((len(items), done))
        self.process.stdin.write(encoder.job_frame(items))
        await self.process.stdin.drain()
        return await done

    async def _read(self) -> None:
        stream = self.process.stdout
        try:
            while True:
                flag = await stream.readexactly(1)
                # A result only comes after its job was queued and written.
                count, done = self.waiting.popleft()
                bodies = []
                for number in range(count):
                    if number:
                        flag = await stream.readexactly(1)
                    size = encoder.U32.unpack(await stream.readexactly(4))[0]
                    data = await stream.readexactly(size)
                    bodies.append(data if flag == b"\x00" else ValueError(data.decode()))
                done.set_result(bodies)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            for _, done in self.waiting:
                if not done.done():
                    done.set_exception(RuntimeError(f"encoder process ended: {exc}"))

    async def stop(self) -> None:
        self.reader.cancel()
        if self.process.returncode is None:
            self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


class Sender:
    """One per worker process: a private event loop in its own thread (so it never meets a
    caller's loop), a connection pool per push service (aiohttp keeps connections alive between
    rounds), the VAPID header cache and, if asked, encoder processes.

    Encryption (an ECDH and AES-GCM per message) is the CPU-heavy part; with `encoders` > 0 it
    runs in that many processes while this one keeps the connections busy, so a large fan-out
    uses more than one core. With 0 (the default) everything happens here."""

    SLICE = 50  # messages per encoder job: small enough that POSTs start at once

    def __init__(self, private_key: str, subject: str, *, concurrency: int = 100,
                 timeout: float = 10.0, token_lifetime: int = 3600, extra_hosts=(),
                 encoders: int = 0):
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
        self.encoders = encoders
        self._encoders: list[EncoderProcess] = []

    @classmethod
    def from_config(cls, config) -> "Sender":
        return cls(config["VAPID_PRIVATE_KEY"], config["VAPID_SUBJECT"],
                   concurrency=config["PUSH_CONCURRENCY"],
                   timeout=config["PUSH_TIMEOUT_SECONDS"],
                   token_lifetime=config["PUSH_VAPID_TOKEN_SECONDS"],
                   extra_hosts=config["PUSH_EXTRA_ALLOWED_HOSTS"],
                   encoders=config["PUSH_ENCODER_PROCESSES"])

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
        for process in self._encoders:
            self._run(process.stop())
        self._encoders = []
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

    async def send_async(self, messages: list[Message]) -> list[Outcome]:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self.concurrency, limit_per_host=0,
                                             keepalive_timeout=60, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, timeout=aiohttp.ClientTimeout(total=self.timeout),
                cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False,
                skip_auto_headers=("User-Agent",), headers={"User-Agent": "kintsugi-push"})
        self._encoders = [e for e in self._encoders if e.process.returncode is None]
        if len(self._encoders) < self.encoders:
            self._encoders += await asyncio.gather(*(
                EncoderProcess.start() for _ in range(self.encoders - len(self._encoders))))
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.concurrency)
        gate = self._gate
        outcomes: list[Outcome | None] = [None] * len(messages)
        allowed = []
        for index, message in enumerate(messages):
            try:
                endpoints.service_of(message.endpoint, self.extra_hosts)
                allowed.append(index)
            except endpoints.EndpointRefused as refused:
                outcomes[index] = Outcome("rejected", detail=f"endpoint not allowed: {refused}")

        async def post_slice(indexes: list[int], bodies) -> None:
            if bodies is None:  # encode here, one at a time, just before each POST
                await asyncio.gather(*(self._post(messages[i], None, gate, outcomes, i)
                                       for i in indexes))
                return
            try:
                bodies = await bodies
            except RuntimeError as exc:  # the encoder died: encrypt here instead
                log.warning("%s; encrypting in the sender", exc)
                await post_slice(indexes, None)
                return
            await asyncio.gather(*(self._post(messages[i], body, gate, outcomes, i)
                                   for i, body in zip(indexes, bodies, strict=True)))

        slices = [allowed[start:start + self.SLICE] for start in
                  range(0, len(allowed), self.SLICE)]
        jobs = []
        for number, indexes in enumerate(slices):
            bodies = None
            if self._encoders:
                items = [(messages[i].p256dh, messages[i].auth, messages[i].payload)
                         for i in indexes]
                bodies = self._encoders[number % len(self._encoders)].encrypt(items)
            jobs.append(post_slice(indexes, bodies))
        await asyncio.gather(*jobs)
        return outcomes

    async def _post(self, message: Message, body, gate: asyncio.Semaphore, outcomes: list,
                    index: int) -> None:
        async with gate:
            outcomes[index] = await self._post_one(message, body)

    async def _post_one(self, message: Message, body) -> Outcome:
        if body is None:
            try:
                body = encrypt(message)
            except Exception as exc:  # a corrupt key in the row: nothing a retry can fix
                return Outcome("rejected", detail=f"cannot encrypt: {exc}")
        elif isinstance(body, Exception):
            return Outcome("rejected", detail=str(body))
        headers = {
            "Authorization": self.vapid.header(endpoints.origin_of(message.endpoint)),
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
