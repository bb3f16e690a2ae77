-- CreateEnum
CREATE TYPE "Transport" AS ENUM ('s3', 'sftp', 'ftp');

-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('access_keys', 'assume_role', 'sftp_password', 'sftp_key');

-- CreateEnum
CREATE TYPE "TraitRuleKind" AS ENUM ('sid', 'ic', 'kv');

-- CreateEnum
CREATE TYPE "ReceiptSource" AS ENUM ('processor', 'aam_email');

-- CreateEnum
CREATE TYPE "UploadSessionStatus" AS ENUM ('open', 'complete', 'aborted');

-- DropForeignKey
ALTER TABLE "Receipt" DROP CONSTRAINT "Receipt_submissionId_fkey";

-- DropIndex
DROP INDEX "Submission_originalSha256_idx";

-- DropIndex
DROP INDEX "Receipt_submissionId_idx";

-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "crossDevice" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "receiptEmails" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "requireTrialRun" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "host" TEXT,
ADD COLUMN     "maxUploadBytes" BIGINT,
ADD COLUMN     "port" INTEGER,
ADD COLUMN     "remoteDir" TEXT,
ADD COLUMN     "transport" "Transport" NOT NULL DEFAULT 's3',
ADD COLUMN     "username" TEXT;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "clientCounts" JSONB,
ADD COLUMN     "countMismatch" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "patches" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Receipt" DROP COLUMN "submissionId",
ADD COLUMN     "dataSourceId" UUID,
ADD COLUMN     "emailedAt" TIMESTAMP(3),
ADD COLUMN     "errorSamples" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "source" "ReceiptSource" NOT NULL DEFAULT 'processor';

-- CreateTable
CREATE TABLE "MappingTemplate" (
    "id" UUID NOT NULL,
    "dataSourceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "header" TEXT[],
    "mapping" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MappingTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "authTag" TEXT NOT NULL,
    "hint" TEXT NOT NULL DEFAULT '',
    "lastCheckedAt" TIMESTAMP(3),
    "lastCheckOk" BOOLEAN,
    "lastCheckReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UploadSession" (
    "id" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "receivedBytes" BIGINT NOT NULL DEFAULT 0,
    "chunkSize" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "status" "UploadSessionStatus" NOT NULL DEFAULT 'open',
    "sha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UploadSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceiptSubmission" (
    "receiptId" UUID NOT NULL,
    "submissionId" UUID NOT NULL,

    CONSTRAINT "ReceiptSubmission_pkey" PRIMARY KEY ("receiptId","submissionId")
);

-- CreateTable
CREATE TABLE "ProcessedFile" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "objectKey" TEXT NOT NULL,
    "etag" TEXT,
    "receiptId" UUID,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trait" (
    "id" UUID NOT NULL,
    "dataSourceId" UUID NOT NULL,
    "sid" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "ruleKind" "TraitRuleKind" NOT NULL,
    "ruleKey" TEXT,
    "ruleValue" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trait_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Profile" (
    "id" BIGSERIAL NOT NULL,
    "dataSourceId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TraitRealization" (
    "profileId" BIGINT NOT NULL,
    "traitId" UUID NOT NULL,
    "realizedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TraitRealization_pkey" PRIMARY KEY ("profileId","traitId")
);

-- CreateTable
CREATE TABLE "IdSyncMatch" (
    "dpid" INTEGER NOT NULL,
    "dpuuid" TEXT NOT NULL,
    "aamUuid" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdSyncMatch_pkey" PRIMARY KEY ("dpid","dpuuid")
);

-- CreateIndex
CREATE UNIQUE INDEX "MappingTemplate_dataSourceId_name_key" ON "MappingTemplate"("dataSourceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_name_key" ON "Credential"("name");

-- CreateIndex
CREATE INDEX "ReceiptSubmission_submissionId_idx" ON "ReceiptSubmission"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessedFile_environmentId_objectKey_key" ON "ProcessedFile"("environmentId", "objectKey");

-- CreateIndex
CREATE UNIQUE INDEX "Trait_dataSourceId_sid_key" ON "Trait"("dataSourceId", "sid");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_dataSourceId_userId_key" ON "Profile"("dataSourceId", "userId");

-- CreateIndex
CREATE INDEX "TraitRealization_traitId_idx" ON "TraitRealization"("traitId");

-- CreateIndex
CREATE INDEX "IdSyncMatch_aamUuid_idx" ON "IdSyncMatch"("aamUuid");

-- CreateIndex
CREATE INDEX "Submission_createdBy_createdAt_idx" ON "Submission"("createdBy", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Submission_originalSha256_dataSourceId_environmentId_idx" ON "Submission"("originalSha256", "dataSourceId", "environmentId");

-- CreateIndex
CREATE INDEX "Receipt_dataSourceId_createdAt_idx" ON "Receipt"("dataSourceId", "createdAt");

-- AddForeignKey
ALTER TABLE "MappingTemplate" ADD CONSTRAINT "MappingTemplate_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceiptSubmission" ADD CONSTRAINT "ReceiptSubmission_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceiptSubmission" ADD CONSTRAINT "ReceiptSubmission_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessedFile" ADD CONSTRAINT "ProcessedFile_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessedFile" ADD CONSTRAINT "ProcessedFile_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "Receipt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trait" ADD CONSTRAINT "Trait_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraitRealization" ADD CONSTRAINT "TraitRealization_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "Profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraitRealization" ADD CONSTRAINT "TraitRealization_traitId_fkey" FOREIGN KEY ("traitId") REFERENCES "Trait"("id") ON DELETE CASCADE ON UPDATE CASCADE;
