// Uploads a file under a key that must not exist yet: AAM picks up whatever lands in its bucket, so an
// existing key is never overwritten. S3 enforces IfNoneMatch; S3-compatible servers that ignore it are
// covered by the HEAD check before. An object already there counts as ours (done, not an error) when
// it carries our SHA-256 or its ETag equals the file's own: that is a previous attempt of this same
// delivery, possibly one whose worker died after the bytes had left it.
import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { SafeError } from "@/lib/server/errors";

export const MULTIPART_PART_SIZE = 16 * 1024 * 1024;

export interface PutNewObjectOptions {
  bucket: string;
  key: string;
  path: string;
  sha256: string;
  contentType: string;
  acl?: "bucket-owner-full-control";
  onProgress?: (loaded: number) => void;
}

async function head(client: S3Client, bucket: string, key: string): Promise<HeadObjectCommandOutput | null> {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((e: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
    if (e.name === "NotFound" || e.$metadata?.httpStatusCode === 404) return null;
    throw e;
  });
}

/** The ETags S3 gives this file: MD5 of the bytes (single PUT) and MD5-of-part-MD5s "-N" (multipart). */
export async function localEtags(path: string, partSize = MULTIPART_PART_SIZE): Promise<string[]> {
  const whole = createHash("md5");
  const partDigests: Buffer[] = [];
  let part = createHash("md5");
  let inPart = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(partSize - inPart, chunk.length - at);
      part.update(chunk.subarray(at, at + take));
      inPart += take;
      at += take;
      if (inPart === partSize) {
        partDigests.push(part.digest());
        part = createHash("md5");
        inPart = 0;
      }
    }
  }
  if (inPart > 0) partDigests.push(part.digest());
  const multi = `${createHash("md5").update(Buffer.concat(partDigests)).digest("hex")}-${partDigests.length}`;
  return [`"${whole.digest("hex")}"`, `"${multi}"`];
}

async function isOurs(found: HeadObjectCommandOutput, o: PutNewObjectOptions): Promise<boolean> {
  if (found.Metadata?.sha256 === o.sha256) return true;
  return found.ETag ? (await localEtags(o.path)).includes(found.ETag) : false;
}

export async function putNewObject(client: S3Client, o: PutNewObjectOptions): Promise<{ etag: string | null; alreadyThere: boolean }> {
  const existing = await head(client, o.bucket, o.key);
  if (existing) {
    if (await isOurs(existing, o)) return { etag: existing.ETag ?? null, alreadyThere: true };
    throw new SafeError(`An object already exists at ${o.bucket}/${o.key}; it was not overwritten.`, 409);
  }
  const upload = new Upload({
    client,
    params: {
      Bucket: o.bucket,
      Key: o.key,
      Body: createReadStream(o.path),
      ContentType: o.contentType,
      Metadata: { sha256: o.sha256 },
      IfNoneMatch: "*",
      ...(o.acl ? { ACL: o.acl } : {}),
    },
    partSize: MULTIPART_PART_SIZE,
    queueSize: 4,
  });
  if (o.onProgress) upload.on("httpUploadProgress", (p) => o.onProgress!(p.loaded ?? 0));
  try {
    const done = await upload.done();
    return { etag: done.ETag ?? null, alreadyThere: false };
  } catch (error) {
    // 412: someone created the key between our HEAD and our PUT; fine only if it is these bytes.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 412) {
      const now = await head(client, o.bucket, o.key);
      if (now && (await isOurs(now, o))) return { etag: now.ETag ?? null, alreadyThere: true };
      throw new SafeError(`An object appeared at ${o.bucket}/${o.key} during the upload; it was not overwritten.`, 409);
    }
    throw error;
  }
}
