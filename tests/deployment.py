"""The files in deploy/ as the tests read them: a unit's Exec lines as argument lists, the
environment template as a dict, the Caddyfile and the database script with this machine's
names in place of the production ones. Only names and ports change; every flag and directive
is the one an operator installs."""

import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# What the deploy files name, and what a test on this machine uses instead.
PRODUCTION_VENV_BIN = "/srv/kintsugi/.venv/bin/"
PRODUCTION_UPSTREAM = "127.0.0.1:8000"
PRODUCTION_SITE = "kintsugi.example.org"


def unit_lines(unit: str, key: str) -> list[str]:
    """Every `key=` line of a systemd unit in deploy/, in order."""
    return [line.split("=", 1)[1] for line in (DEPLOY / unit).read_text().splitlines()
            if line.startswith(f"{key}=")]


def unit_command(line: str, upstream: str = PRODUCTION_UPSTREAM,
                 paths: dict | None = None) -> list[str]:
    """An Exec line as the argument list systemd would run (%% and $$ are systemd's % and $),
    with this checkout's virtualenv, the test's port for gunicorn and `paths` replaced."""
    line = line.replace(PRODUCTION_VENV_BIN, str(Path(sys.executable).parent) + "/")
    line = line.replace(PRODUCTION_UPSTREAM, upstream)
    for production, here in (paths or {}).items():
        line = line.replace(production, here)
    return shlex.split(line.replace("%%", "%").replace("$$", "$"))


def environment_template() -> dict[str, str]:
    """kintsugi.env.example as systemd's EnvironmentFile reads it."""
    settings = {}
    for line in (DEPLOY / "kintsugi.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, value = line.split("=", 1)
            settings[name.strip()] = value
    return settings


def caddyfile(site: str, upstream: str, global_options: str) -> str:
    """deploy/Caddyfile for `site` proxying to `upstream`, after a global options block."""
    text = (DEPLOY / "Caddyfile").read_text()
    return global_options + "\n" + text.replace(PRODUCTION_SITE, site).replace(
        PRODUCTION_UPSTREAM, upstream)


def database_script(name: str) -> str:
    """create-database.sql making role and database `name` instead of kintsugi."""
    return (DEPLOY / "create-database.sql").read_text().replace("kintsugi", name)
