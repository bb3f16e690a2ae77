// A resumable upload: the browser sends the file in 8 MiB chunks, each stored at once as a part of an S3
// multipart upload on the storage bucket, so a dropped connection loses at most one chunk and no app
// server keeps state between requests.
import "server-only";
import { CreateMultipartUploadCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { SafeError } from "@/lib/server/errors";
import { formatBytes } from "@/components/format";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";
import { UPLOAD_CHUNK_BYTES } from "@/lib/validation/upload";
import { assertFitsEnvironment } from "@/lib/server/submissions/submission-guards";
import { sanitiseFileName } from "./safe-file-name";

const UPLOAD_TTL_MS = 7 * 24 * 3600 * 1000;

export async function createUpload(input: { fileName: string; size: number; environmentId?: string | undefined }, actor: string) {
  // Cleaned before it is echoed or stored: a NUL would make PostgreSQL refuse the row (a 500, not a message).
  const fileName = sanitiseFileName(input.fileName);
  if (input.size > env().MAX_UPLOAD_BYTES) {
    throw new SafeError(`${fileName} is ${formatBytes(input.size)}; this server accepts files up to ${formatBytes(env().MAX_UPLOAD_BYTES)}.`, 413);
  }
  if (input.environmentId) {
    // Refused before anything is stored or sent; createSubmission checks again whatever the browser said.
    const target = await db.environment.findUnique({ where: { id: input.environmentId }, select: { name: true, maxUploadBytes: true } });
    if (target) assertFitsEnvironment(target, input.size);
  }
  const session = await db.uploadSession.create({
    data: {
      createdBy: actor,
      fileName,
      size: BigInt(input.size),
      chunkSize: UPLOAD_CHUNK_BYTES,
      storageKey: "pending",
      expiresAt: new Date(Date.now() + UPLOAD_TTL_MS),
    },
  });
  const storageKey = `uploads/${session.id}`;
  const mp = await serverS3Client().send(new CreateMultipartUploadCommand({ Bucket: storageTarget().bucket, Key: storageKey }));
  await db.uploadSession.update({ where: { id: session.id }, data: { storageKey, multipartId: mp.UploadId! } });
  return { id: session.id, chunkSize: UPLOAD_CHUNK_BYTES, chunks: Math.ceil(input.size / UPLOAD_CHUNK_BYTES), received: [] as number[] };
}
