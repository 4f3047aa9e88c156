"""Revisions keep the id the phone made for their step, so an outbox sending a step again is
recognised by that id (one unique rule; steps made before have none)

Revision ID: d7e2f1a9c3b8
Revises: b5d1e8f04a27
Create Date: 2026-12-03 20:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7e2f1a9c3b8'
down_revision = 'b5d1e8f04a27'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step_id', sa.Uuid(), nullable=True))
        batch_op.create_unique_constraint('uq_revisions_step_id', ['step_id'])


def downgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_constraint('uq_revisions_step_id', type_='unique')
        batch_op.drop_column('step_id')
