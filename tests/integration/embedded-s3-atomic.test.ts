// The embedded S3 shows a PUT only once its body is complete, as S3 does: a client that dies mid-upload
// leaves nothing under the key (raw s3rver would keep the truncated body there, and a resumed delivery
// would refuse it as a foreign object).
import http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";

let s3: EmbeddedS3;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-s3-atomic-"));
  s3 = await startEmbeddedS3({ dataDir: dir, buckets: ["atomic"] });
  client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A PUT that announces 4 MiB, sends 1 MiB and then drops the connection, like a killed client. */
async function abortedPut(key: string): Promise<void> {
  const url = new URL(`${s3.endpoint}/atomic/${key}`);
  await new Promise<void>((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, method: "PUT", path: url.pathname, headers: { "Content-Length": String(4 * 1024 * 1024) } });
    req.on("error", () => resolve());
    req.write(Buffer.alloc(1024 * 1024, 7), () => setTimeout(() => { req.destroy(); resolve(); }, 200));
  });
  await new Promise((r) => setTimeout(r, 300)); // let the server see the abort
}

describe("embedded S3 stores a PUT atomically", () => {
  it("shows nothing under a key whose upload was cut off", async () => {
    await abortedPut("generated/x/part.3.gz");
    const head = await client.send(new HeadObjectCommand({ Bucket: "atomic", Key: "generated/x/part.3.gz" })).then(() => "found", (e: { name?: string }) => e.name);
    expect(head).toBe("NotFound");
    const list = await client.send(new ListObjectsV2Command({ Bucket: "atomic", Prefix: "generated/" }));
    expect(list.Contents ?? []).toEqual([]);
  });

  it("then takes the complete upload under the same key, with its metadata", async () => {
    const body = Buffer.alloc(300_000, 9);
    await client.send(new PutObjectCommand({ Bucket: "atomic", Key: "generated/x/part.3.gz", Body: body, Metadata: { sha256: "abc" } }));
    const head = await client.send(new HeadObjectCommand({ Bucket: "atomic", Key: "generated/x/part.3.gz" }));
    expect([head.ContentLength, head.Metadata?.sha256]).toEqual([body.length, "abc"]);
  });
});
