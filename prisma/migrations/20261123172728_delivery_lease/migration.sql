-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "progress" JSONB;

-- CreateIndex
CREATE INDEX "Submission_status_leaseExpiresAt_idx" ON "Submission"("status", "leaseExpiresAt");
