"""What every record of the couple shares: ids from the phone, versions, revisions, tombstones,
scope, time and pagination. Each domain (checkins, actions, ...) describes its record with a
RecordKind and gets the same behaviour."""
