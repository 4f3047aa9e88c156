"""Check-ins as a record kind (server.records): what the phone sends, what may change."""

from server.checkins.models import Checkin
from server.checkins.schemas import CheckinIn
from server.records.kinds import RecordKind

CONTENT = ("feelings", "intensity", "trust", "safety", "connection", "want_you_to_know",
           "need_from_you")
KIND = RecordKind(name="checkin", model=Checkin, create_schema=CheckinIn, editable=CONTENT,
                  out_fields=CONTENT, acknowledgeable=True)
