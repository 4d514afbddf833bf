"""refcount touch

Revision ID: 5c8b5f622a36
Revises: 93f20cb57d2e
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    005_refcount_touch.sql (version 005)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "5c8b5f622a36"
down_revision = "93f20cb57d2e"
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
    # 005_refcount_touch.sql:2
    # -- Track the last time a blob gained or lost a reference (used by the GC job).
    run_sql("""CREATE OR REPLACE FUNCTION blob_adjust_refcount(p_blob_id bigint, p_delta integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE blobs
       SET ref_count = ref_count + p_delta,
           last_referenced_at = now()
     WHERE id = p_blob_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'blob % does not exist', p_blob_id;
    END IF;
END;
$$""")

    # 005_refcount_touch.sql:17
    # -- The NFS share is gone.
    run_sql("""ALTER TABLE documents DROP COLUMN IF EXISTS legacy_path""")


def downgrade() -> None:
    # 005_refcount_touch.sql:17
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('"documents"') AND attname = 'legacy_path' AND NOT attisdropped) THEN
ALTER TABLE documents ADD COLUMN legacy_path text;
  END IF;
END
$pgmend$""")

    # 005_refcount_touch.sql:17
    # column legacy_path comes back empty: its data is not restored

    # 005_refcount_touch.sql:2
    run_sql("""CREATE OR REPLACE FUNCTION blob_adjust_refcount(p_blob_id bigint, p_delta integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE blobs
       SET ref_count = ref_count + p_delta
     WHERE id = p_blob_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'blob % does not exist', p_blob_id;
    END IF;
END;
$$""")
