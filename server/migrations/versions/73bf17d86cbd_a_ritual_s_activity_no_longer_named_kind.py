"""a ritual's activity, no longer named kind

A ritual's own field `kind` (checkin, walk, talk, ...) shadowed the `kind` every record answers
with ("ritual"). Renamed in place, so existing rituals keep what they were.

Revision ID: 73bf17d86cbd
Revises: 1e7b7fba6e10
Create Date: 2026-11-25 01:33:42.325296

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '73bf17d86cbd'
down_revision = '1e7b7fba6e10'
branch_labels = None
depends_on = None


def upgrade():
    # A rename, not autogenerate's drop and add: that would lose every ritual's value (and fail
    # on a NOT NULL column in a table with rows).
    with op.batch_alter_table('rituals', schema=None) as batch_op:
        batch_op.alter_column('kind', new_column_name='activity',
                              existing_type=sa.String(length=12), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('rituals', schema=None) as batch_op:
        batch_op.alter_column('activity', new_column_name='kind',
                              existing_type=sa.String(length=12), existing_nullable=False)
