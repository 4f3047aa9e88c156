"""The one rule of what a person still sees of their former partner on their own records, once
the shared space has ended (one of them left, or deleted their account).

Each keeps the records they wrote, read-only (service.scope). On those records:
- the former partner's words are not returned: their answers, their reflection (its joy
  rating with it: it is how they felt), the words of an acknowledgement, the reason they gave for
  withdrawing consent, the changes in their revisions, an agreement version they proposed that I
  never said yes to. The leave dialog promises "What <partner> wrote is no longer shown to you",
  and each must be able to trust that what they wrote is not read on after the end;
- what they did stays, as a fact without words, so the record still tells its own story truly:
  that they consented, acknowledged, marked a ritual day, changed something (and when);
- words both said yes to stay: an agreement version I consented to is my commitment too, even if
  they first wrote it (see `keep`'s `owners`). Hiding it would leave my own agreement without
  the terms I lived by, and my own "I accepted version 2" pointing at nothing;
- their name is shown as FORMER_PARTNER: the record stays honest about who did what, and nothing
  they write later (a new display name) reaches me through my own records.

Deleting an account goes further than this rule: every row the person wrote is erased
(account.services.delete_account), agreement words both said yes to included.

While the space is live nothing is hidden: both partners read everything of it. Every presenter
asks a `FormerPartner` rather than deciding for itself.
"""

from collections.abc import Callable, Iterable

from server.auth.models import User
from server.space.services import live_space_id

FORMER_PARTNER = "Former partner"


class FormerPartner:
    """What one viewer sees of the other person on one record."""

    def __init__(self, viewer: User, record):
        self.viewer_id = viewer.id
        space_id = getattr(record, "space_id", None)  # a private record has no other person
        self.ended = space_id is not None and space_id != live_space_id(viewer)

    def hides(self, *owners) -> bool:
        """Are words owned by these people hidden from the viewer? (None: a deleted account.)"""
        return self.ended and self.viewer_id not in owners

    def keep(self, items: Iterable, owners: Callable = lambda item: (item.author_id,)) -> list:
        """The items the viewer still sees: after the end, those whose words are (also) theirs."""
        return [item for item in items if not self.hides(*owners(item))]

    def words(self, author_id, text):
        return None if self.hides(author_id) else text

    def name(self, author_id, names: dict) -> str | None:
        return FORMER_PARTNER if self.hides(author_id) else names.get(author_id)
