"""archive cold blobs

Revision ID: 2a162af57bbe
Revises: 5c8b5f622a36
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    006_archive_cold_blobs.sql (version 006)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "2a162af57bbe"
down_revision = "5c8b5f622a36"
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
    # 006_archive_cold_blobs.sql:2
    # -- One-off backfill: blobs nobody references any more move to archive storage.
    run_sql("""UPDATE blobs
   SET storage_class = 'archive'
 WHERE ref_count = 0
   AND storage_class <> 'archive'""")


def downgrade() -> None:
    # 006_archive_cold_blobs.sql:2
    # UPDATE at samples/storage-refcount/migrations/006_archive_cold_blobs.sql:2 changed data; not undone
    pass
