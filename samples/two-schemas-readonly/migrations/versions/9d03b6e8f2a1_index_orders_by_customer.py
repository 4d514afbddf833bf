"""index orders by customer

Revision ID: 9d03b6e8f2a1
Revises: 5e2a7f31b8c4
Create Date: 2024-07-23 14:55:41.006318

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = "9d03b6e8f2a1"
down_revision = "5e2a7f31b8c4"
branch_labels = None
depends_on = None


def upgrade():
    # orders is large by now: build the index without blocking writes.
    op.execute(
        '''
        CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id
            ON app.orders (customer_id)
        '''
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS app.ix_orders_customer_id")
