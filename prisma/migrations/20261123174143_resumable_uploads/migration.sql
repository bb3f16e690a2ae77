-- AlterTable
ALTER TABLE "UploadSession" ADD COLUMN     "multipartId" TEXT;

-- CreateTable
CREATE TABLE "UploadSessionPart" (
    "sessionId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "etag" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UploadSessionPart_pkey" PRIMARY KEY ("sessionId","index")
);

-- CreateIndex
CREATE INDEX "UploadSession_createdBy_createdAt_idx" ON "UploadSession"("createdBy", "createdAt");

-- AddForeignKey
ALTER TABLE "UploadSessionPart" ADD CONSTRAINT "UploadSessionPart_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "UploadSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
