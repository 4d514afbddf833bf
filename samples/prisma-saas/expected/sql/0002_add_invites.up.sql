-- add invites
-- Converted by pgmend from:
--     20230502141200_add_invites/migration.sql (version 20230502141200)

-- 20230502141200_add_invites/migration.sql:2
-- CreateTable
DO $pgmend$
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
$pgmend$;

-- 20230502141200_add_invites/migration.sql:13
-- CreateIndex
CREATE INDEX IF NOT EXISTS "Invite_organizationId_idx" ON "Invite"("organizationId");

-- 20230502141200_add_invites/migration.sql:16
-- AddForeignKey
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Invite_organizationId_fkey' AND conrelid = to_regclass('"Invite"')) THEN
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$;
