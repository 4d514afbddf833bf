"""core: initial schema

Revision ID: aa11bb22cc33
Revises: 
Create Date: 2023-05-02 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'aa11bb22cc33'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = ('core',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute('CREATE SCHEMA IF NOT EXISTS app')
    op.create_table(
        'tenants',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('slug', sa.String(63), nullable=False, unique=True),
        schema='app',
    )


def downgrade() -> None:
    op.drop_table('tenants', schema='app')
    op.execute('DROP SCHEMA app')
