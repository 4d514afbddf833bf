"""core: sessions

Revision ID: cc33dd44ee55
Revises: bb22cc33dd44
Create Date: 2023-06-01 08:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "cc33dd44ee55"
down_revision = "bb22cc33dd44"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sessions',
        sa.Column('token', sa.String(64), primary_key=True),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('app.accounts.id', ondelete='CASCADE')),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        schema='app',
    )


def downgrade():
    op.drop_table('sessions', schema='app')
