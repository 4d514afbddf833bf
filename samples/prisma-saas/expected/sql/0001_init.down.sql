-- init
-- Converted by pgmend from:
--     20230412083015_init/migration.sql (version 20230412083015)

-- 20230412083015_init/migration.sql:48
ALTER TABLE "Membership" DROP CONSTRAINT IF EXISTS "Membership_organizationId_fkey";

-- 20230412083015_init/migration.sql:45
ALTER TABLE "Membership" DROP CONSTRAINT IF EXISTS "Membership_userId_fkey";

-- 20230412083015_init/migration.sql:42
DROP INDEX IF EXISTS "Membership_userId_organizationId_key";

-- 20230412083015_init/migration.sql:39
DROP INDEX IF EXISTS "User_email_key";

-- 20230412083015_init/migration.sql:36
DROP INDEX IF EXISTS "Organization_slug_key";

-- 20230412083015_init/migration.sql:26
DROP TABLE IF EXISTS "Membership";

-- 20230412083015_init/migration.sql:16
DROP TABLE IF EXISTS "User";

-- 20230412083015_init/migration.sql:5
DROP TABLE IF EXISTS "Organization";

-- 20230412083015_init/migration.sql:2
DROP TYPE IF EXISTS "Role";
