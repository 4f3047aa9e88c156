"""The API under load (issue 8): many couples at once, against a bare Flask baseline.

For each database (PostgreSQL and SQLite) it builds the schema with the real migrations, seeds
1,000 couples with a month of check-ins and actions (SQLAlchemy Core inserts through the app's
models; one password hash made once and reused), signs in the people of 100 of them (in this
process: sign-in is argon2 by design and is not what is measured), then starts gunicorn as the
Procfile does (WEB_CONCURRENCY workers, default 2 x cores + 1) on loopback and drives it from a
second process (bench/_load_driver.py, aiohttp) with 50 concurrent clients for a fixed number of
requests: 80 % reads (Today's lists, the journey timeline and progress), 20 % writes (check-ins,
actions, acknowledgements, outbox replays). In the same run the same clients drive a baseline,
a bare Flask JSON endpoint (bench/_baseline_app.py) under the same gunicorn settings, half of
its requests before the app and half after, so both see the same neighbours.

Prints requests/s, p50/p95/p99 latency and errors for both, and app/baseline. Targets: ratio at
least 0.5, p99 at most 100 ms at 50 clients, 0 errors. Then, to show what the target asks of
this stack, the same app server answers the same clients on one path at a time (CEILING_PROBES):
the health check (no session, one SELECT 1) and the lightest signed-in read (the session query
and one short page): no mix of real requests can run faster than these.

    .venv/bin/python bench/api_load.py [--backend both|postgresql|sqlite] [--requests 6000]
        [--clients 50] [--database-url postgresql+psycopg://…/kintsugi_bench]

The PostgreSQL database's public schema is dropped and rebuilt: give a database of your own.
"""

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from argon2 import PasswordHasher  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from helpers import insert_in_batches  # noqa: E402
from journey import analyze  # noqa: E402 - bench/ on the path first
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from server import create_app  # noqa: E402
from server.actions.models import Action  # noqa: E402
from server.auth.models import User  # noqa: E402
from server.auth.sealing import AUTH_INFO, b64decode, b64encode, hkdf_sha256  # noqa: E402
from server.checkins.models import Checkin  # noqa: E402
from server.extensions import db  # noqa: E402
from server.space.models import Membership, Space  # noqa: E402

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/kintsugi_bench"
PASSWORD = "mended with gold, under load"  # noqa: S105  (seeded people on a loopback bench)
SECRET_KEY = "bench-api-load-not-a-secret"  # noqa: S105
USER_AGENT = "kintsugi-load"   # the driver's too: the session was made for this browser
HISTORY_DAYS = 30
RECORDS_PER_PERSON = 10        # check-ins and as many actions, over HISTORY_DAYS
# This process signs people in through the app itself, with nothing limiting it.
SEED_CONFIG = {"ENV": "production", "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False,
               "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}
TARGET_RATIO, TARGET_P99_MS = 0.5, 100.0
# (path, sent signed in, what it does): the cheapest requests of the app, each alone.
CEILING_PROBES = (
    ("/api/health", False, "no session, SELECT 1"),
    ("/api/pauses/active", True, "signed in: session query + one page"),
)


def prepare(backend: str, pg_url: str, workdir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'load.sqlite3'}"
    if make_url(pg_url).database in ("test", "postgres"):
        sys.exit("not the CI database nor the server's own: give --database-url of your own")
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return pg_url


def seed(app, couples: int, rng: random.Random) -> dict:
    """Couples with a month of check-ins and actions each. Returns every person's email and
    the ids of their records, by person id."""
    # Cheap argon2 parameters: the hash is checked only when this process signs people in.
    password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    now = datetime.now(UTC)
    users, spaces, members, checkins, actions, people = [], [], [], [], [], {}
    for couple in range(couples):
        space_id = uuid.uuid4()
        spaces.append({"id": space_id})
        for seat, role in ((1, "healing"), (2, "rebuilding")):
            user_id, email = uuid.uuid4(), f"c{couple}-{seat}@load.invalid"
            users.append({"id": user_id, "email": email, "display_name": f"P{seat}",
                          "password_hash": password_hash})
            members.append({"space_id": space_id, "user_id": user_id, "seat": seat,
                            "role": role})
            mine = people[user_id] = {"email": email, "space": space_id, "couple": couple,
                                      "checkins": [], "actions": []}
            for _ in range(RECORDS_PER_PERSON):
                common = {"space_id": space_id, "author_id": user_id,
                          "occurred_at": now - timedelta(minutes=rng.randrange(
                              HISTORY_DAYS * 24 * 60)),
                          "occurred_offset_minutes": 60, "create_fingerprint": "seeded"}
                checkin_id, action_id = uuid.uuid4(), uuid.uuid4()
                checkins.append({**common, "id": checkin_id, "feelings": ["hope"],
                                 "trust": rng.randint(0, 10), "safety": rng.randint(0, 10),
                                 "connection": rng.randint(0, 10)})
                actions.append({**common, "id": action_id, "what": "Kept my word"})
                mine["checkins"].append(checkin_id)
                mine["actions"].append(action_id)
    with app.app_context():
        insert_in_batches(((User, users), (Space, spaces), (Membership, members),
                           (Checkin, checkins), (Action, actions)))
        db.session.commit()
    analyze(app)
    return people


def sign_in(app, people: dict, active_couples: int) -> list[dict]:
    """Sign in both people of the first couples: their session cookie and CSRF token, and
    their partner's records (to acknowledge)."""
    by_couple: dict[int, list] = {}
    for person_id, person in people.items():
        by_couple.setdefault(person["couple"], []).append(person_id)
    # The accounts are seeded as from before the journal was sealed (a hash of the password):
    # what a phone sends for them is HKDF of that hash's raw output (server/auth/sealing.py).
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash).limit(1))
    auth = b64encode(hkdf_sha256(b64decode(stored.split("$")[-1]), AUTH_INFO))
    phones = []
    for couple in range(active_couples):
        pair = by_couple[couple]
        for me, partner in ((pair[0], pair[1]), (pair[1], pair[0])):
            client = app.test_client()
            headers = {"User-Agent": USER_AGENT, "X-Forwarded-Proto": "https"}
            token = client.get("/api/auth/csrf", headers=headers).get_json()["csrf_token"]
            response = client.post("/api/auth/login", json={
                "email": people[me]["email"], "auth": auth},
                headers={**headers, "X-CSRFToken": token})
            assert response.status_code == 200, response.get_json()
            cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
            phones.append({
                "cookie": f"{cookie.key}={cookie.value}",
                "csrf": response.get_json()["csrf_token"],
                "partner_records": [["checkins", str(i)] for i in people[partner]["checkins"]]
                + [["actions", str(i)] for i in people[partner]["actions"]]})
    with app.app_context():
        db.engine.dispose()
    return phones


