"""blob retention

Revision ID: 93f20cb57d2e
Revises: e070618de835
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    004_blob_retention.sql (version 004)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "93f20cb57d2e"
down_revision = "e070618de835"
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
    # 004_blob_retention.sql:2
    # -- Garbage collection of unreferenced blobs needs to know when they were last used.
    run_sql("""ALTER TABLE blobs ADD COLUMN IF NOT EXISTS last_referenced_at timestamptz""")

    # 004_blob_retention.sql:4
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'blobs_ref_count_nonnegative' AND conrelid = to_regclass('"blobs"')) THEN
ALTER TABLE blobs
    ADD CONSTRAINT blobs_ref_count_nonnegative CHECK (ref_count >= 0);
  END IF;
END
$pgmend$""")

    # 004_blob_retention.sql:7
    run_sql("""CREATE INDEX IF NOT EXISTS blobs_unreferenced_idx ON blobs (last_referenced_at) WHERE ref_count = 0""")


def downgrade() -> None:
    # 004_blob_retention.sql:7
    run_sql("""DROP INDEX IF EXISTS blobs_unreferenced_idx""")

    # 004_blob_retention.sql:4
    run_sql("""ALTER TABLE blobs DROP CONSTRAINT IF EXISTS blobs_ref_count_nonnegative""")

    # 004_blob_retention.sql:2
    run_sql("""ALTER TABLE blobs DROP COLUMN IF EXISTS last_referenced_at""")
