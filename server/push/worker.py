"""The worker process (`flask --app server reminders run`, the Procfile's `worker:` line)."""

import logging
import signal
import threading
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, text

from server.database import utcnow
from server.extensions import db
from server.push.models import Delivery
from server.push.monitor import Heartbeat
from server.push.outbox import SendPipeline, SendResult, send_due
from server.push.scheduler import TickResult, claim_due
from server.push.sender import Sender

log = logging.getLogger(__name__)


def tick(sender: Sender, now: datetime | None = None) -> tuple[TickResult, SendResult]:
    """Claim the due rituals, then send every delivery that is due (reminders, notifications,
    and retries whose time has come)."""
    began = utcnow()
    now = now or began
    pipeline = SendPipeline(sender, now)
    claimed = claim_due(now, after_batch=pipeline.pump)
    pipeline.pump()  # notifications and retries due now, if no ritual was
    sent = pipeline.drain()
    if claimed.earliest_due is not None:
        # They have just been sent: the earliest due time among them says how late they were.
        sent_at = now + (utcnow() - began)
        claimed.lateness_seconds = max(0.0, (sent_at - claimed.earliest_due).total_seconds())
    if claimed.claimed or sent.outcomes or sent.expired:
        log.info("tick: %d rituals, %d reminded, %d missed, %d deliveries queued; sent %d, "
                 "gone %d, retry %d, failed %d, rejected %d, expired %d; reminders %s late",
                 claimed.claimed, claimed.sent, claimed.missed, claimed.deliveries, sent.sent,
                 sent.gone, sent.retried, sent.failed, sent.rejected, sent.expired,
                 "-" if claimed.lateness_seconds is None else f"{claimed.lateness_seconds:.1f} s")
    return claimed, sent


def next_retry_at() -> datetime | None:
    return db.session.scalar(select(func.min(Delivery.next_attempt_at)).where(
        text("push_deliveries.status = 'pending'")))


def run(stop: threading.Event | None = None) -> None:
    """Tick every REMINDERS_TICK_SECONDS; between ticks, send what falls due (notifications,
    retries) every REMINDERS_POLL_SECONDS. SIGTERM/SIGINT end it after the current step."""
    config = current_app.config
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    sender = Sender.from_config(config)
    tick_every, poll_every = config["REMINDERS_TICK_SECONDS"], config["REMINDERS_POLL_SECONDS"]
    heartbeat = Heartbeat()
    db.session.remove()
    log.info("reminder worker %s started (tick %.0f s)", heartbeat.worker, tick_every)
    next_tick = 0.0
    try:
        while not stop.is_set():
            started = utcnow()
            try:
                if started.timestamp() >= next_tick:
                    next_tick = started.timestamp() + tick_every
                    claimed, sent = tick(sender, started)
                    heartbeat.record(sent, utcnow(), ticked=True, lateness=claimed.lateness_seconds)
                else:
                    sent = send_due(sender, started)
                    if sent.outcomes or sent.expired:
                        heartbeat.record(sent, utcnow(), ticked=False)
                wake = next_retry_at()
                db.session.remove()
            except Exception:
                log.exception("reminder tick failed; trying again at the next one")
                db.session.rollback()
                db.session.remove()
                wake = None
            until = min(next_tick, utcnow().timestamp() + poll_every)
            if wake is not None:
                until = min(until, max(wake.timestamp(), utcnow().timestamp() + 0.2))
            stop.wait(max(0.0, until - utcnow().timestamp()))
    finally:
        sender.close()
        log.info("reminder worker stopped")
