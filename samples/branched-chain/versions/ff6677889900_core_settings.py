"""core: settings

Revision ID: ff6677889900
Revises: ee55ff667788
Create Date: 2023-07-14 16:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ff6677889900'
down_revision = 'ee55ff667788'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        CREATE TABLE app.settings (
            tenant_id integer PRIMARY KEY REFERENCES app.tenants (id),
            data jsonb NOT NULL DEFAULT '{}'::jsonb
        )
    """)


def downgrade():
    op.execute('DROP TABLE app.settings')
