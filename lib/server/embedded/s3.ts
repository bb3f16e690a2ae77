// The embedded object store for a machine with no S3 settings: s3rver, an S3-compatible server that
// keeps objects under .data/s3. Same SDK calls (put, multipart, list, get) as against AWS.
//
// One difference from S3 is closed here: s3rver writes a PUT's body straight to the object's file, so
// a client (or, embedded, the whole app) killed mid-upload leaves a truncated object under the final
// key, which a resumed delivery must then refuse as "not ours". S3 never shows a PUT that did not
// complete, so the store below writes to a hidden temporary file and renames it into place only when
// the body is complete, its metadata written first: a key shows either nothing or the whole object.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import S3rver from "s3rver";

export interface EmbeddedS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

interface StoredObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: Record<string, string>;
}

interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
}

/** Replaces s3rver's putObject (used by PUT, copy and multipart completion) with an atomic one. */
export function makeStoreAtomic(store: FilesystemStore): void {
  store.putObject = async (object) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, "object");
    await mkdir(path.dirname(objectPath), { recursive: true });
    // Not ending in "._S3rver_object", so listings and HEAD never see it.
    const temp = `${objectPath}.${randomBytes(6).toString("hex")}.partial`;
    const md5 = createHash("md5");
    let size = 0;
    try {
      const source = Buffer.isBuffer(object.content) ? [object.content] : object.content;
      await pipeline(
        source,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            md5.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        }),
        createWriteStream(temp),
      );
      const digest = md5.digest("hex");
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(temp, objectPath);
      return { size, md5: digest };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  };
}

export async function startEmbeddedS3(opts: { dataDir?: string; port?: number; buckets: string[] }): Promise<EmbeddedS3> {
  const directory = opts.dataDir ?? path.resolve(process.cwd(), ".data/s3");
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: opts.port ?? 0,
    directory,
    silent: true,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [] })),
  });
  makeStoreAtomic((server as unknown as { store: FilesystemStore }).store);
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver's fixed development credentials; it accepts no others.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    stop: () => server.close(),
  };
}
