"""Production as an operator runs it (issue 17, Acceptance), on loopback, started from the files
in deploy/: Caddy (its internal CA, high ports) from deploy/Caddyfile, gunicorn and the
reminder worker from the units' Exec lines with the environment template (KINTSUGI_ENV=
production, TRUSTED_PROXY_HOPS=1, WEB_CONCURRENCY=3), a PostgreSQL role and database made by
deploy/create-database.sql, Redis for the rate limits. Chromium trusts Caddy's root through an
NSS database in a fresh HOME, as a phone trusts a real certificate, so the service worker
registers; the two partners register, pair and check in; the app opens offline; a stubbed
PushManager subscription is stored and a due ritual's reminder reaches the fake push service
through the worker.

Chromium reaches the site over IPv6 loopback (::1) and Caddy reaches gunicorn over 127.0.0.1,
so the address the rate limiter keys on tells the browser from the proxy."""

import base64
import json
import os
import shutil
import subprocess
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import deployment
import phone_crypto
import pytest
import redis
import requests
from browser.phones import VIEWPORT, eventually
from browser.test_push import STUB_PUSH_MANAGER
from conftest import CHROMIUM_ARGS, free_port, wait_for_port
from cryptography.hazmat.primitives.asymmetric import ec
from fake_push import FakePushService
from playwright.sync_api import expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.push.vapid import raw_private, raw_public

FORGED = "203.0.113.9"


def run(command, **options):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, **options)
    assert done.returncode == 0, (command, done.stdout, done.stderr)
    return done


class Processes:
    """The services, as systemd would keep them: started once, stopped at the end."""

    def __init__(self, logs):
        self.logs, self.started = logs, []

    def start(self, name, command, **options):
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115  (closed in stop())
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   cwd=deployment.ROOT, **options)
        self.started.append((process, log))
        return process

    def log(self, name):
        return (self.logs / f"{name}.log").read_text()

    def stop(self):
        for process, log in reversed(self.started):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


