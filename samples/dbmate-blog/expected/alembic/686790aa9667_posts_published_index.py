"""posts published index

Revision ID: 686790aa9667
Revises: c47db472fe71
Create Date: 2023-01-20 10:15:00

Converted by pgmend from:
    20230120101500_posts_published_index.sql (version 20230120101500)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "686790aa9667"
down_revision = "c47db472fe71"
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
        # 20230120101500_posts_published_index.sql:2
        run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"posts_published_at_idx"') AND NOT indisvalid) THEN
DROP INDEX posts_published_at_idx;
  END IF;
END
$pgmend$""")

        # 20230120101500_posts_published_index.sql:2
        run_sql("""CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_published_at_idx
    ON posts (published_at DESC)
    WHERE published_at IS NOT NULL""")


def downgrade() -> None:
    # Postgres refuses these inside a transaction block.
    with op.get_context().autocommit_block():
        # 20230120101500_posts_published_index.sql:7
        run_sql("""DROP INDEX CONCURRENTLY IF EXISTS posts_published_at_idx""")
