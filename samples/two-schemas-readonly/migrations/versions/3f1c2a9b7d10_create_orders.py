"""create orders

Revision ID: 3f1c2a9b7d10
Revises:
Create Date: 2024-03-04 09:12:44.118204

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = "3f1c2a9b7d10"
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Only schema app belongs to us; crm.contacts is read, never written.
    op.execute(
        """
        CREATE TABLE IF NOT EXISTS app.orders (
            id             bigserial PRIMARY KEY,
            customer_id    bigint NOT NULL REFERENCES app.customers (id),
            crm_contact_id bigint,
            total_cents    integer NOT NULL DEFAULT 0,
            created_at     timestamptz NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE OR REPLACE VIEW app.order_contacts AS
        SELECT o.id AS order_id, c.email
          FROM app.orders o
          JOIN crm.contacts c ON c.id = o.crm_contact_id
        """
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS app.order_contacts")
    op.execute("DROP TABLE IF EXISTS app.orders")
