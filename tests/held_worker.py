"""The production app for `flask --app held_worker reminders ...`, with each claim batch held
open HOLD_EACH_BATCH_SECONDS before it commits: long enough for a test to kill the worker inside
a batch (tests/test_push_workers.py) or for two workers to interleave. Production code has no
such pause; the test wraps the scheduler's claim_batch from outside."""

import os
import time

from server import create_app as create_production_app
from server.push import scheduler

HOLD = float(os.environ["HOLD_EACH_BATCH_SECONDS"])
claim_batch = scheduler.claim_batch


def held_claim_batch(*args, **kwargs):
    claimed = claim_batch(*args, **kwargs)
    print(f"holding the batch for {HOLD:.1f} s", flush=True)  # the test waits for this line
    time.sleep(HOLD)
    return claimed


def create_app():
    scheduler.claim_batch = held_claim_batch
    return create_production_app()
