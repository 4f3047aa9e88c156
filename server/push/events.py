"""The notifications that are not ritual reminders, queued in the same transaction as the change
that causes them (a rolled-back change notifies nobody). Each goes to the actor's partner:

- acknowledged: my partner said "I noticed" about something of mine (a check-in, an action …)
- answered: my partner answered (or revised an answer to) my question
- consent: my partner proposed an agreement, or a new version of one: it needs my yes
- pause: my partner asked for a pause
- daily: my partner answered today's question (never their words: those wait for mine)

The words are generic (payload.TEXTS); each person switches each kind on or off and may set
quiet hours (services.notify)."""

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from server.agreements.models import AgreementVersion
from server.daily.models import DailyAnswer
from server.pauses.models import Pause
from server.push import services
from server.questions.models import Answer
from server.records.models import Acknowledgement

CAUSES = ((Acknowledgement, "author_id", "acknowledged"), (Answer, "author_id", "answered"),
          (AgreementVersion, "proposed_by_id", "consent"), (Pause, "author_id", "pause"),
          (DailyAnswer, "author_id", "daily"))


@event.listens_for(Session, "before_flush")
def queue_notifications(session, _flush_context, _instances):
    if not has_app_context() or not session.new:
        return
    caused = []
    for instance in session.new:
        for model, actor_field, kind in CAUSES:
            if isinstance(instance, model):
                actor = getattr(instance, actor_field)
                if actor is not None:
                    caused.append((actor, kind))
    if not caused:
        return
    with session.no_autoflush:
        for actor, kind in caused:
            for partner in services.partner_ids(actor):
                services.notify(partner, kind)
