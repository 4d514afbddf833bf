"""add account tier

Revision ID: c41d9e0f5a37
Revises: 8b7e4d2c1a09
Create Date: 2024-05-02 11:47:29.901377

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c41d9e0f5a37'
down_revision = '8b7e4d2c1a09'
branch_labels = None
depends_on = None

CRM_SCHEMA = 'crm'


def upgrade():
    op.add_column(
        'accounts',
        sa.Column('tier', sa.String(length=16), nullable=True),
        schema=CRM_SCHEMA,
    )
    op.create_index(op.f('ix_crm_accounts_tier'), 'accounts', ['tier'], unique=False, schema=CRM_SCHEMA)


def downgrade():
    op.drop_index(op.f('ix_crm_accounts_tier'), table_name='accounts', schema=CRM_SCHEMA)
    op.drop_column('accounts', 'tier', schema=CRM_SCHEMA)
