-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "IdType" AS ENUM ('dpuuid', 'aam_uuid', 'gaid', 'idfa', 'rida', 'maid', 'tifa', 'fire_tv', 'lgudid', 'vizio_ifa');

-- CreateEnum
CREATE TYPE "EnvironmentKind" AS ENUM ('production', 'beta', 'sandbox', 'custom');

-- CreateEnum
CREATE TYPE "SubmissionMode" AS ENUM ('sync', 'overwrite');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('received', 'validated', 'converted', 'delivered', 'processed', 'failed');

-- CreateEnum
CREATE TYPE "IssueSeverity" AS ENUM ('error', 'warning', 'info');

-- CreateTable
CREATE TABLE "DataSource" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dpid" INTEGER NOT NULL,
    "targetDpid" INTEGER,
    "idType" "IdType" NOT NULL DEFAULT 'dpuuid',
    "partnerFolder" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EnvironmentKind" NOT NULL,
    "bucket" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT 'us-east-1',
    "endpoint" TEXT,
    "forcePathStyle" BOOLEAN NOT NULL DEFAULT false,
    "credentialsRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dataSourceId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "mode" "SubmissionMode" NOT NULL,
    "aamTimestamp" INTEGER NOT NULL,
    "originalName" TEXT NOT NULL,
    "originalSize" BIGINT NOT NULL,
    "originalSha256" TEXT NOT NULL,
    "originalKey" TEXT,
    "mapping" JSONB NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'received',
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validatedAt" TIMESTAMP(3),
    "convertedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "failureReason" TEXT,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "recordCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubmissionFile" (
    "id" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "part" INTEGER NOT NULL,
    "aamName" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "records" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "etag" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueSummary" (
    "id" UUID NOT NULL,
    "submissionId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "severity" "IssueSeverity" NOT NULL,
    "count" INTEGER NOT NULL,
    "samples" JSONB NOT NULL,

    CONSTRAINT "IssueSummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Receipt" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "submissionId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "counters" JSONB NOT NULL,
    "files" TEXT[],
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Receipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataSource_name_key" ON "DataSource"("name");

-- CreateIndex
CREATE INDEX "DataSource_dpid_idx" ON "DataSource"("dpid");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_name_key" ON "Environment"("name");

-- CreateIndex
CREATE INDEX "Submission_createdAt_id_idx" ON "Submission"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Submission_dataSourceId_createdAt_idx" ON "Submission"("dataSourceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Submission_environmentId_createdAt_idx" ON "Submission"("environmentId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Submission_status_createdAt_idx" ON "Submission"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Submission_originalSha256_idx" ON "Submission"("originalSha256");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionFile_submissionId_part_key" ON "SubmissionFile"("submissionId", "part");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionFile_objectKey_key" ON "SubmissionFile"("objectKey");

-- CreateIndex
CREATE UNIQUE INDEX "IssueSummary_submissionId_code_key" ON "IssueSummary"("submissionId", "code");

-- CreateIndex
CREATE INDEX "Receipt_submissionId_idx" ON "Receipt"("submissionId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_at_idx" ON "AuditLog"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubmissionFile" ADD CONSTRAINT "SubmissionFile_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueSummary" ADD CONSTRAINT "IssueSummary_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;
