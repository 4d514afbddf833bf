"""add invoices

Revision ID: 92a3b4c5d6e7
Revises: 708192a3b4c5
Create Date: 2024-03-20 09:00:12.442100

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '92a3b4c5d6e7'
down_revision: Union[str, Sequence[str], None] = '708192a3b4c5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'invoices',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('order_id', sa.Integer(), sa.ForeignKey('orders.id', ondelete='CASCADE'), nullable=False),
        sa.Column('total_cents', sa.Integer(), nullable=False),
        sa.Column('notes', sa.Text()),
    )
    op.execute('INSERT INTO invoices (order_id, total_cents, notes) SELECT id, 0, notes FROM orders')


def downgrade() -> None:
    op.drop_table('invoices')
