"""One revision per record version: a unique rule instead of an index

Two updates based on the same version used to be both accepted (the version was compared in
Python), leaving two revisions with one number; and a reflection's change was numbered by the
reflection's own version, under its experience. A record whose revisions repeat a number has
them numbered again in the order they were made (2, 3, ...), and its version follows, so the
unique rule can hold.

Revision ID: c4e8a1f2b9d0
Revises: 73bf17d86cbd
Create Date: 2026-12-03 16:30:00.000000

"""
from itertools import groupby

import sqlalchemy as sa
from alembic import op

revision = 'c4e8a1f2b9d0'
down_revision = '73bf17d86cbd'
branch_labels = None
depends_on = None

TABLES = {"checkin": "checkins", "action": "actions", "setback": "setbacks", "pause": "pauses",
          "experience": "experiences", "question": "questions", "agreement": "agreements",
          "ritual": "rituals"}


def _number_again() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, record_kind, record_id, version FROM revisions "
        "ORDER BY record_kind, record_id, created_at, id")).all()
    for (kind, record_id), group in groupby(rows, key=lambda row: (row[1], row[2])):
        group = list(group)
        if len({row[3] for row in group}) == len(group):
            continue
        for number, row in enumerate(group, start=2):
            connection.execute(sa.text("UPDATE revisions SET version = :number WHERE id = :id"),
                               {"number": number, "id": row[0]})
        table = TABLES.get(kind)
        if table is not None:
            connection.execute(
                sa.text(f"UPDATE {table} SET version = :version "  # noqa: S608 (known names)
                        "WHERE id = :id AND version < :version"),
                {"version": len(group) + 1, "id": record_id})


def upgrade():
    _number_again()
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_revisions_record')
        batch_op.create_unique_constraint('uq_revisions_record_version',
                                          ['record_kind', 'record_id', 'version'])


def downgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint('uq_revisions_record_version', type_='unique')
        batch_op.create_index('ix_revisions_record', ['record_kind', 'record_id', 'version'],
                              unique=False)