@pytest.fixture
def database(postgres_server_url):
    """A role and database named for this run, made by deploy/create-database.sql."""
    name = f"kintsugi_stack_{os.getpid()}"
    server = make_url(postgres_server_url)
    psql = [shutil.which("psql"), "-h", server.host, "-p", str(server.port or 5432),
            "-U", server.username, "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE); DROP ROLE IF EXISTS "{name}";'
    run([*psql, "-c", drop.split(";")[0], "-c", drop.split(";")[1]])
    run([*psql, "-f", "-"], input=deployment.database_script(name))
    # The unit's user connects as itself: here over TCP with the server's trust rule.
    yield f"postgresql://{name}@{server.host}:{server.port or 5432}/{name}"
    run([*psql, "-c", drop.split(";")[0], "-c", drop.split(";")[1]])


@pytest.fixture
def stack(tmp_path, database, redis_url):
    """Everything started from deploy/; yields what the test needs to reach it."""
    key = ec.generate_private_key(ec.SECP256R1())
    fake_push = FakePushService(expected_key=raw_public(key)).start()
    upstream = f"127.0.0.1:{free_port()}"
    https_port, http_port = free_port(), free_port()
    origin = f"https://localhost:{https_port}"

    template = deployment.environment_template()
    env = {**os.environ, **template,
           # What an operator writes into the template for their server; this one's.
           "SECRET_KEY": base64.urlsafe_b64encode(os.urandom(36)).decode(),
           "DATABASE_URL": database, "RATELIMIT_STORAGE_URI": redis_url,
           "VAPID_PRIVATE_KEY": raw_private(key), "PUBLIC_URL": origin,
           "PUSH_EXTRA_ALLOWED_HOSTS": fake_push.origin.removeprefix("http://"),
           # A test cannot wait 30 s for a tick.
           "REMINDERS_TICK_SECONDS": "1", "REMINDERS_POLL_SECONDS": "0.5"}
    processes = Processes(tmp_path)
    try:
        for line in deployment.unit_lines("kintsugi-web.service", "ExecStartPre"):
            run(deployment.unit_command(line, upstream), cwd=deployment.ROOT, env=env)
        [web] = deployment.unit_lines("kintsugi-web.service", "ExecStart")
        gunicorn = processes.start("web", deployment.unit_command(web, upstream), env=env)
        [worker] = deployment.unit_lines("kintsugi-worker.service", "ExecStart")
        processes.start("worker", deployment.unit_command(worker, upstream), env=env)

        caddy_home = tmp_path / "caddy"
        config = tmp_path / "Caddyfile"
        config.write_text(deployment.caddyfile(f"localhost:{https_port}", upstream, f"""{{
	admin off
	local_certs
	skip_install_trust
	storage file_system {caddy_home}
	http_port {http_port}
	https_port {https_port}
}}"""))
        caddy = processes.start("caddy", [shutil.which("caddy"), "run", "--config", str(config),
                                          "--adapter", "caddyfile"],
                                env={**os.environ, "HOME": str(caddy_home)})
        wait_for_port(int(upstream.rsplit(":", 1)[1]), gunicorn, timeout=60)
        wait_for_port(https_port, caddy)
        root = caddy_home / "pki" / "authorities" / "local" / "root.crt"
        eventually(root.exists, message="Caddy made no root certificate")
        yield {"origin": origin, "http_port": http_port, "root": root, "env": env,
               "template": template, "fake_push": fake_push, "redis": redis_url,
               "gunicorn": gunicorn, "upstream": upstream, "processes": processes}
    finally:
        processes.stop()
        fake_push.stop()


@pytest.fixture
def chromium(playwright, tmp_path, stack):
    """Debian's Chromium in a fresh HOME whose NSS database trusts Caddy's root."""
    home = tmp_path / "home"
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True)
    run(["certutil", "-d", f"sql:{nssdb}", "-N", "--empty-password"])
    run(["certutil", "-d", f"sql:{nssdb}", "-A", "-t", "C,,", "-n", "caddy", "-i",
         str(stack["root"])])
    browser = playwright.chromium.launch(
        executable_path=shutil.which("chromium"), env={**os.environ, "HOME": str(home)},
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP localhost [::1]"])
    yield browser
    browser.close()


# The app's own fetch, from the page: the browser's network stack, address and cookies.
API = """async ([method, path, body, headers]) => {
  const csrf = method === 'GET' ? {} : {'X-CSRFToken': (await (await fetch('/api/auth/csrf',
    {credentials: 'same-origin'})).json()).csrf_token};
  const response = await fetch(path, {method, credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', ...csrf, ...(headers || {})},
    body: body === null ? undefined : JSON.stringify(body)});
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null};
}"""


class Partner:
    def __init__(self, browser, origin, responses):
        self.context = browser.new_context(viewport=VIEWPORT, base_url=origin)
        self.page = self.context.new_page()
        self.page.on("response", lambda response: responses.append(response))
        self.page.goto("/welcome")

    def api(self, method, path, body=None, status=200, headers=None):
        answer = self.page.evaluate(API, [method, path, body, headers])
        assert answer["status"] == status, (method, path, answer)
        return answer["body"]

    def sign_up(self, name, headers=None):
        email = f"{name.lower()}@example.org"
        password = "mended with gold 1"  # derived here as the app does; never sent
        kdf = self.api("POST", "/api/auth/prelogin", {"email": email}, 200, headers)
        self.api("POST", "/api/auth/register", {
            "email": email, "display_name": name,
            **phone_crypto.new_credentials(password, kdf, os.urandom(32))}, 202, headers)
        kdf = self.api("POST", "/api/auth/prelogin", {"email": email}, 200, headers)
        self.api("POST", "/api/auth/login", {
            "email": email, "auth": phone_crypto.auth_value(password, kdf)}, 200, headers)


def test_the_production_stack_from_deploy_serves_both_partners_and_reminds_them(
        stack, chromium, tmp_path):
    template, origin, fake_push = stack["template"], stack["origin"], stack["fake_push"]
    assert (template["KINTSUGI_ENV"], template["TRUSTED_PROXY_HOPS"],
            template["WEB_CONCURRENCY"]) == ("production", "1", "3")
    assert len(gunicorn_workers(stack["gunicorn"].pid)) == 3

    responses = []
    ana = Partner(chromium, origin, responses)
    ben = Partner(chromium, origin, responses)
    # A client naming another address: Caddy drops it, the app trusts one hop only.
    ana.sign_up("Ana", headers={"X-Forwarded-For": FORGED})
    ben.sign_up("Ben")
    code = ana.api("POST", "/api/space", {"role": "healing"}, 201)["invite"]["code"]
    ben.api("POST", "/api/space/join", {"code": code, "role": "rebuilding"})
    checkin_id = str(uuid.uuid4())
    ben.api("PUT", f"/api/checkins/{checkin_id}", {
        "feelings": ["hope"], "trust": 6, "occurred_at": datetime.now(UTC).isoformat()}, 201)
    assert ana.api("GET", f"/api/checkins/{checkin_id}")["trust"] == 6

    # The rate limiter saw the browser (::1), not Caddy (127.0.0.1) and not the forged header.
    counters = redis.Redis.from_url(stack["redis"]).keys("*")
    addressed = sorted({key.decode().split("/")[1] for key in counters if b"/auth." in key})
    assert addressed == ["::1"], counters

    # Ana turns reminders on: a stubbed PushManager whose endpoint is the fake push service.
    subscription = fake_push.subscription()
    ana.context.add_init_script(script=STUB_PUSH_MANAGER % json.dumps(subscription))
    ana.context.grant_permissions(["notifications"], origin=origin)
    page = ana.page
    page.goto("/me/settings/reminders")  # Settings → Reminders and notifications
    eventually(lambda: page.evaluate("() => navigator.serviceWorker.controller?.scriptURL"),
               message="the service worker never took control over https")
    page.get_by_role("button", name="Turn on reminders").click()
    expect(page.get_by_test_id("push-state")).to_contain_text("Reminders are on")
    devices = eventually(lambda: ana.api("GET", "/api/push/subscriptions"))
    assert len(devices) == 1

    # The app opens offline, from the service worker's precache.
    ana.context.set_offline(True)
    page.goto("/today")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    ana.context.set_offline(False)

    # A ritual both agreed on, due a moment ago: the worker reminds Ana's phone.
    ritual_id = str(uuid.uuid4())
    ana.api("PUT", f"/api/rituals/{ritual_id}", {
        "title": "Evening walk", "activity": "walk", "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "local_time": "21:00", "time_zone": "Europe/Berlin",
        "occurred_at": datetime.now(UTC).isoformat()}, 201)
    ben.api("POST", f"/api/rituals/{ritual_id}/accept")
    engine = create_engine(stack["env"]["DATABASE_URL"].replace(
        "postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE rituals SET next_fire_at = :due WHERE id = :id"),
                           {"due": datetime.now(UTC) - timedelta(seconds=5), "id": ritual_id})
    engine.dispose()
    token = fake_push.token_of(subscription["endpoint"])
    [pushed] = eventually(lambda: fake_push.for_token(token), timeout=30,
                          message="the worker never reminded Ana's phone")
    assert fake_push.errors == []
    assert pushed.message["notification"]["body"] == "You have a reminder"
    assert pushed.message["notification"]["navigate"].startswith(origin)
    worker_log = eventually(lambda: "reminders" in stack["processes"].log("worker")
                            and " late" in stack["processes"].log("worker")
                            and stack["processes"].log("worker"))
    assert "sent 1, gone 0, retry 0, failed 0, rejected 0, expired 0" in worker_log

    # What the operator watches, from the server itself (loopback): the worker's detail.
    health = eventually(lambda: (h := requests.get(
        f"http://{stack['upstream']}/api/health", timeout=10).json())["reminders"]["workers"]
        [0]["deliveries"]["sent"] == 1 and h)
    assert health["status"] == "ok" and health["database"] == "postgresql"
    assert health["reminders"]["status"] == "ok"
    assert 0 <= health["reminders"]["workers"][0]["lateness_seconds"] < 30
    # Only the proxy's own entry (the rightmost) names the client: a private address written
    # before it by the client (a hop the app does not trust) does not open the detail.
    for forwarded, detail in (("93.184.216.34", False), ("93.184.216.34, 10.0.0.5", True),
                              ("10.0.0.5, 93.184.216.34", False)):
        answer = requests.get(f"http://{stack['upstream']}/api/health", timeout=10,
                              headers={"X-Forwarded-For": forwarded}).json()
        assert ("reminders" in answer) is detail, forwarded

    # The nightly backup unit's command, against the running stack.
    backups = tmp_path / "backups"
    backups.mkdir()
    [backup] = deployment.unit_lines("kintsugi-backup.service", "ExecStart")
    run(deployment.unit_command(backup, paths={"/var/backups/kintsugi": str(backups)}),
        cwd=deployment.ROOT, env=stack["env"])
    [copy] = backups.iterdir()
    assert copy.name.startswith("kintsugi-") and copy.read_bytes()[:5] == b"PGDMP"

    # HTTPS everywhere; HSTS; cookies; caching and compression.
    assert {r.url.split("/", 3)[:3] == ["https:", "", origin.split("/")[2]]
            for r in responses} == {True}
    shell = next(r for r in responses if r.url == f"{origin}/welcome")
    assert shell.headers["strict-transport-security"].startswith("max-age=")
    for partner in (ana, ben):
        [session] = [c for c in partner.context.cookies() if c["name"] == "kintsugi_session"]
        assert (session["secure"], session["httpOnly"], session["sameSite"]) == (
            True, True, "Lax")
    def over_https(url, **headers):  # verify= per request: REQUESTS_CA_BUNDLE would win
        return requests.get(url, headers=headers, verify=str(stack["root"]), timeout=10)

    asset = next(r.url for r in responses if "/assets/" in r.url and r.url.endswith(".js"))
    answer = over_https(asset, **{"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert over_https(f"{origin}/sw.js").headers["Cache-Control"] == "no-cache"
    assert over_https(f"{origin}/api/health").headers["Cache-Control"] == "no-store"
    redirect = requests.get(f"http://localhost:{stack['http_port']}/today",
                            allow_redirects=False, timeout=10)
    # Plain http is only ever a redirect (in production from port 80 to 443).
    assert redirect.status_code == 308
    assert redirect.headers["Location"].startswith("https://localhost")
    assert redirect.headers["Location"].endswith("/today")

    for partner in (ana, ben):
        partner.context.close()


def gunicorn_workers(master: int) -> list[int]:
    deadline = time.monotonic() + 30
    while True:
        listed = Path(f"/proc/{master}/task/{master}/children").read_text()
        children = [int(pid) for pid in listed.split()]
        if len(children) >= 3 or time.monotonic() > deadline:
            return children
        time.sleep(0.2)
