-- member last seen
-- Converted by pgmend from:
--     20230704120000_member_last_seen/migration.sql (version 20230704120000)

-- 20230704120000_member_last_seen/migration.sql:2
-- AlterEnum
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'ADMIN';

-- 20230704120000_member_last_seen/migration.sql:5
-- AlterTable
ALTER TABLE "Membership" ADD COLUMN IF NOT EXISTS     "lastSeenAt" TIMESTAMP(3);

-- 20230704120000_member_last_seen/migration.sql:8
-- DropIndex
DROP INDEX IF EXISTS "Invite_organizationId_idx";

-- 20230704120000_member_last_seen/migration.sql:11
-- CreateIndex
CREATE INDEX IF NOT EXISTS "Invite_organizationId_expiresAt_idx" ON "Invite"("organizationId", "expiresAt");
