"""orders user created index

Revision ID: 03228e22ea4e
Revises: a0342dd42635
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    000003_orders_user_created_index.up.sql (version 000003)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "03228e22ea4e"
down_revision = "a0342dd42635"
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
    # Postgres refuses these inside a transaction block.
    with op.get_context().autocommit_block():
        # 000003_orders_user_created_index.up.sql:1
        run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"orders_user_id_created_at_idx"') AND NOT indisvalid) THEN
DROP INDEX orders_user_id_created_at_idx;
  END IF;
END
$pgmend$""")

        # 000003_orders_user_created_index.up.sql:1
        run_sql("""CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_created_at_idx ON orders (user_id, created_at DESC)""")


def downgrade() -> None:
    # Postgres refuses these inside a transaction block.
    with op.get_context().autocommit_block():
        # 000003_orders_user_created_index.down.sql:1
        run_sql("""DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_created_at_idx""")
