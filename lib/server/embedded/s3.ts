// The embedded object store for a machine with no S3 settings: s3rver, an S3-compatible server that
// keeps objects under .data/s3. Same SDK calls (put, multipart, list, get) as against AWS.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import S3rver from "s3rver";

export interface EmbeddedS3 {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
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
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver's fixed development credentials; it accepts no others.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    stop: () => server.close(),
  };
}
