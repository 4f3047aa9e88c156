"""Subscriptions forget their encoding: aes128gcm is the only one accepted, so the column held
the same word in every row and nothing read it

Revision ID: b5d1e8f04a27
Revises: f3b8d2a6c91e
Create Date: 2026-12-03 19:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = 'b5d1e8f04a27'
down_revision = 'f3b8d2a6c91e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.drop_column('encoding')


def downgrade():
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('encoding', sa.String(length=16), nullable=False,
                                      server_default='aes128gcm'))
