-- CreateIndex
CREATE INDEX "Submission_originalName_id_idx" ON "Submission"("originalName", "id");

-- CreateIndex
CREATE INDEX "Submission_originalSize_id_idx" ON "Submission"("originalSize" DESC, "id" DESC);
