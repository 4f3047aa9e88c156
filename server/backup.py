"""`flask --app server backup PATH` and `restore PATH`: a consistent copy while the app runs.

SQLite: the online backup API copies the database in one step inside a read transaction, so
the copy is one moment's state even while others write (WAL: they are never blocked).
PostgreSQL: pg_dump's custom format, taken in one snapshot; pg_restore puts it back in a
single transaction. The copy holds everything the couples wrote: it is written 0600.
"""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404  (pg_dump and pg_restore, our arguments)
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url


def _libpq(url: str) -> tuple[str, dict]:
    """The libpq URL pg_dump and pg_restore take, and the environment carrying the password
    (so it never shows in the process list)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = parsed.password
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _postgresql_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise click.ClickException(f"{name} is needed: apt-get install postgresql-client")
    return path


def _sqlite_file(url: str) -> str:
    return make_url(url).database


def _private_temporary(path: Path) -> Path:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    temporary.touch(mode=0o600)
    return temporary


def backup(url: str, path: Path) -> None:
    """Write a consistent copy of the database at `url` to `path` (replaced atomically)."""
    path = path.resolve()
    temporary = _private_temporary(path)
    try:
        if url.startswith("sqlite"):
            source = sqlite3.connect(f"file:{_sqlite_file(url)}?mode=ro", uri=True)
            target = sqlite3.connect(temporary)
            source.backup(target)  # pages=-1: all of it in one step, one snapshot
            target.close()
            source.close()
        else:
            dbname, env = _libpq(url)
            subprocess.run(  # noqa: S603  (our arguments, no shell)
                [_postgresql_tool("pg_dump"), "--format=custom", "--file", str(temporary),
                 "--dbname", dbname], env=env, check=True)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def restore(url: str, path: Path) -> None:
    """Replace everything in the database at `url` with the copy at `path`."""
    if not path.is_file():
        raise click.ClickException(f"{path} is not a file")
    if url.startswith("sqlite"):
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_file(url), timeout=30)
        source.backup(target)  # through SQLite, so its WAL and locks stay right
        target.close()
        source.close()
    else:
        dbname, env = _libpq(url)
        subprocess.run(  # noqa: S603  (our arguments, no shell)
            [_postgresql_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", dbname,
             str(path)], env=env, check=True)


def _database() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH while the app runs."""
    backup(_database(), path)
    click.echo(f"backed up {make_url(_database()).get_backend_name()} to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database with the copy at PATH (stop the web and the worker first)."""
    if not yes:
        click.confirm(f"Replace everything in the database with {path}?", abort=True)
    restore(_database(), path)
    click.echo(f"restored {path}")
