"""What an operator watches about the reminder workers: each worker writes a heartbeat row
(when it last ticked, how late its latest reminders went out, how its deliveries ended), and
GET /api/health reads them back. A row per worker process, so several workers on several
machines each show; rows of workers gone for a day are cleared when another one starts."""

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Float, String, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from server.database import UTCDateTime, utcnow
from server.extensions import db

OUTCOMES = ("sent", "gone", "retried", "failed", "rejected", "expired")
FORGOTTEN_AFTER = timedelta(days=1)


class WorkerHeartbeat(db.Model):
    __tablename__ = "worker_heartbeats"

    worker: Mapped[str] = mapped_column(String(120), primary_key=True)  # host:pid
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ticked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The latest tick that reminded anyone, and how long after its time the earliest of those
    # reminders went out.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lateness_seconds: Mapped[float | None] = mapped_column(Float)
    # Deliveries that ended so, since the worker started (counters, as Prometheus keeps them).
    sent: Mapped[int] = mapped_column(default=0)
    gone: Mapped[int] = mapped_column(default=0)
    retried: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    expired: Mapped[int] = mapped_column(default=0)


class Heartbeat:
    """This worker process's row."""

    def __init__(self, now: datetime | None = None):
        now = now or utcnow()
        self.worker = f"{socket.gethostname()}:{os.getpid()}"[:120]
        db.session.execute(delete(WorkerHeartbeat).where(
            WorkerHeartbeat.ticked_at < now - FORGOTTEN_AFTER))
        db.session.merge(WorkerHeartbeat(worker=self.worker, started_at=now, ticked_at=now,
                                         **dict.fromkeys(OUTCOMES, 0)))
        db.session.commit()

    def record(self, sent, now: datetime, ticked: bool, lateness: float | None = None) -> None:
        """Add a round's delivery outcomes (a SendResult); `ticked` moves ticked_at."""
        table = WorkerHeartbeat.__table__
        values = {name: table.c[name] + getattr(sent, name) for name in OUTCOMES}
        if ticked:
            values["ticked_at"] = now
        if lateness is not None:
            values["reminded_at"], values["lateness_seconds"] = now, lateness
        db.session.execute(update(table).where(table.c.worker == self.worker).values(values))
        db.session.commit()


@dataclass
class WorkerState:
    status: str            # ok | unhealthy
    workers: list[dict]


def report(now: datetime, stale_after: float) -> WorkerState:
    """Every worker seen in the last day; unhealthy unless one ticked within `stale_after`."""
    rows = db.session.scalars(select(WorkerHeartbeat).order_by(
        WorkerHeartbeat.ticked_at.desc())).all()
    workers = [{
        "worker": row.worker,
        "started_at": row.started_at,
        "ticked_at": row.ticked_at,
        "seconds_since_tick": round((now - row.ticked_at).total_seconds(), 1),
        "reminded_at": row.reminded_at,
        "lateness_seconds": row.lateness_seconds,
        "deliveries": {name: getattr(row, name) for name in OUTCOMES},
    } for row in rows if now - row.ticked_at < FORGOTTEN_AFTER]
    alive = any(w["seconds_since_tick"] <= stale_after for w in workers)
    return WorkerState("ok" if alive else "unhealthy", workers)
