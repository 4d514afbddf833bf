"""member last seen

Revision ID: 525c35d9f8de
Revises: a7bdea621084
Create Date: 2023-07-04 12:00:00

Converted by pgmend from:
    20230704120000_member_last_seen/migration.sql (version 20230704120000)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "525c35d9f8de"
down_revision = "a7bdea621084"
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
    # 20230704120000_member_last_seen/migration.sql:2
    # -- AlterEnum
    run_sql("""ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'ADMIN'""")

    # 20230704120000_member_last_seen/migration.sql:5
    # -- AlterTable
    run_sql("""ALTER TABLE "Membership" ADD COLUMN IF NOT EXISTS     "lastSeenAt" TIMESTAMP(3)""")

    # 20230704120000_member_last_seen/migration.sql:8
    # -- DropIndex
    run_sql("""DROP INDEX IF EXISTS "Invite_organizationId_idx\"""")

    # 20230704120000_member_last_seen/migration.sql:11
    # -- CreateIndex
    run_sql("""CREATE INDEX IF NOT EXISTS "Invite_organizationId_expiresAt_idx" ON "Invite"("organizationId", "expiresAt")""")


def downgrade() -> None:
    # 20230704120000_member_last_seen/migration.sql:11
    run_sql("""DROP INDEX IF EXISTS "Invite_organizationId_expiresAt_idx\"""")

    # 20230704120000_member_last_seen/migration.sql:8
    run_sql("""CREATE INDEX IF NOT EXISTS "Invite_organizationId_idx" ON "Invite"("organizationId")""")

    # 20230704120000_member_last_seen/migration.sql:5
    run_sql("""ALTER TABLE "Membership" DROP COLUMN IF EXISTS "lastSeenAt\"""")

    # 20230704120000_member_last_seen/migration.sql:2
    # Postgres cannot drop enum label 'ADMIN' from "Role"; it stays (an extra label is harmless)
