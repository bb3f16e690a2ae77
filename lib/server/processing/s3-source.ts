// Lists an environment's bucket the way AAM picks files up: the objects in the date=YYYY-MM-DD folders of
// each partner folder under <prefix>/. The listing is flat (no Delimiter) and the folders are recognised
// in the keys: s3rver, the embedded store, reports a common prefix only for folders that directly hold
// objects, so partner folders (which hold only date= folders) would be missed by a delimiter walk.
// Objects are streamed on demand, never buffered whole.
import "server-only";
import { Readable } from "node:stream";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { Environment } from "@/lib/generated/prisma/client";
import { s3ClientFor } from "@/lib/server/storage/s3-client";
import type { InboundObject, InboundSource } from "./inbound-source";

const IN_DATE_FOLDER = /^[^/]+\/date=[^/]*\/[^/]+$/;

export async function s3InboundSource(environment: Environment): Promise<InboundSource> {
  const client = await s3ClientFor(environment);
  const bucket = environment.bucket;
  const root = environment.prefix === "" ? "" : environment.prefix.replace(/\/+$/, "") + "/";
  return {
    uriPrefix: `s3n://${bucket}`,
    async list() {
      const out: InboundObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: root, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          const key = o.Key;
          if (!key || !IN_DATE_FOLDER.test(key.slice(root.length))) continue;
          out.push({
            key,
            etag: o.ETag ?? null,
            open: () => openObject(client, bucket, key),
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
  };
}

/** One object's body as a stream (the processor's reads, and the sandbox ID sync's). */
export async function openObject(client: S3Client, bucket: string, key: string): Promise<Readable> {
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!(got.Body instanceof Readable)) throw new Error(`S3 returned no stream for ${key}`);
  return got.Body;
}
