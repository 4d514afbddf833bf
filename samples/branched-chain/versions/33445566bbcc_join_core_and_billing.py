"""join core and billing

Revision ID: 33445566bbcc
Revises: ff6677889900, 22334455aabb
Create Date: 2023-08-01 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '33445566bbcc'
down_revision: Union[str, Sequence[str], None] = ('ff6677889900', '22334455aabb')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("COMMENT ON SCHEMA billing IS 'subscriptions and plans; rows reference app.accounts'")


def downgrade() -> None:
    op.execute('COMMENT ON SCHEMA billing IS NULL')
