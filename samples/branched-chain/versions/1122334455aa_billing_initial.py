"""billing: initial schema

Revision ID: 1122334455aa
Revises: 
Create Date: 2023-05-20 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '1122334455aa'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = ['billing']
# billing rows point at accounts, so core must be there first
depends_on: Union[str, Sequence[str], None] = 'bb22cc33dd44'


def upgrade() -> None:
    op.execute('CREATE SCHEMA IF NOT EXISTS billing')
    op.create_table(
        'plans',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.Text(), nullable=False),
        schema='billing',
    )


def downgrade() -> None:
    op.drop_table('plans', schema='billing')
    op.execute('DROP SCHEMA billing')
