"""add product price

Revision ID: 6f708192a3b4
Revises: 5e6f708192a3
Create Date: 2024-03-01 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6f708192a3b4'
down_revision = '2b3c4d5e6f70'  # copied from an older branch
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('products', sa.Column('price_cents', sa.Integer(), nullable=False, server_default='0'))
    op.execute('UPDATE products SET price_cents = 0 WHERE price_cents IS NULL')


def downgrade():
    op.drop_column('products', 'price_cents')
