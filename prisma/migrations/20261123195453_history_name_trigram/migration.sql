-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Submission_originalName_trgm_idx" ON "Submission" USING GIN ("originalName" gin_trgm_ops);
