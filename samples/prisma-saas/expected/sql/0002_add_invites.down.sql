-- add invites
-- Converted by pgmend from:
--     20230502141200_add_invites/migration.sql (version 20230502141200)

-- 20230502141200_add_invites/migration.sql:16
ALTER TABLE "Invite" DROP CONSTRAINT IF EXISTS "Invite_organizationId_fkey";

-- 20230502141200_add_invites/migration.sql:13
DROP INDEX IF EXISTS "Invite_organizationId_idx";

-- 20230502141200_add_invites/migration.sql:2
DROP TABLE IF EXISTS "Invite";
