"""add order status

Revision ID: 4d5e6f708192
Revises: 3c4d5e6f7081
Create Date: 2024-02-10 16:20:31.771020

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '4d5e6f708192'
down_revision: Union[str, None] = '3c4d5e6f7081'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped')")
    op.execute("ALTER TABLE orders ADD COLUMN status order_status NOT NULL DEFAULT 'new'")


def downgrade() -> None:
    op.execute('ALTER TABLE orders DROP COLUMN status')
    op.execute('DROP TYPE order_status')
