"""worker heartbeats: when each reminder worker last ticked, its lateness and outcomes

Revision ID: 9c4d2e7a1b35
Revises: c4e8a1f2b9d0
Create Date: 2026-12-03 17:00:00

"""
from alembic import op
import sqlalchemy as sa

import server.database


# revision identifiers, used by Alembic.
revision = '9c4d2e7a1b35'
down_revision = 'c4e8a1f2b9d0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'worker_heartbeats',
        sa.Column('worker', sa.String(length=120), nullable=False),
        sa.Column('started_at', server.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column('ticked_at', server.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column('reminded_at', server.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column('lateness_seconds', sa.Float(), nullable=True),
        sa.Column('sent', sa.Integer(), nullable=False),
        sa.Column('gone', sa.Integer(), nullable=False),
        sa.Column('retried', sa.Integer(), nullable=False),
        sa.Column('failed', sa.Integer(), nullable=False),
        sa.Column('rejected', sa.Integer(), nullable=False),
        sa.Column('expired', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('worker', name=op.f('pk_worker_heartbeats')),
    )


def downgrade():
    op.drop_table('worker_heartbeats')
