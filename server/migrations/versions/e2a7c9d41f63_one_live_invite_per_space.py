"""One live invite per space: a unique rule

Two new invites asked for at the same moment could both stay usable. Where that happened, all
but the newest live code of a space are revoked first.

Revision ID: e2a7c9d41f63
Revises: 9c4d2e7a1b35
Create Date: 2026-12-03 16:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = 'e2a7c9d41f63'
down_revision = '9c4d2e7a1b35'
branch_labels = None
depends_on = None

LIVE = "used_at IS NULL AND revoked_at IS NULL"


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        f"SELECT code, space_id FROM invites WHERE {LIVE} "  # noqa: S608 (a constant)
        "ORDER BY space_id, created_at DESC, code")).all()
    newest_seen = set()
    for code, space_id in rows:
        if space_id in newest_seen:
            connection.execute(sa.text("UPDATE invites SET revoked_at = created_at "
                                       "WHERE code = :code"), {"code": code})
        newest_seen.add(space_id)
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.create_index('uq_invites_live_per_space', ['space_id'], unique=True,
                              sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))


def downgrade():
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_index('uq_invites_live_per_space', sqlite_where=sa.text(LIVE),
                            postgresql_where=sa.text(LIVE))
