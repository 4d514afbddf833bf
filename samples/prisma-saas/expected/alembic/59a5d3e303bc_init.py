"""init

Revision ID: 59a5d3e303bc
Revises: 
Create Date: 2023-04-12 08:30:15

Converted by pgmend from:
    20230412083015_init/migration.sql (version 20230412083015)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "59a5d3e303bc"
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
    # 20230412083015_init/migration.sql:2
    # -- CreateEnum
    run_sql("""DO $pgmend$
BEGIN
  IF to_regtype('"Role_old"') IS NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'Role' AND n.nspname = current_schema()) THEN
CREATE TYPE "Role" AS ENUM ('OWNER', 'MEMBER', 'GUEST');
  END IF;
END
$pgmend$""")

    # 20230412083015_init/migration.sql:5
    # -- CreateTable
    run_sql("""CREATE TABLE IF NOT EXISTS "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
)""")

    # 20230412083015_init/migration.sql:16
    # -- CreateTable
    run_sql("""CREATE TABLE IF NOT EXISTS "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
)""")

    # 20230412083015_init/migration.sql:26
    # -- CreateTable
    run_sql("""DO $pgmend$
BEGIN
  IF to_regtype('"Role"') IS NOT NULL THEN
CREATE TABLE IF NOT EXISTS "Membership" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);
  END IF;
END
$pgmend$""")

    # 20230412083015_init/migration.sql:36
    # -- CreateIndex
    run_sql("""CREATE UNIQUE INDEX IF NOT EXISTS "Organization_slug_key" ON "Organization"("slug")""")

    # 20230412083015_init/migration.sql:39
    # -- CreateIndex
    run_sql("""CREATE UNIQUE INDEX IF NOT EXISTS "User_email_key" ON "User"("email")""")

    # 20230412083015_init/migration.sql:42
    # -- CreateIndex
    run_sql("""CREATE UNIQUE INDEX IF NOT EXISTS "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId")""")

    # 20230412083015_init/migration.sql:45
    # -- AddForeignKey
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Membership_userId_fkey' AND conrelid = to_regclass('"Membership"')) THEN
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$""")

    # 20230412083015_init/migration.sql:48
    # -- AddForeignKey
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Membership_organizationId_fkey' AND conrelid = to_regclass('"Membership"')) THEN
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$""")


def downgrade() -> None:
    # 20230412083015_init/migration.sql:48
    run_sql("""ALTER TABLE "Membership" DROP CONSTRAINT IF EXISTS "Membership_organizationId_fkey\"""")

    # 20230412083015_init/migration.sql:45
    run_sql("""ALTER TABLE "Membership" DROP CONSTRAINT IF EXISTS "Membership_userId_fkey\"""")

    # 20230412083015_init/migration.sql:42
    run_sql("""DROP INDEX IF EXISTS "Membership_userId_organizationId_key\"""")

    # 20230412083015_init/migration.sql:39
    run_sql("""DROP INDEX IF EXISTS "User_email_key\"""")

    # 20230412083015_init/migration.sql:36
    run_sql("""DROP INDEX IF EXISTS "Organization_slug_key\"""")

    # 20230412083015_init/migration.sql:26
    run_sql("""DROP TABLE IF EXISTS "Membership\"""")

    # 20230412083015_init/migration.sql:16
    run_sql("""DROP TABLE IF EXISTS "User\"""")

    # 20230412083015_init/migration.sql:5
    run_sql("""DROP TABLE IF EXISTS "Organization\"""")

    # 20230412083015_init/migration.sql:2
    run_sql("""DROP TYPE IF EXISTS "Role\"""")
