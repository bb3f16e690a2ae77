import "server-only";
import { createHash } from "node:crypto";
import { CompleteMultipartUploadCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";

/** Joins the parts into the stored original and hashes it (once; a repeated call returns the same). */
export async function completeUpload(id: string, actor: string): Promise<{ storageKey: string; size: number; sha256: string; fileName: string }> {
  const s = await db.uploadSession.findFirst({ where: { id, createdBy: actor }, include: { parts: { orderBy: { index: "asc" } } } });
  if (!s) throw new SafeError("That upload does not exist.", 404);
  const size = Number(s.size);
  if (s.status === "complete" && s.sha256) return { storageKey: s.storageKey, size, sha256: s.sha256, fileName: s.fileName };
  const chunks = Math.ceil(size / s.chunkSize);
  const missing = Array.from({ length: chunks }, (_, i) => i).filter((i) => !s.parts.some((p) => p.index === i));
  if (missing.length) throw new SafeError(`The upload is missing ${missing.length} of ${chunks} chunks; resume it.`, 409);
  const client = serverS3Client();
  const bucket = storageTarget().bucket;
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: s.storageKey,
      UploadId: s.multipartId!,
      MultipartUpload: { Parts: s.parts.map((p) => ({ PartNumber: p.index + 1, ETag: p.etag })) },
    }),
  );
  // The hash names the content for duplicate detection; computed here, from the stored bytes.
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: s.storageKey }));
  const hash = createHash("sha256");
  let seen = 0;
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    seen += chunk.byteLength;
  }
  if (seen !== size) throw new SafeError(`The stored file has ${seen} bytes, not ${size}; upload it again.`, 500);
  const sha256 = hash.digest("hex");
  await db.uploadSession.update({ where: { id }, data: { status: "complete", sha256, receivedBytes: BigInt(size) } });
  return { storageKey: s.storageKey, size, sha256, fileName: s.fileName };
}
