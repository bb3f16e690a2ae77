// The processing job against a real S3-compatible server: it finds new files by listing the partner
// folders' date= folders, streams them, and never processes an object twice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import { SafeError } from "@/lib/server/errors";
import { runProcessing } from "@/lib/server/processing/run-processing";
import { makeDataSource, traitsOf, uniqueIds } from "../support/processing";

const BUCKET = "proc-s3";
let s3: EmbeddedS3;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-proc-s3-"));
  s3 = await startEmbeddedS3({ dataDir: dir, buckets: [BUCKET] });
  // Read by lib/server/env.ts on first use, which is after this point in this test file.
  Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_FORCE_PATH_STYLE: "true" });
  client = new S3Client({
    region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const put = (Key: string, body: string | Buffer) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: body }));

describe("processing an environment's bucket", () => {
  it("lists date= folders under each partner folder and applies what it finds, once", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [{ sid: sid(1) }, { sid: sid(2) }], synced: ["a", "b"] });
    const env = await db.environment.create({ data: { name: `s3-env-${dpid}`, kind: "sandbox", bucket: BUCKET, prefix: "inbound" } });
    const day1 = `inbound/acme/date=2024-05-01/ftp_dpm_${dpid}_1714521600.sync.gz`;
    await put(day1, gzipSync(`a\td_sid=${sid(1)}\n`));
    await put(`inbound/acme/date=2024-05-02/ftp_dpm_${dpid}_1714608000.sync.1.gz`, gzipSync(`b\td_sid=${sid(2)}\n`));
    await put(`inbound/other-partner/date=2024-05-02/ftp_dpm_${dpid}_1714608000.sync.2.gz`, gzipSync(`a\td_sid=${sid(2)}\n`));
    await put("inbound/acme/notes.txt", "not in a date= folder: never looked at");
    await put("inbound/acme/2024-05-01/ftp_dpm_1_1714521600.sync", "no date= prefix: never looked at");
    await put("inbound/acme/date=2024-05-01/readme.txt", "in a date= folder but badly named");

    const first = await runProcessing(env.id);
    expect(first.rejected.map((r) => r.key)).toEqual(["inbound/acme/date=2024-05-01/readme.txt"]);
    // Different partner folders, same base name: two logical files of one data source, one receipt.
    expect(first.receipts.map((r) => [r.dataSourceId, r.files.length, r.counters.recordsReceived, r.counters.storedRecords])).toEqual([[ds.id, 3, 3, 3]]);
    expect(first.receipts[0]!.files[0]).toBe(`s3n://${BUCKET}/${day1}`);
    expect(await traitsOf(ds.id, "a")).toEqual([sid(1), sid(2)]);
    expect(await traitsOf(ds.id, "b")).toEqual([sid(2)]);
    expect((await db.processedFile.findMany({ where: { environmentId: env.id } })).map((f) => [f.objectKey, Boolean(f.etag)]).sort()).toEqual([
      ["inbound/acme/date=2024-05-01/ftp_dpm_" + dpid + "_1714521600.sync.gz", true],
      ["inbound/acme/date=2024-05-01/readme.txt", true],
      [`inbound/acme/date=2024-05-02/ftp_dpm_${dpid}_1714608000.sync.1.gz`, true],
      [`inbound/other-partner/date=2024-05-02/ftp_dpm_${dpid}_1714608000.sync.2.gz`, true],
    ]);

    const second = await runProcessing(env.id);
    expect([second.receipts, second.rejected]).toEqual([[], []]);
    await put(`inbound/acme/date=2024-05-03/ftp_dpm_${dpid}_1714694400.overwrite`, `a\td_sid=${sid(2)}\n`);
    const third = await runProcessing(env.id);
    expect(third.receipts[0]!.files).toEqual([`s3n://${BUCKET}/inbound/acme/date=2024-05-03/ftp_dpm_${dpid}_1714694400.overwrite`]);
    expect(await traitsOf(ds.id, "a")).toEqual([sid(2)]);
  });

  it("leaves production environments to Adobe", async () => {
    const env = await db.environment.create({ data: { name: `prod-${Date.now()}`, kind: "production", bucket: "demdex-s2s-clients", prefix: "x" } });
    await expect(runProcessing(env.id)).rejects.toThrow(SafeError);
  });
});
