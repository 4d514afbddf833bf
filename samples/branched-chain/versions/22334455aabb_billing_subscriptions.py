"""billing: subscriptions

Revision ID: 22334455aabb
Revises: 1122334455aa
Create Date: 2023-06-20 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '22334455aabb'
down_revision: Union[str, None] = '1122334455aa'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'subscriptions',
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('app.accounts.id'), primary_key=True),
        sa.Column('plan_id', sa.Integer(), sa.ForeignKey('billing.plans.id'), nullable=False),
        schema='billing',
    )


def downgrade() -> None:
    op.drop_table('subscriptions', schema='billing')
