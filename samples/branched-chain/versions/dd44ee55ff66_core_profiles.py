"""core: profiles

Revision ID: dd44ee55ff66
Revises: bb22cc33dd44
Create Date: 2023-06-02 11:20:00.000000

"""
from typing import Sequence

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'dd44ee55ff66'
down_revision: str | None = 'bb22cc33dd44'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('accounts', sa.Column('display_name', sa.Text()), schema='app')


def downgrade() -> None:
    op.drop_column('accounts', 'display_name', schema='app')
