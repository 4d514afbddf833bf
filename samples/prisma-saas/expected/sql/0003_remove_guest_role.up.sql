-- remove guest role
-- Converted by pgmend from:
--     20230619090000_remove_guest_role/migration.sql (version 20230619090000)

-- 20230619090000_remove_guest_role/migration.sql:9
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'Role_new' AND n.nspname = current_schema()) THEN
CREATE TYPE "Role_new" AS ENUM ('OWNER', 'MEMBER');
  END IF;
END
$pgmend$;

-- 20230619090000_remove_guest_role/migration.sql:10
ALTER TABLE "Membership" ALTER COLUMN "role" DROP DEFAULT;

-- 20230619090000_remove_guest_role/migration.sql:11
ALTER TABLE "Invite" ALTER COLUMN "role" DROP DEFAULT;

-- 20230619090000_remove_guest_role/migration.sql:12
DO $pgmend$
BEGIN
  IF to_regtype('"Role_new"') IS NOT NULL THEN
ALTER TABLE "Membership" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
  END IF;
END
$pgmend$;

-- 20230619090000_remove_guest_role/migration.sql:13
DO $pgmend$
BEGIN
  IF to_regtype('"Role_new"') IS NOT NULL THEN
ALTER TABLE "Invite" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
  END IF;
END
$pgmend$;

-- 20230619090000_remove_guest_role/migration.sql:14
DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_old' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_old"')))) THEN
ALTER TYPE "Role" RENAME TO "Role_old";
  END IF;
END
$pgmend$;

-- 20230619090000_remove_guest_role/migration.sql:15
DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role_new' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'Role' AND typnamespace = coalesce((SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role_new"')), (SELECT typnamespace FROM pg_type WHERE oid = to_regtype('"Role"')))) THEN
ALTER TYPE "Role_new" RENAME TO "Role";
  END IF;
END
$pgmend$;

-- 20230619090000_remove_guest_role/migration.sql:16
DROP TYPE IF EXISTS "Role_old";

-- 20230619090000_remove_guest_role/migration.sql:17
ALTER TABLE "Membership" ALTER COLUMN "role" SET DEFAULT 'MEMBER';

-- 20230619090000_remove_guest_role/migration.sql:18
ALTER TABLE "Invite" ALTER COLUMN "role" SET DEFAULT 'MEMBER';
