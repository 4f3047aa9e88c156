"""The load benchmark's clients (bench/api_load.py), in a process of their own so that they do
not share an interpreter with what they measure.

    python bench/_load_driver.py PLAN.json    # prints the result as JSON on stdout

The plan names the server, the number of requests, the concurrent clients, the mix ("app",
"baseline", or "probe": one GET path, plan["path"], sent by the signed-in people when there are
any) and, for the app and a probe, the signed-in people (their session cookie, CSRF token, and
their partner's records to acknowledge). Each client sends one request after another (a closed loop)
until the fixed number of requests is reached; each request's latency is its whole exchange.

The app's mix is what phones do: 80 % reads (Today's lists, the journey timeline and progress),
20 % writes (a new check-in, a new action, acknowledging the partner's check-in or action, and
the outbox replaying a create it already sent, which answers the stored record and creates
nothing: the result counts the records created, for the caller to compare with the database)."""

import asyncio
import json
import random
import sys
import time
import uuid
from datetime import UTC, datetime

import aiohttp

USER_AGENT = "kintsugi-load"
FEELINGS = ("hope", "calm", "grief", "anger", "confusion", "gratitude")
# (weight, operation); the weights add up to 100.
READS = [
    (10, "checkins_mine"), (10, "checkins_partner"), (10, "actions_partner"), (8, "actions_mine"),
    (8, "rituals"), (8, "pauses"), (14, "timeline"), (8, "progress_week"), (4, "progress_month"),
]
WRITES = [(6, "new_checkin"), (5, "new_action"), (5, "acknowledge"), (4, "replay")]
READ_PATHS = {
    "checkins_mine": "/api/checkins?author=me&limit=1",
    "checkins_partner": "/api/checkins?author=partner&limit=1",
    "actions_partner": "/api/actions?author=partner&limit=5",
    "actions_mine": "/api/actions?author=me&limit=3",
    "rituals": "/api/rituals?limit=100",
    "pauses": "/api/pauses/active",
    "timeline": "/api/journey/timeline",
    "progress_week": "/api/journey/progress?period=week",
    "progress_month": "/api/journey/progress?period=month",
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Phone:
    """One signed-in person: what their requests carry, and the creates their outbox sent."""

    def __init__(self, person: dict, host: str):
        self.headers = {"Cookie": person["cookie"], "X-CSRFToken": person["csrf"],
                        "User-Agent": USER_AGENT,
                        # As behind the TLS proxy of production (the app insists on https),
                        # from the app's own pages (CSRF checks the referrer over https).
                        "X-Forwarded-Proto": "https", "Referer": f"https://{host}/"}
        self.partner_records = person["partner_records"]
        self.sent: list[tuple[str, dict]] = []

    def request(self, operation: str, rng: random.Random) -> tuple[str, str, dict | None, set]:
        """(method, path, body, statuses that count as success). A create is replayed only
        once its first sending was answered (as the outbox does)."""
        if operation in READ_PATHS:
            return "GET", READ_PATHS[operation], None, {200}
        if operation == "replay" and self.sent:
            path, body = rng.choice(self.sent)
            return "PUT", path, body, {200, 201}  # the stored record again, nothing new
        if operation == "acknowledge":
            kind, record_id = rng.choice(self.partner_records)
            return "PUT", f"/api/{kind}/{record_id}/acknowledgement", {"words": "I noticed"}, \
                {200, 201}
        if operation == "new_action":
            path, body = f"/api/actions/{uuid.uuid4()}", {
                "what": "Called when I said I would", "occurred_at": now_iso()}
        else:  # a new check-in (also a replay asked for before anything was sent)
            path, body = f"/api/checkins/{uuid.uuid4()}", {
                "feelings": [rng.choice(FEELINGS)], "trust": rng.randint(0, 10),
                "safety": rng.randint(0, 10), "connection": rng.randint(0, 10),
                "occurred_at": now_iso()}
        return "PUT", path, body, {201}


async def drive(plan: dict) -> dict:
    rng = random.Random(plan.get("seed", 8))
    host = plan["url"].split("://", 1)[1]
    phones = [Phone(person, host) for person in plan.get("people", [])]
    operations, weights = zip(*((name, weight) for weight, name in READS + WRITES), strict=True)
    remaining = plan["requests"]
    latencies, errors, by_operation, created = [], [], {}, 0
    connector = aiohttp.TCPConnector(limit=plan["clients"], limit_per_host=0)
    timeout = aiohttp.ClientTimeout(total=60)

    async with aiohttp.ClientSession(plan["url"], connector=connector, timeout=timeout,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        async def client() -> None:
            nonlocal remaining, created
            while remaining > 0:
                remaining -= 1
                if plan["mix"] == "baseline":
                    operation, method, path, body, ok = "ping", "GET", "/api/ping", None, {200}
                    headers = {"User-Agent": USER_AGENT}
                elif plan["mix"] == "probe":
                    operation, method, path, body, ok = "probe", "GET", plan["path"], None, {200}
                    headers = rng.choice(phones).headers if phones else {
                        "User-Agent": USER_AGENT, "X-Forwarded-Proto": "https"}
                else:
                    phone = rng.choice(phones)
                    operation = rng.choices(operations, weights)[0]
                    method, path, body, ok = phone.request(operation, rng)
                    headers = phone.headers
                started = time.perf_counter()
                try:
                    async with session.request(method, path, json=body,
                                               headers=headers) as response:
                        answer = await response.read()
                        status = response.status
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status, answer = f"{type(exc).__name__}: {exc}", b""
                elapsed = time.perf_counter() - started
                latencies.append(elapsed)
                by_operation.setdefault(operation, []).append(elapsed)
                if operation in ("new_checkin", "new_action", "replay") and status == 201 \
                        and (path, body) not in phone.sent:
                    phone.sent.append((path, body))
                    created += 1
                if status not in ok:
                    errors.append(f"{method} {path.split('?')[0]} -> {status} "
                                  f"{answer[:160].decode('utf-8', 'replace')}")

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(plan["clients"])))
        wall = time.perf_counter() - started
    return {"wall": wall, "latencies": latencies, "errors": errors, "created": created,
            "by_operation": {name: sorted(values) for name, values in by_operation.items()}}


def main() -> None:
    with open(sys.argv[1]) as plan_file:
        plan = json.load(plan_file)
    json.dump(asyncio.run(drive(plan)), sys.stdout)


if __name__ == "__main__":
    main()
