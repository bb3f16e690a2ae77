import "server-only";
import { UploadPartCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";

/**
 * Stores chunk `index` as S3 part index+1. The body is read fully (at most one chunk, 8 MiB) because S3
 * needs each part's length up front; its size must be exactly what the chunk grid says.
 */
export async function putChunk(id: string, index: number, body: ReadableStream<Uint8Array>, actor: string) {
  const s = await db.uploadSession.findFirst({ where: { id, createdBy: actor } });
  if (!s) throw new SafeError("That upload does not exist.", 404);
  if (s.status !== "open") throw new SafeError("That upload is already complete.", 409);
  if (s.expiresAt < new Date()) throw new SafeError("That upload has expired; start it again.", 410);
  const size = Number(s.size);
  const chunks = Math.ceil(size / s.chunkSize);
  if (index >= chunks) throw new SafeError(`Chunk ${index} is past the end of the file.`, 400);
  const expected = index === chunks - 1 ? size - index * s.chunkSize : s.chunkSize;
  const bytes = await readExactly(body, expected);
  const part = await serverS3Client().send(
    new UploadPartCommand({ Bucket: storageTarget().bucket, Key: s.storageKey, UploadId: s.multipartId!, PartNumber: index + 1, Body: bytes, ContentLength: bytes.length }),
  );
  await db.uploadSessionPart.upsert({
    where: { sessionId_index: { sessionId: id, index } },
    create: { sessionId: id, index, bytes: bytes.length, etag: part.ETag! },
    update: { bytes: bytes.length, etag: part.ETag!, receivedAt: new Date() },
  });
  const received = await db.uploadSessionPart.aggregate({ where: { sessionId: id }, _sum: { bytes: true } });
  await db.uploadSession.update({ where: { id }, data: { receivedBytes: BigInt(received._sum.bytes ?? 0) } });
  return { index, bytes: bytes.length };
}

async function readExactly(body: ReadableStream<Uint8Array>, expected: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(expected);
  let at = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.byteLength > expected) {
      await reader.cancel();
      throw new SafeError(`The chunk is larger than expected (${expected} bytes).`, 400);
    }
    out.set(value, at);
    at += value.byteLength;
  }
  if (at !== expected) throw new SafeError(`The chunk was cut short (${at} of ${expected} bytes); send it again.`, 400);
  return out;
}
