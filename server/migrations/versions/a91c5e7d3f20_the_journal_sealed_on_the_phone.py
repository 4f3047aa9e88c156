"""The journal sealed on the phone: each account's salt and Argon2id parameters, its wrapped
journal key, and each entry's ciphertext (entries written before stay plaintext until their
author's phone seals them at its next sign-in)

Revision ID: a91c5e7d3f20
Revises: d7e2f1a9c3b8
Create Date: 2026-12-03 19:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = 'a91c5e7d3f20'
down_revision = 'd7e2f1a9c3b8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kdf', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('wrapped_journal_key', sa.String(length=255), nullable=True))
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed', sa.Text(), nullable=True))


def downgrade():
    # Sealed entries cannot be turned back into words here: going down loses them.
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_column('sealed')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('wrapped_journal_key')
        batch_op.drop_column('kdf')
