"""seed lead sources

Revision ID: 5e2a7f31b8c4
Revises: c41d9e0f5a37
Create Date: 2024-06-11 08:30:02.277451

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import column, table


# revision identifiers, used by Alembic.
revision = "5e2a7f31b8c4"
down_revision = "c41d9e0f5a37"
branch_labels = None
depends_on = None


lead_sources = table(
    "lead_sources",
    column("code", sa.String),
    column("label", sa.String),
    schema="crm",
)


def upgrade():
    op.bulk_insert(
        lead_sources,
        [
            {"code": "webshop", "label": "Web shop order"},
            {"code": "partner", "label": "Partner referral"},
        ],
    )


def downgrade():
    op.execute(lead_sources.delete().where(lead_sources.c.code.in_(["webshop", "partner"])))
