"""One write, one transaction, one truth.

Every state-changing API request runs in one database transaction that commits once, after its
view has produced the answer (server.api.Blueprint wraps each such view in one_per_request):
services change and flush, nobody else commits, so no request is ever half-applied.

A request that loses a race to another one at the same moment finds out from the database: a
unique rule refuses its insert (IntegrityError: the same id from the phone, the same answer
number, the same consent, the same day's mark...) or the row it based its update on has moved
on (StaleDataError: the version is checked in the UPDATE itself, see records.models). Nothing of
it is kept; it runs again on what the winner committed, so it gets exactly the answer it would
have got one moment later: the stored result of a replay, or 409 with what is there now.
"""

import functools
import logging

from flask import current_app, g
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from server.errors import ApiError

log = logging.getLogger(__name__)

RACE_LOST = (IntegrityError, StaleDataError)
# Each run after a lost race sees a newer state; a third loss in a row means a crowd of writers
# on one row, and the phone's outbox will simply send again.
RUNS = 3


def one_per_request(view):
    @functools.wraps(view)
    def run_once_and_commit(*args, **kwargs):
        # The app's Flask-SQLAlchemy (not server.extensions, which imports the API module).
        session = current_app.extensions["sqlalchemy"].session
        for _ in range(RUNS):
            try:
                answer = view(*args, **kwargs)
                session.commit()
                return answer
            except RACE_LOST as lost:
                session.rollback()
                # What this request learnt of the world may be what the winner changed: its
                # person (deleted, signed out) and their live space are looked up again.
                g.pop("_login_user", None)
                g.pop("live_space_ids", None)
                log.info("A request lost a race and runs again: %s", type(lost).__name__)
        raise ApiError(409, "conflict", "Someone changed this at the same moment. Please try "
                       "again.")

    return run_once_and_commit
