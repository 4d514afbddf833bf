-- init
-- Converted by pgmend from:
--     20230412083015_init/migration.sql (version 20230412083015)

-- 20230412083015_init/migration.sql:2
-- CreateEnum
DO $pgmend$
BEGIN
  IF to_regtype('"Role_old"') IS NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'Role' AND n.nspname = current_schema()) THEN
CREATE TYPE "Role" AS ENUM ('OWNER', 'MEMBER', 'GUEST');
  END IF;
END
$pgmend$;

-- 20230412083015_init/migration.sql:5
-- CreateTable
CREATE TABLE IF NOT EXISTS "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- 20230412083015_init/migration.sql:16
-- CreateTable
CREATE TABLE IF NOT EXISTS "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- 20230412083015_init/migration.sql:26
-- CreateTable
DO $pgmend$
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
$pgmend$;

-- 20230412083015_init/migration.sql:36
-- CreateIndex
CREATE UNIQUE INDEX IF NOT EXISTS "Organization_slug_key" ON "Organization"("slug");

-- 20230412083015_init/migration.sql:39
-- CreateIndex
CREATE UNIQUE INDEX IF NOT EXISTS "User_email_key" ON "User"("email");

-- 20230412083015_init/migration.sql:42
-- CreateIndex
CREATE UNIQUE INDEX IF NOT EXISTS "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId");

-- 20230412083015_init/migration.sql:45
-- AddForeignKey
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Membership_userId_fkey' AND conrelid = to_regclass('"Membership"')) THEN
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$;

-- 20230412083015_init/migration.sql:48
-- AddForeignKey
DO $pgmend$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Membership_organizationId_fkey' AND conrelid = to_regclass('"Membership"')) THEN
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$pgmend$;