def records_count(app) -> int:
    """Check-ins and actions in the database (what the load's creates add to)."""
    with app.app_context():
        count = sum(db.session.scalar(select(func.count()).select_from(model))
                    for model in (Checkin, Action))
        db.session.remove()
        db.engine.dispose()
    return count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(target: str, workers: int, env: dict, chdir: Path) -> tuple:
    """gunicorn as the Procfile runs it (sync workers), on a loopback port; ready when it
    answers."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  (our own interpreter)
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--chdir", str(chdir), target],
        env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn ended: {process.stderr.read().decode()[-2000:]}")
        try:
            path = "/api/health" if "server" in target else "/api/ping"
            probe = urllib.request.Request(  # noqa: S310  (http on loopback, built here)
                url + path, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(probe, timeout=2):  # noqa: S310
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def drive(url: str, mix: str, requests: int, clients: int, people: list, workdir: Path,
          path: str | None = None) -> dict:
    plan_file = workdir / f"plan-{mix}.json"
    plan_file.write_text(json.dumps({"url": url, "mix": mix, "requests": requests,
                                     "clients": clients, "people": people, "path": path}))
    done = subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, str(ROOT / "bench" / "_load_driver.py"), str(plan_file)],
        capture_output=True, check=True, timeout=1800)
    return json.loads(done.stdout)


def merge(*runs: dict) -> dict:
    return {"wall": sum(r["wall"] for r in runs),
            "latencies": [value for r in runs for value in r["latencies"]],
            "errors": [value for r in runs for value in r["errors"]],
            "by_operation": {}}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(run: dict) -> dict:
    latencies = run["latencies"]
    return {"rps": len(latencies) / run["wall"], "requests": len(latencies),
            "p50": percentile(latencies, 0.50) * 1000, "p95": percentile(latencies, 0.95) * 1000,
            "p99": percentile(latencies, 0.99) * 1000, "errors": len(run["errors"])}


def line(name: str, f: dict) -> str:
    return (f"  {name:<9} {f['rps']:8,.0f} requests/s  p50 {f['p50']:6.1f} ms  "
            f"p95 {f['p95']:6.1f} ms  p99 {f['p99']:6.1f} ms  errors {f['errors']}")


def run_backend(backend: str, args, workers: int, workdir: Path) -> dict:
    url = prepare(backend, args.database_url, workdir)
    app = create_app({**SEED_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    started = time.perf_counter()
    people = seed(app, args.couples, random.Random(5))
    seeded = records_count(app)
    phones = sign_in(app, people, args.active)
    print(f"{backend}: {args.couples:,} couples seeded, {len(phones)} people signed in "
          f"({time.perf_counter() - started:.0f} s)")

    env = {"KINTSUGI_ENV": "production", "SECRET_KEY": SECRET_KEY, "DATABASE_URL": url}
    half = args.requests // 2
    baseline_server, baseline_url = start_gunicorn("_baseline_app:app", workers, env,
                                                   ROOT / "bench")
    try:
        drive(baseline_url, "baseline", 200, args.clients, [], workdir)  # warm-up
        before = drive(baseline_url, "baseline", half, args.clients, [], workdir)
        app_server, app_url = start_gunicorn("server.wsgi:app", workers, env, ROOT)
        try:
            warm = drive(app_url, "app", 200, args.clients, phones, workdir)
            app_run = drive(app_url, "app", args.requests, args.clients, phones, workdir)
            ceilings = [(path, what, drive(app_url, "probe", half, args.clients,
                                           phones if signed_in else [], workdir, path))
                        for path, signed_in, what in CEILING_PROBES]
        finally:
            stop(app_server)
        created = records_count(app) - seeded
        twice = created - warm["created"] - app_run["created"]
        after = drive(baseline_url, "baseline", args.requests - half, args.clients, [], workdir)
    finally:
        stop(baseline_server)
    base, mine = figures(merge(before, after)), figures(app_run)
    print(line("baseline", base))
    print(line("app", mine))
    slowest = sorted(((percentile(v, 0.99) * 1000, name, len(v))
                      for name, v in app_run["by_operation"].items()), reverse=True)
    print("  app p99 by operation: " + ", ".join(
        f"{name} {p99:.0f} ms ({count})" for p99, name, count in slowest))
    print(f"  records created: {created:,}, of which twice (by a replay): {twice}")
    if app_run["errors"]:
        print(f"  app errors (first 5): {app_run['errors'][:5]}")
    ratio = mine["rps"] / base["rps"]
    # Every request of the mix is signed in and does at least what the second probe does.
    print("  the same app server, one path at a time (the mix cannot beat these):")
    for path, what, run in ceilings:
        alone = figures(run)
        print(f"    {path:<19} {alone['rps']:6,.0f} requests/s  ratio "
              f"{alone['rps'] / base['rps']:.2f}  errors {alone['errors']}  ({what})")
    verdict = "met" if (ratio >= TARGET_RATIO and mine["p99"] <= TARGET_P99_MS
                        and mine["errors"] == 0 and twice == 0) else "NOT met"
    print(f"  ratio app / baseline: {ratio:.2f} (target >= {TARGET_RATIO}); p99 "
          f"{mine['p99']:.0f} ms (target <= {TARGET_P99_MS:.0f}); targets {verdict}")
    return {"backend": backend, "ratio": ratio, "app": mine, "baseline": base}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--database-url", default=DEFAULT_PG_URL,
                        help="PostgreSQL database of your own (its schema is emptied!)")
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--couples", type=int, default=1000)
    parser.add_argument("--active", type=int, default=100,
                        help="couples whose phones send the requests (both partners)")
    args = parser.parse_args()
    workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * os.cpu_count() + 1)
    print(f"cpus: {os.cpu_count()}, gunicorn sync workers: {workers}, clients: {args.clients}, "
          f"requests per run: {args.requests:,} (each client sends its next request when the "
          f"last one is answered)")
    workdir = Path(tempfile.mkdtemp(prefix="api-load-"))
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    for backend in backends:
        run_backend(backend, args, workers, workdir)


if __name__ == "__main__":
    main()
