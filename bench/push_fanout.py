"""Push fan-out benchmark (issue 5): how fast reminders go out, against what encryption allows.

Prints, in one run:
  1. encode-only: pywebpush WebPusher.encode (aes128gcm) messages per second, one process,
     measured before and after the end-to-end run (their mean is the ratio's baseline);
  2. end-to-end: 20,000 ritual reminders due at the same minute, through one worker tick —
     scheduler claim (occurrences, next times, deliveries), encode, VAPID, POST to a loopback
     fake push service, bookkeeping of every outcome — delivered messages per second;
  3. their ratio (target: end-to-end at least 50 % of encode-only).

The fake push service runs in its own process (tests/fake_push.py's minimal keep-alive HTTP/1.1
server), accepts and counts every request, and fully verifies (VAPID JWT, headers) and decrypts
one in 100, so it is not the bottleneck (its CPU per message is printed with the database's).

    .venv/bin/python bench/push_fanout.py [--reminders 20000]
        [--database-url postgresql+psycopg://… [--workers 2]]

Default database: a fresh SQLite file in a temporary directory, one worker. With PostgreSQL,
--workers N runs N worker processes at once, as production scales (SKIP LOCKED shares the
rituals and the deliveries between them); the time is from their common start to the last one
done.
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_push import b64, derived_keys, public_bytes  # noqa: E402
from helpers import due_ritual_row, insert_in_batches  # noqa: E402
from pywebpush import WebPusher  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402

from server import create_app  # noqa: E402
from server.auth.models import User  # noqa: E402
from server.extensions import db  # noqa: E402
from server.push.models import Delivery, PushSubscription  # noqa: E402
from server.push.sender import Sender  # noqa: E402
from server.push.worker import tick  # noqa: E402
from server.rituals.models import Ritual  # noqa: E402
from server.space.models import Membership, Space  # noqa: E402

SEED = "push-fanout-bench"
MESSAGE = json.dumps({"web_push": 8030, "notification": {
    "title": "Time for your evening ritual", "body": "You have a reminder",
    "navigate": "https://kintsugi.example/", "tag": f"ritual-{uuid.uuid4().hex}",
    "silent": False}}, separators=(",", ":")).encode()


def encode_only(count: int) -> tuple[float, float]:
    """pywebpush encode of `count` messages to distinct subscriptions: messages/s, and CPU
    seconds per message."""
    keys = []
    for n in range(200):
        private, auth = derived_keys(SEED, f"encode-{n}")
        keys.append({"endpoint": "https://fcm.googleapis.com/fcm/send/x",
                     "keys": {"p256dh": b64(public_bytes(private)), "auth": b64(auth)}})
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        WebPusher(keys[n % len(keys)]).encode(MESSAGE, "aes128gcm")
    return count / (time.perf_counter() - started), (time.process_time() - cpu) / count


def start_fake_service(public_key: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and script)
        [sys.executable, str(ROOT / "tests" / "fake_push.py"), "--seed", SEED,
         "--sample-every", "100", "--expected-key", public_key],
        stdout=subprocess.PIPE, text=True)
    origin = process.stdout.readline().strip()
    if not origin.startswith("http://"):
        raise RuntimeError("the fake push service did not start")
    return process, origin


def stats(origin: str) -> dict:
    with urllib.request.urlopen(f"{origin}/stats", timeout=10) as response:  # noqa: S310
        return json.load(response)


def populate(app, origin: str, reminders: int, due: datetime) -> None:
    """reminders/2 couples, each with one daily ritual due at `due` and one phone each."""
    users, spaces, members, subs, rituals = [], [], [], [], []
    for couple in range(reminders // 2):
        space_id = uuid.uuid4()
        spaces.append({"id": space_id})
        pair = []
        for seat in (1, 2):
            user_id, token = uuid.uuid4(), f"c{couple}s{seat}"
            private, auth = derived_keys(SEED, token)
            pair.append(user_id)
            users.append({"id": user_id, "email": f"{token}@example.org",
                          "display_name": "P", "password_hash": "-"})
            members.append({"space_id": space_id, "user_id": user_id, "seat": seat})
            subs.append({"user_id": user_id, "endpoint": f"{origin}/push/{token}",
                         "p256dh": b64(public_bytes(private)), "auth": b64(auth),
                         "device_label": "phone"})
        rituals.append(due_ritual_row(space_id, pair[0], due))
    with app.app_context():
        insert_in_batches(((User, users), (Space, spaces), (Membership, members),
                           (PushSubscription, subs), (Ritual, rituals)))
        db.session.commit()


def cpu_seconds(pids) -> float:
    """CPU time (user + system, every thread) the processes have used so far; Linux /proc.
    A process that has ended counts as nothing."""
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def worker_process(config: dict, now: datetime, go, results) -> None:
    """One reminder worker: waits for the common start, then one tick. Reports its outcome, the
    time it finished and the CPU time it used during the tick."""
    app = create_app(config)
    with app.app_context():
        db.session.execute(text("SELECT 1"))  # connected before the clock starts
        db.session.commit()
        sender = Sender.from_config(app.config)
        go.wait()
        own = cpu_seconds([os.getpid()])
        claimed, sent = tick(sender, now)
        finished = time.perf_counter()
        own = cpu_seconds([os.getpid()]) - own
        sender.close()
    results.put((claimed.claimed, claimed.batches, claimed.deliveries, sent.sent, sent.retried,
                 sent.rejected, sent.failed, own, finished))


def database_backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving this database (on this machine), if any."""
    if not url.startswith("postgresql"):
        return []
    engine = create_engine(url)
    with engine.connect() as connection:
        pids = list(connection.scalars(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")))
    engine.dispose()
    return pids


def run_workers(config: dict, now: datetime, workers: int, others: list[int]):
    """The workers' common wall time, their outcomes, and the CPU time `others` (the fake
    service, the database's processes) used meanwhile."""
    context = multiprocessing.get_context("fork")  # after imports, before any thread or loop
    go, results = context.Event(), context.Queue()
    processes = [context.Process(target=worker_process, args=(config, now, go, results))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    time.sleep(3)  # every worker has built its app and connected
    others = others + database_backends(config["SQLALCHEMY_DATABASE_URI"])
    others_before = cpu_seconds(others)
    started = time.perf_counter()
    go.set()
    outcomes = [results.get(timeout=600) for _ in processes]
    others_used = cpu_seconds(others) - others_before
    for process in processes:
        process.join(30)
    return max(o[-1] for o in outcomes) - started, outcomes, others_used


def fresh_schema(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reminders", type=int, default=20_000)
    parser.add_argument("--encode", type=int, default=10_000)
    parser.add_argument("--database-url", help="PostgreSQL to use (its schema is emptied!)")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1,
                        help="reminder worker processes (more than one needs PostgreSQL)")
    args = parser.parse_args()
    if args.workers > 1 and not args.database_url:
        parser.error("several workers need PostgreSQL (--database-url): SQLite has no row locks")

    workdir = Path(tempfile.mkdtemp(prefix="push-fanout-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    fresh_schema(url)
    config = {"ENV": "testing", "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
              "PUSH_EXTRA_ALLOWED_HOSTS": ["127.0.0.1"], "PUSH_CONCURRENCY": args.concurrency}
    app = create_app(config)
    config["VAPID_PRIVATE_KEY"] = app.config["VAPID_PRIVATE_KEY"]
    with app.app_context():
        db.create_all()

    print(f"cpus: {os.cpu_count()}, database: {url.split(':')[0]}, workers: {args.workers}, "
          f"concurrency: {args.concurrency}")
    # Encode-only is measured before and after the end-to-end run and averaged: on a shared
    # machine the neighbours' load moves between the two, and the ratio is the figure.
    encode_before, encode_cpu = encode_only(args.encode)
    print(f"encode-only (pywebpush aes128gcm), before: {encode_before:,.0f} messages/s "
          f"({args.encode:,} messages)")

    fake, origin = start_fake_service(app.config["VAPID_PUBLIC_KEY"])
    try:
        due = datetime.now(UTC).replace(second=0, microsecond=0)
        populate(app, origin, args.reminders, due)
        with app.app_context():
            db.engine.dispose()  # nothing open across the fork
        elapsed, outcomes, others_cpu = run_workers(config, due + timedelta(seconds=5),
                                                    args.workers, [fake.pid])
        with app.app_context():
            delivered = db.session.scalar(select(func.count()).select_from(Delivery).where(
                Delivery.status == "sent"))
            db.engine.dispose()
        service = stats(origin)
    finally:
        fake.terminate()
        fake.wait(10)

    rate = delivered / elapsed
    print(f"end-to-end (claim + encode + POST + bookkeeping): {delivered:,} of "
          f"{args.reminders:,} reminders delivered in {elapsed:.2f} s = {rate:,.0f} messages/s")
    for number, (rituals, batches, queued, sent, retried, rejected, failed, *_) in enumerate(
            outcomes, 1):
        print(f"  worker {number}: claimed {rituals:,} rituals in {batches} batches, queued "
              f"{queued:,} deliveries; sent {sent:,}, {retried} retry, {rejected} rejected, "
              f"{failed} failed")
    # Where the machine's time went: on a shared machine the wall-clock rate moves with the
    # neighbours' load, the CPU time per message much less.
    workers_cpu = sum(o[7] for o in outcomes)
    print(f"  CPU per delivered message: workers {workers_cpu / delivered * 1e6:.0f} us "
          f"(claims, encryption, POSTs, bookkeeping), fake push service and database "
          f"{others_cpu / delivered * 1e6:.0f} us; encode-only {encode_cpu * 1e6:.0f} us")
    print(f"  fake push service: {service['count']:,} requests, {service['verified']} fully "
          f"verified and decrypted, {service['error_count']} refused {service['errors'][:3]}")
    encode_after, _ = encode_only(args.encode)
    encode_rate = (encode_before + encode_after) / 2
    print(f"encode-only, after: {encode_after:,.0f} messages/s; mean {encode_rate:,.0f}")
    ratio = rate / encode_rate
    print(f"ratio end-to-end / encode-only: {ratio:.0%} (target >= 50%)")
    print(f"at this rate 100,000 reminders due at one minute take {100_000 / rate:.0f} s")


if __name__ == "__main__":
    main()
