"""How long the Journey charts take to appear on a phone, for a couple with years of data.

Builds a SQLite database with the real migrations in a temporary directory, fills it with one
couple's daily life over --years (bench/journey.py's generator: check-ins with trust, safety
and connection, actions, rituals kept, setbacks, ...), serves the real app (werkzeug in a
thread, as the tests' live server) and opens /journey/progress as the healing partner in
Debian's Chromium at 390×844. Each run is a fresh browser context (nothing kept on the phone,
nothing in the HTTP cache) and measures, inside the page:

- weeks:  from navigation start to the four weeks charts drawn (the whole app starts, fetches
          /api/me, the progress rows and uPlot's chunk, then draws): the first open;
- months, years: from the tap on "Months" / "Years" to those charts drawn (rows fetched, drawn);
- of each, the part after the progress answer arrived (the phone's own work: rows to series,
  the words, the table, uPlot's drawing).

    npm run build && .venv/bin/python bench/journey_charts.py [--years 3] [--runs 5]

A benchmark, not a test: it prints figures against the 1 s target and never fails CI.
The client is served from KINTSUGI_CLIENT_DIST (or client/dist), as the server does.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from browser.phones import VIEWPORT, Phone  # noqa: E402 - tests/ on the path first
from conftest import CHROMIUM_ARGS  # noqa: E402
from journey import BENCH_CONFIG, HEALING_EMAIL, analyze, generate, row_counts  # noqa: E402

from server import create_app  # noqa: E402
from server.auth.models import User  # noqa: E402
from server.auth.passwords import hash_password  # noqa: E402
from server.extensions import db  # noqa: E402

TARGET_MS = 1000.0
PASSWORD = "bench journey charts"  # noqa: S105 - a throwaway database's only account
VIEWS = (("week", None), ("month", "Months"), ("year", "Years"))

# Resolves with performance.now() once the charts of `period` are drawn (the page marks them).
DRAWN = """(period) => new Promise((resolve) => {
  const selector = `[data-testid="journey-charts"][data-drawn="${period}"]`;
  if (document.querySelector(selector)) return resolve(performance.now());
  new MutationObserver((changes, observer) => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    resolve(performance.now());
  }).observe(document, { subtree: true, childList: true, attributes: true });
})"""

# Taps a period and resolves with [ms from tap to drawn, ms from the rows' arrival to drawn].
SWITCH = """async ([period, label]) => {
  const drawn = (""" + DRAWN + """)(period);
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === label);
  const tapped = performance.now();
  button.click();
  const at = await drawn;
  return [at - tapped, at - arrived(period)];
}"""

# When the progress rows of `period` finished arriving (Resource Timing).
ARRIVED = """window.arrived = (period) => performance.getEntriesByType('resource')
  .filter((entry) => entry.name.endsWith(`/api/journey/progress?period=${period}`))
  .at(-1).responseEnd;"""


def build_database(url: str, years: float, seed: int) -> object:
    app = create_app({**BENCH_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    began = time.perf_counter()
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            generate(connection, 0, years, seed, 50_000)
        healing = db.session.scalar(select(User).where(User.email == HEALING_EMAIL))
        healing.password_hash = hash_password(PASSWORD)  # so the browser can sign in
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    analyze(app)
    counts = row_counts(app)
    print(f"  {years:g} years of one couple: {sum(counts.values()):,} rows in "
          f"{time.perf_counter() - began:.1f} s (check-ins {counts['checkins']:,}, actions "
          f"{counts['actions']:,}, ritual marks {counts['ritual_occurrence_marks']:,}, setbacks "
          f"{counts['setbacks']:,})")
    return app


def serve(app) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def one_run(browser, base_url: str) -> dict[str, tuple[float, float]]:
    """A fresh phone: sign in, open the charts, then tap months and years."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    try:
        phone = Phone(context, base_url)
        phone.sign_in_by_api(HEALING_EMAIL, PASSWORD)
        context.add_init_script(script=ARRIVED)
        page = phone.open("/journey/progress")
        at = page.evaluate(DRAWN, "week")
        times = {"week": (at, at - page.evaluate("() => arrived('week')"))}
        for period, label in VIEWS[1:]:
            times[period] = tuple(page.evaluate(SWITCH, [period, label]))
        summary = page.get_by_test_id("progress-summary").inner_text()
        return {**times, "summary": summary}
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=float, default=3, help="years of data (default 3)")
    parser.add_argument("--runs", type=int, default=5, help="fresh phones (default 5)")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-journey-charts-") as workdir:
        app = build_database(f"sqlite:///{Path(workdir) / 'journey.sqlite3'}", args.years,
                             args.seed)
        dist = Path(app.config["CLIENT_DIST"])
        if not (dist / "index.html").is_file():
            sys.exit(f"{dist} is not built: run `npm run build` first")
        base_url, server = serve(app)
        runs = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=CHROMIUM_ARGS)
            one_run(browser, base_url)  # warm-up: the server's first queries, Chromium's start
            for _ in range(args.runs):
                runs.append(one_run(browser, base_url))
            browser.close()
        server.shutdown()
        with app.app_context():
            db.engine.dispose()

    print(f"\n  Journey charts, {args.runs} fresh phones at 390×844 (Debian Chromium), "
          f"{args.years:g} years of data; target {TARGET_MS:.0f} ms")
    print(f"  {'view':<8} {'median':>9} {'max':>9} {'of which on the phone':>22}  "
          "result (median)")
    labels = {"week": "weeks*", "month": "months", "year": "years"}
    for period, _ in VIEWS:
        total = [run[period][0] for run in runs]
        local = [run[period][1] for run in runs]
        verdict = "pass" if statistics.median(total) < TARGET_MS else "OVER"
        print(f"  {labels[period]:<8} {statistics.median(total):7.0f}ms {max(total):7.0f}ms "
              f"{statistics.median(local):20.0f}ms  {verdict}")
    print("  * weeks: the first open, from navigation start (the app starts, signs in from its "
          "cookie, loads uPlot)")
    print(f"\n  what the years view says: {runs[-1]['summary']}")


if __name__ == "__main__":
    main()
