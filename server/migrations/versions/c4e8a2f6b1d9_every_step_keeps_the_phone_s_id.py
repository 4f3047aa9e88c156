"""Every step the phone takes on a record after its create (a change, a pause, a mark...) keeps
the id the phone made for it, in one table, so an outbox sending a step again is recognised by
that one mechanism (records.rules.step_replayed). The step ids revisions kept are copied over.

Revision ID: c4e8a2f6b1d9
Revises: a91c5e7d3f20
Create Date: 2026-12-03 21:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

from server.database import UTCDateTime

revision = 'c4e8a2f6b1d9'
down_revision = 'a91c5e7d3f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'steps',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('record_kind', sa.String(length=64), nullable=False),
        sa.Column('record_id', sa.Uuid(), nullable=False),
        sa.Column('author_id', sa.Uuid(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_steps_author_id'), ['author_id'], unique=False)
    op.execute("INSERT INTO steps (id, record_kind, record_id, author_id, created_at) "
               "SELECT step_id, record_kind, record_id, author_id, created_at FROM revisions "
               "WHERE step_id IS NOT NULL AND author_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_steps_author_id'))
    op.drop_table('steps')
