"""order refunds

Revision ID: 54e0ccfc1492
Revises: 03228e22ea4e
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    000004_order_refunds.up.sql (version 000004)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "54e0ccfc1492"
down_revision = "03228e22ea4e"
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
    # 000004_order_refunds.up.sql:1
    run_sql("""ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'shipped'""")

    # 000004_order_refunds.up.sql:4
    # -- Amounts are stored in cents; make the name say so.
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total_cents' AND NOT attisdropped) THEN
ALTER TABLE orders RENAME COLUMN total TO total_cents;
  END IF;
END
$pgmend$""")


def downgrade() -> None:
    # 000004_order_refunds.down.sql:1
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total_cents' AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped) THEN
ALTER TABLE orders RENAME COLUMN total_cents TO total;
  END IF;
END
$pgmend$""")
