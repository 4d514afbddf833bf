-- member last seen
-- Converted by pgmend from:
--     20230704120000_member_last_seen/migration.sql (version 20230704120000)

-- 20230704120000_member_last_seen/migration.sql:11
DROP INDEX IF EXISTS "Invite_organizationId_expiresAt_idx";

-- 20230704120000_member_last_seen/migration.sql:8
CREATE INDEX IF NOT EXISTS "Invite_organizationId_idx" ON "Invite"("organizationId");

-- 20230704120000_member_last_seen/migration.sql:5
ALTER TABLE "Membership" DROP COLUMN IF EXISTS "lastSeenAt";

-- 20230704120000_member_last_seen/migration.sql:2
-- Postgres cannot drop enum label 'ADMIN' from "Role"; it stays (an extra label is harmless)
