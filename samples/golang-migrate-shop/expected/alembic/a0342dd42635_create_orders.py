"""create orders

Revision ID: a0342dd42635
Revises: 59b6ce664832
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    000002_create_orders.up.sql (version 000002)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "a0342dd42635"
down_revision = "59b6ce664832"
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
    # 000002_create_orders.up.sql:1
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'order_status' AND n.nspname = current_schema()) THEN
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
  END IF;
END
$pgmend$""")

    # 000002_create_orders.up.sql:3
    run_sql("""CREATE TABLE IF NOT EXISTS orders (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    status      order_status NOT NULL DEFAULT 'pending',
    total       integer NOT NULL CHECK (total >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
)""")

    # 000002_create_orders.up.sql:11
    run_sql("""CREATE TABLE IF NOT EXISTS order_items (
    order_id    bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku         text NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  integer NOT NULL,
    PRIMARY KEY (order_id, sku)
)""")


def downgrade() -> None:
    # 000002_create_orders.down.sql:1
    run_sql("""DROP TABLE IF EXISTS order_items""")

    # 000002_create_orders.down.sql:2
    run_sql("""DROP TABLE IF EXISTS orders""")

    # 000002_create_orders.down.sql:3
    run_sql("""DROP TYPE IF EXISTS order_status""")
