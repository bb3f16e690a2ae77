-- CreateIndex
CREATE UNIQUE INDEX "Submission_dataSourceId_aamTimestamp_key" ON "Submission"("dataSourceId", "aamTimestamp");
