"""Small consistent actions as a record kind (server.records)."""

from server.actions.models import Action
from server.actions.schemas import ActionIn
from server.records.kinds import RecordKind

KIND = RecordKind(name="action", model=Action, create_schema=ActionIn,
                  editable=("what", "category"), out_fields=("what", "category"),
                  acknowledgeable=True)
