"""Every record kind that has the shared routes (server.records.routes), in one list: export,
the readable export, the history of ended spaces and the timeline read it here, whatever views
were imported. A new kind is added here, and in tests/record_samples.py.

(The daily question's answers are records too, server.daily.services.KIND, but have no shared
routes: an answer is shown only once both partners answered, never in a generic list.)"""

from server.actions.kind import KIND as ACTION
from server.agreements.kind import KIND as AGREEMENT
from server.checkins.kind import KIND as CHECKIN
from server.experiences.kind import KIND as EXPERIENCE
from server.journal.kind import KIND as JOURNAL_ENTRY
from server.pauses.kind import KIND as PAUSE
from server.questions.kind import KIND as QUESTION
from server.records.kinds import RecordKind
from server.rituals.kind import KIND as RITUAL
from server.setbacks.kind import KIND as SETBACK

KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (
    CHECKIN, ACTION, EXPERIENCE, SETBACK, PAUSE, JOURNAL_ENTRY, QUESTION, AGREEMENT, RITUAL)}
