-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'ADMIN';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "lastSeenAt" TIMESTAMP(3);

-- DropIndex
DROP INDEX "Invite_organizationId_idx";

-- CreateIndex
CREATE INDEX "Invite_organizationId_expiresAt_idx" ON "Invite"("organizationId", "expiresAt");
