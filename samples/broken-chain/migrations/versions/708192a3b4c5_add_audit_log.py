"""add audit log

Revision ID: 708192a3b4c5
Revises: 6f708192a3b4
Create Date: 2024-03-05 13:14:15.161718

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '708192a3b4c5'
down_revision = '6f708192a3b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_log',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        sa.Column('happened_at', sa.DateTime(), server_default=sa.text('now()'), nullable=False),
        sa.Column('actor', sa.Text()),
        sa.Column('action', sa.Text(), nullable=False),
    )


def downgrade():
    op.drop_table('audit_log')
