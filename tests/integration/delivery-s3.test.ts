// Delivery to a real S3-compatible server (s3rver) through a proxy that fails parts with 500s and cut
// connections: the SDK's retries must still produce exactly one complete object, and no key is ever
// overwritten.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import { putNewObject } from "@/lib/server/storage/put-new-object";
import { SafeError } from "@/lib/server/errors";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy";

let s3: EmbeddedS3;
let proxy: FaultProxy;
let dir: string;
let client: S3Client;
let direct: S3Client;
const faults = { partFailures: new Map<number, "500" | "drop">() };

function clientFor(endpoint: string) {
  return new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    maxAttempts: 6,
    retryMode: "standard",
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-deliver-"));
  s3 = await startEmbeddedS3({ dataDir: path.join(dir, "s3"), buckets: ["aam-inbound"] });
  proxy = await startFaultProxy(s3.endpoint, {
    decide(req) {
      const m = /[?&]partNumber=(\d+)/.exec(req.url ?? "");
      if (req.method !== "PUT" || !m) return null;
      const part = Number(m[1]);
      const fault = faults.partFailures.get(part);
      if (fault) faults.partFailures.delete(part); // fail once, then let the retry through
      return fault ?? null;
    },
  });
  client = clientFor(proxy.url);
  direct = clientFor(s3.endpoint);
});

afterAll(async () => {
  await proxy?.close();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function listKeys(prefix: string) {
  const out = await direct.send(new ListObjectsV2Command({ Bucket: "aam-inbound", Prefix: prefix }));
  return (out.Contents ?? []).map((o) => [o.Key, o.Size]);
}

describe("putNewObject against S3 with injected faults", () => {
  it("uploads a 40 MB file in 3 multipart parts despite a 500 and a dropped connection, exactly once", async () => {
    const bytes = randomBytes(40 * 1024 * 1024);
    const file = path.join(dir, "part.gz");
    await writeFile(file, bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    faults.partFailures.set(2, "500");
    faults.partFailures.set(3, "drop");
    const key = "acme/date=2026-11-23/ftp_dpm_21_1795453912.sync.gz";
    const loaded: number[] = [];
    const put = await putNewObject(client, { bucket: "aam-inbound", key, path: file, sha256, contentType: "application/gzip", onProgress: (n) => loaded.push(n) });

    expect(put.alreadyThere).toBe(false);
    expect(put.etag).toBeTruthy();
    const partPuts = proxy.log.filter((l) => /partNumber=/.test(l.url));
    expect(partPuts.filter((l) => l.fault !== null).map((l) => l.fault).sort()).toEqual(["500", "drop"]);
    expect(partPuts.filter((l) => l.fault === null).map((l) => /partNumber=(\d+)/.exec(l.url)![1]).sort()).toEqual(["1", "2", "3"]);
    const got = await direct.send(new GetObjectCommand({ Bucket: "aam-inbound", Key: key }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    expect(createHash("sha256").update(body).digest("hex")).toBe(sha256);
    expect(await listKeys("acme/")).toEqual([[key, bytes.length]]);
    expect(Math.max(...loaded)).toBe(bytes.length);
  });

  it("treats its own earlier upload as done, and refuses to overwrite different bytes", async () => {
    const file = path.join(dir, "small.gz");
    await writeFile(file, "first");
    const key = "acme/date=2026-11-23/ftp_dpm_21_1795453999.sync.gz";
    const sha = createHash("sha256").update("first").digest("hex");
    await putNewObject(client, { bucket: "aam-inbound", key, path: file, sha256: sha, contentType: "application/gzip" });
    const again = await putNewObject(client, { bucket: "aam-inbound", key, path: file, sha256: sha, contentType: "application/gzip" });
    expect(again.alreadyThere).toBe(true);
    await writeFile(file, "second");
    await expect(
      putNewObject(client, { bucket: "aam-inbound", key, path: file, sha256: createHash("sha256").update("second").digest("hex"), contentType: "application/gzip" }),
    ).rejects.toThrow(SafeError);
    const got = await direct.send(new GetObjectCommand({ Bucket: "aam-inbound", Key: key }));
    expect(await got.Body!.transformToString()).toBe("first");
  });
});
