"""usage view and quotas

Revision ID: e070618de835
Revises: e5fe87d424bc
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    003_usage_view_and_quotas.sql (version 003)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "e070618de835"
down_revision = "e5fe87d424bc"
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
    # 003_usage_view_and_quotas.sql:3
    run_sql("""CREATE TABLE IF NOT EXISTS storage_quotas (
    storage_class storage_class PRIMARY KEY,
    max_bytes     bigint NOT NULL
)""")

    # 003_usage_view_and_quotas.sql:8
    run_sql("""INSERT INTO storage_quotas (storage_class, max_bytes) VALUES
    ('standard',   10737418240),    -- 10 GiB
    ('infrequent', 107374182400),   -- 100 GiB
    ('archive',    1099511627776)
ON CONFLICT DO NOTHING""")

    # 003_usage_view_and_quotas.sql:13
    run_sql("""CREATE OR REPLACE VIEW account_usage AS
SELECT a.id                          AS account_id,
       a.email,
       count(DISTINCT att.blob_id)   AS blob_count,
       coalesce(sum(b.size_bytes), 0) AS bytes_used
  FROM accounts a
  LEFT JOIN documents d     ON d.account_id = a.id
  LEFT JOIN attachments att ON att.document_id = d.id
  LEFT JOIN blobs b         ON b.id = att.blob_id
 GROUP BY a.id, a.email""")


def downgrade() -> None:
    # 003_usage_view_and_quotas.sql:13
    run_sql("""DROP VIEW IF EXISTS account_usage""")

    # 003_usage_view_and_quotas.sql:8
    run_sql("""DELETE FROM storage_quotas WHERE storage_class IN ('standard', 'infrequent', 'archive')""")

    # 003_usage_view_and_quotas.sql:3
    run_sql("""DROP TABLE IF EXISTS storage_quotas""")
