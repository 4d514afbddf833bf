"""add invites

Revision ID: 61f396d872f1
Revises: 59a5d3e303bc
Create Date: 2023-05-02 14:12:00

Converted by pgmend from:
    20230502141200_add_invites/migration.sql (version 20230502141200)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "61f396d872f1"
down_revision = "59a5d3e303bc"
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
    # 20230502141200_add_invites/migration.sql:2
    # -- CreateTable
    run_sql("""DO $pgmend$
BEGIN
  IF to_regtype('"Role"') IS NOT NULL THEN
CREATE TABLE IF NOT EXISTS "Invite" (
    "token" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("token")
);
  END IF;
END
$pgmend$""")

    # 20230502141200_add_invites/migration.sql:13
    # -- CreateIndex
    run_sql("""CREATE INDEX IF NOT EXISTS "Invite_organizationId_idx" ON "Invite"("organizationId")""")

    # 20230502141200_add_invites/migration.sql:16
    # -- AddForeignKey
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Invite_organizationId_fkey' AND conrelid = to_regclass('"Invite"')) THEN
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$""")


def downgrade() -> None:
    # 20230502141200_add_invites/migration.sql:16
    run_sql("""ALTER TABLE "Invite" DROP CONSTRAINT IF EXISTS "Invite_organizationId_fkey\"""")

    # 20230502141200_add_invites/migration.sql:13
    run_sql("""DROP INDEX IF EXISTS "Invite_organizationId_idx\"""")

    # 20230502141200_add_invites/migration.sql:2
    run_sql("""DROP TABLE IF EXISTS "Invite\"""")
