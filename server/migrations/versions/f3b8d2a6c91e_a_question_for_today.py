"""A question for today: the day's prompt of a space, each partner's answer, and its switch

Revision ID: f3b8d2a6c91e
Revises: e2a7c9d41f63
Create Date: 2026-12-03 17:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

from server.database import UTCDateTime

revision = 'f3b8d2a6c91e'
down_revision = 'e2a7c9d41f63'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'daily_questions',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('space_id', sa.Uuid(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('prompt_id', sa.String(length=40), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('revealed_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('space_id', 'day', name='uq_daily_questions_day'),
    )
    op.create_table(
        'daily_answers',
        sa.Column('daily_question_id', sa.Uuid(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('occurred_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('occurred_offset_minutes', sa.SmallInteger(), nullable=False),
        sa.Column('received_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('create_fingerprint', sa.String(length=64), nullable=False),
        sa.Column('withdrawn_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('author_id', sa.Uuid(), nullable=False),
        sa.Column('space_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['daily_question_id'], ['daily_questions.id'],
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['space_id'], ['spaces.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('daily_question_id', 'author_id', name='uq_daily_answers_once'),
    )
    with op.batch_alter_table('daily_answers', schema=None) as batch_op:
        batch_op.create_index('ix_daily_answers_author_id', ['author_id'], unique=False)
        batch_op.create_index('ix_daily_answers_daily_question_id', ['daily_question_id'],
                              unique=False)
    with op.batch_alter_table('push_preferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('daily', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade():
    with op.batch_alter_table('push_preferences', schema=None) as batch_op:
        batch_op.drop_column('daily')
    op.drop_table('daily_answers')
    op.drop_table('daily_questions')
