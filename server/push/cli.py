"""`flask --app server reminders run | tick`."""

import logging
import sys
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup

# The worker's modules (aiohttp, pywebpush) load only when a command runs, not in web processes.
reminders = AppGroup("reminders", help="The push reminder worker.")


def _logging() -> None:
    logging.basicConfig(stream=sys.stdout, level=logging.INFO,
                        format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")


@reminders.command("run")
def run_command():
    """Run the scheduler: tick about every 30 s until stopped (SIGTERM)."""
    from server.push import worker

    _logging()
    worker.run()


@reminders.command("tick")
@click.option("--now", help="Pretend it is this instant (ISO 8601 with offset); for tests.")
def tick_command(now):
    """One tick: claim due rituals and send what is due, then exit."""
    from server.push import worker
    from server.push.sender import Sender

    _logging()
    instant = datetime.fromisoformat(now).astimezone(UTC) if now else None
    sender = Sender.from_config(current_app.config)
    try:
        claimed, sent = worker.tick(sender, instant)
    finally:
        sender.close()
    click.echo(f"claimed {claimed.claimed} rituals in {claimed.batches} batches: "
               f"{claimed.sent} reminded, {claimed.missed} missed, {claimed.deliveries} "
               f"deliveries; sent {sent.sent}, gone {sent.gone}, retry {sent.retried}, "
               f"failed {sent.failed}, rejected {sent.rejected}, expired {sent.expired}")
