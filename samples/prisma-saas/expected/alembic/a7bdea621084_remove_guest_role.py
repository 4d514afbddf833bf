"""remove guest role

Revision ID: a7bdea621084
Revises: 61f396d872f1
Create Date: 2023-06-19 09:00:00

Converted by pgmend from:
    20230619090000_remove_guest_role/migration.sql (version 20230619090000)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7bdea621084"
down_revision = "61f396d872f1"
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
    # 20230619090000_remove_guest_role/migration.sql:9
    run_sql("""DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'Role_new' AND n.nspname = current_schema()) THEN
CREATE TYPE "Role_new" AS ENUM ('OWNER', 'MEMBER');
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:10
    run_sql("""ALTER TABLE "Membership" ALTER COLUMN "role" DROP DEFAULT""")

    # 20230619090000_remove_guest_role/migration.sql:11
    run_sql("""ALTER TABLE "Invite" ALTER COLUMN "role" DROP DEFAULT""")

    # 20230619090000_remove_guest_role/migration.sql:12
    run_sql("""DO $pgmend$
BEGIN
  IF to_regtype('"Role_new"') IS NOT NULL THEN
ALTER TABLE "Membership" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:13
    run_sql("""DO $pgmend$
BEGIN
  IF to_regtype('"Role_new"') IS NOT NULL THEN
ALTER TABLE "Invite" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:14
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_old' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) THEN
ALTER TYPE "Role" RENAME TO "Role_old";
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:15
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_new' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) THEN
ALTER TYPE "Role_new" RENAME TO "Role";
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:16
    run_sql("""DROP TYPE IF EXISTS "Role_old\"""")

    # 20230619090000_remove_guest_role/migration.sql:17
    run_sql("""ALTER TABLE "Membership" ALTER COLUMN "role" SET DEFAULT 'MEMBER'""")

    # 20230619090000_remove_guest_role/migration.sql:18
    run_sql("""ALTER TABLE "Invite" ALTER COLUMN "role" SET DEFAULT 'MEMBER'""")


def downgrade() -> None:
    # 20230619090000_remove_guest_role/migration.sql:18
    run_sql("""ALTER TABLE "Invite" ALTER COLUMN role DROP DEFAULT""")

    # 20230619090000_remove_guest_role/migration.sql:17
    run_sql("""ALTER TABLE "Membership" ALTER COLUMN role DROP DEFAULT""")

    # 20230619090000_remove_guest_role/migration.sql:16
    run_sql("""CREATE TYPE "Role_old" AS ENUM ('OWNER', 'MEMBER', 'GUEST')""")

    # 20230619090000_remove_guest_role/migration.sql:15
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_new' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) THEN
ALTER TYPE "Role" RENAME TO "Role_new";
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:14
    run_sql("""DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_old' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) THEN
ALTER TYPE "Role_old" RENAME TO "Role";
  END IF;
END
$pgmend$""")

    # 20230619090000_remove_guest_role/migration.sql:13
    run_sql("""ALTER TABLE "Invite" ALTER COLUMN role TYPE "Role" USING role::text::"Role\"""")

    # 20230619090000_remove_guest_role/migration.sql:12
    run_sql("""ALTER TABLE "Membership" ALTER COLUMN role TYPE "Role" USING role::text::"Role\"""")

    # 20230619090000_remove_guest_role/migration.sql:11
    run_sql("""ALTER TABLE "Invite" ALTER COLUMN role SET DEFAULT 'MEMBER'""")

    # 20230619090000_remove_guest_role/migration.sql:10
    run_sql("""ALTER TABLE "Membership" ALTER COLUMN role SET DEFAULT 'MEMBER'""")

    # 20230619090000_remove_guest_role/migration.sql:9
    run_sql("""DROP TYPE IF EXISTS "Role_new\"""")
