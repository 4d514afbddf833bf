"""add contact segment

Sales wants to tag contacts with a segment. The table was unqualified, so the
statement resolved through search_path (app, crm) to crm.contacts: the CRM sync
dropped the column again at its next run and failed for two days.

Revision ID: 8b7e4d2c1a09
Revises: 3f1c2a9b7d10
Create Date: 2024-04-18 16:03:10.554012

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "8b7e4d2c1a09"
down_revision = "3f1c2a9b7d10"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "ALTER TABLE contacts "
        "ADD COLUMN segment text"
    )
    op.execute(
        sa.text("UPDATE contacts SET segment = :segment WHERE segment IS NULL").bindparams(segment="smb")
    )


def downgrade():
    op.execute("ALTER TABLE contacts DROP COLUMN segment")
