"""merge sessions and profiles

Revision ID: ee55ff667788
Revises: cc33dd44ee55, dd44ee55ff66
Create Date: 2023-06-05 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'ee55ff667788'
down_revision: Union[str, Sequence[str], None] = (
    'cc33dd44ee55',  # sessions
    'dd44ee55ff66',  # profiles
)
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
