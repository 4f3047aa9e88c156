"""Lighthouse (npm `lighthouse`, Debian's Chromium, headless) on the start page (signed out) and
on Today (a paired person's session), against the real app served locally
(bench/_local_app.py): prints the accessibility, best-practices and performance scores and every
audit that keeps a score below 100. Targets (issue 16): accessibility 100, best practices ≥ 95.
Needs the built client (`npm run build`). Run: .venv/bin/python bench/lighthouse.py"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime

from _local_app import ROOT, local_app, paired_couple

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "performance"]
TARGETS = {"accessibility": 100, "best-practices": 95}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"


def lighthouse(url, cookie=None):
    """Lighthouse's JSON report of `url` (with `cookie` sent on every request, when given)."""
    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "report.json")
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        # Our own command line: the node_modules binary, our URL, our flags.
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium})  # noqa: S603
        with open(report) as opened:
            return json.load(opened)


def answered(report, path):
    """The status of the page's request to `path` (None when it made none)."""
    for request in report["audits"]["network-requests"]["details"]["items"]:
        if request["url"].split("?")[0].endswith(path):
            return request.get("statusCode")
    return None


def scores(report):
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def short_of_full(report, category):
    """The audits of `category` that did not pass (weight > 0, score < 1)."""
    audits = report["audits"]
    return [f"{ref['id']}: {audits[ref['id']]['title']}"
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 0) < 1]


def main():
    failed = False
    with local_app() as base_url:
        ana, ben = paired_couple(base_url)
        ben.call("PUT", f"/api/checkins/{uuid.uuid4()}", {
            "feelings": ["hope"], "trust": 5, "want_you_to_know": "Thank you for tonight.",
            "occurred_at": datetime.now(UTC).isoformat()})
        # Today only asks for the shared space when it is a paired person's Today.
        pages = [("start page (signed out)", f"{base_url}/", None, None),
                 ("Today (signed in, paired)", f"{base_url}/today", ana.cookie_header(),
                  "/api/space")]
        print(f"{'page':28} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for name, url, cookie, proof in pages:
            report = lighthouse(url, cookie)
            if proof and answered(report, proof) != 200:
                raise SystemExit(f"{name}: not signed in ({proof}: {answered(report, proof)})")
            figures = scores(report)
            print(f"{name:28} " + " ".join(f"{figures[c]:>15}" for c in CATEGORIES))
            for category in CATEGORIES:
                for audit in short_of_full(report, category):
                    print(f"    {category}: {audit}")
            failed |= any(figures[c] < target for c, target in TARGETS.items())
    print("targets: accessibility 100, best practices >= 95:", "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
