"""init

Revision ID: 6e3c3f37db55
Revises: 
Create Date: 2000-01-01 00:00:00

Converted by pgmend from:
    001_init.sql (version 001)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "6e3c3f37db55"
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
    # 001_init.sql:3
    # -- 001_init.sql: accounts, documents and the content-addressed blob store.
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'storage_class' AND n.nspname = current_schema()) THEN
CREATE TYPE storage_class AS ENUM ('standard', 'infrequent', 'archive');
  END IF;
END
$pgmend$""")

    # 001_init.sql:5
    run_sql("""CREATE TABLE IF NOT EXISTS accounts (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
)""")

    # 001_init.sql:12
    # -- One row per distinct content; ref_count is maintained by triggers (see 002).
    run_sql("""CREATE TABLE IF NOT EXISTS blobs (
    id            bigserial PRIMARY KEY,
    sha256        bytea NOT NULL UNIQUE,
    size_bytes    bigint NOT NULL CHECK (size_bytes >= 0),
    storage_class storage_class NOT NULL DEFAULT 'standard',
    ref_count     integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
)""")

    # 001_init.sql:21
    run_sql("""CREATE TABLE IF NOT EXISTS documents (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       text NOT NULL,
    legacy_path text,             -- path in the old NFS share, kept during the migration
    created_at  timestamptz NOT NULL DEFAULT now()
)""")

    # 001_init.sql:29
    run_sql("""CREATE TABLE IF NOT EXISTS attachments (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    blob_id     bigint NOT NULL REFERENCES blobs (id),
    filename    text NOT NULL,
    attached_at timestamptz NOT NULL DEFAULT now()
)""")

    # 001_init.sql:37
    run_sql("""CREATE INDEX IF NOT EXISTS attachments_blob_id_idx ON attachments (blob_id)""")

    # 001_init.sql:38
    run_sql("""CREATE INDEX IF NOT EXISTS documents_account_id_idx ON documents (account_id)""")


def downgrade() -> None:
    # 001_init.sql:38
    run_sql("""DROP INDEX IF EXISTS documents_account_id_idx""")

    # 001_init.sql:37
    run_sql("""DROP INDEX IF EXISTS attachments_blob_id_idx""")

    # 001_init.sql:29
    run_sql("""DROP TABLE IF EXISTS attachments""")

    # 001_init.sql:21
    run_sql("""DROP TABLE IF EXISTS documents""")

    # 001_init.sql:12
    run_sql("""DROP TABLE IF EXISTS blobs""")

    # 001_init.sql:5
    run_sql("""DROP TABLE IF EXISTS accounts""")

    # 001_init.sql:3
    run_sql("""DROP TYPE IF EXISTS storage_class""")
