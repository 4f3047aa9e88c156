"""bench/client_size.py prints the gzipped first download and the precache, within target."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_initial_js_and_css_stay_under_60_kb_gzipped():
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "client_size.py")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "initial JS + CSS:" in run.stdout and "precache:" in run.stdout
