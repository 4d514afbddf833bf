"""refcount

Revision ID: e5fe87d424bc
Revises: 6e3c3f37db55
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    002_refcount.sql (version 002)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "e5fe87d424bc"
down_revision = "6e3c3f37db55"
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
    # shared/refcount_functions.sql:4
    # -- Shared reference-counting helpers. Included by 002_refcount.sql with \i;
    # -- not a migration on its own.
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

    # shared/refcount_functions.sql:17
    run_sql("""CREATE OR REPLACE FUNCTION attachments_refcount_trigger()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM blob_adjust_refcount(NEW.blob_id, 1);
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM blob_adjust_refcount(OLD.blob_id, -1);
        RETURN OLD;
    END IF;
    RETURN NULL;
END;
$$""")

    # 002_refcount.sql:4
    # -- 002_refcount.sql: keep blobs.ref_count in step with attachments.
    run_sql("""CREATE OR REPLACE TRIGGER attachments_refcount
    AFTER INSERT OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_refcount_trigger()""")

    # 002_refcount.sql:8
    run_sql("""COMMENT ON COLUMN blobs.ref_count IS 'Number of attachments pointing at this blob; 0 means it can be garbage-collected.'""")


def downgrade() -> None:
    # 002_refcount.sql:8
    run_sql("""COMMENT ON COLUMN blobs.ref_count IS NULL""")

    # 002_refcount.sql:4
    run_sql("""DROP TRIGGER IF EXISTS attachments_refcount ON attachments""")

    # shared/refcount_functions.sql:17
    run_sql("""DROP FUNCTION IF EXISTS attachments_refcount_trigger()""")

    # shared/refcount_functions.sql:4
    run_sql("""DROP FUNCTION IF EXISTS blob_adjust_refcount(bigint, integer)""")
