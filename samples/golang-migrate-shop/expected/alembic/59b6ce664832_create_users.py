"""create users

Revision ID: 59b6ce664832
Revises: 
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    000001_create_users.up.sql (version 000001)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "59b6ce664832"
down_revision = None
branch_labels = None
depends_on = None


def run_sql(sql: str) -> None:
    """Runs one statement exactly as written.

    Not op.execute(): it passes text through SQLAlchemy text(), which reads ":name" as a
    bind parameter. exec_driver_sql without parameters hands the text to the driver as it
    is (psycopg2 reads "%" only when parameters are given). `alembic upgrade --sql` prints it.
    """
    context = op.get_context()
    if context.as_sql:
        context.impl.static_output(sql + ("\n;" if "--" in sql.rsplit("\n", 1)[-1] else ";"))
    else:
        op.get_bind().exec_driver_sql(sql, execution_options={"no_parameters": True})


def upgrade() -> None:
    # 000001_create_users.up.sql:1
    run_sql("""CREATE TABLE IF NOT EXISTS users (
    id          bigserial PRIMARY KEY,
    email       varchar(255) NOT NULL,
    full_name   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
)""")

    # 000001_create_users.up.sql:8
    run_sql("""CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_key ON users (lower(email))""")


def downgrade() -> None:
    # 000001_create_users.down.sql:1
    run_sql("""DROP TABLE IF EXISTS users""")
