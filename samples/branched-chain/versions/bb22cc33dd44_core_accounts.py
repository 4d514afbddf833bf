"""core: accounts

Revision ID: bb22cc33dd44
Revises: aa11bb22cc33
Create Date: 2023-05-09 15:30:12.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = u'bb22cc33dd44'
down_revision = u'aa11bb22cc33'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('tenant_id', sa.Integer(), sa.ForeignKey('app.tenants.id'), nullable=False),
        sa.Column('email', sa.String(320), nullable=False),
        schema='app',
    )


def downgrade():
    op.drop_table('accounts', schema='app')
