"""add order notes

Revision ID: 708192a3b4c5
Revises: 5e6f708192a3
Create Date: 2024-03-10 17:45:03.902211

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '708192a3b4c5'
down_revision: Union[str, Sequence[str], None] = '5e6f708192a3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('orders', sa.Column('notes', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('orders', 'notes')
