// Resumable uploads against a real S3-compatible server, and the server-side guards on submissions.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import type { SubmissionMeta } from "@/lib/validation/submission";

let s3: EmbeddedS3;
let dir: string;
const ACTOR = "guard-tester";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-uploads-"));
  s3 = await startEmbeddedS3({ dataDir: path.join(dir, "s3"), buckets: ["guard-uploads"] });
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true", STORAGE_BUCKET: "guard-uploads", CREDENTIALS_KEY: randomBytes(32).toString("base64"),
  });
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const body = (b: Buffer) => new Blob([new Uint8Array(b)]).stream() as ReadableStream<Uint8Array>;

async function upload(bytes: Buffer) {
  const { createUpload } = await import("@/lib/server/uploads/create-upload");
  const { putChunk } = await import("@/lib/server/uploads/put-chunk");
  const u = await createUpload({ fileName: "crm.csv", size: bytes.length }, ACTOR);
  for (let i = 0; i < u.chunks; i++) await putChunk(u.id, i, body(bytes.subarray(i * u.chunkSize, (i + 1) * u.chunkSize)), ACTOR);
  return u.id;
}

describe("resumable uploads", () => {
  it("accepts chunks in any order, re-sent chunks once, refuses wrong sizes, and joins them exactly", async () => {
    const { createUpload } = await import("@/lib/server/uploads/create-upload");
    const { putChunk } = await import("@/lib/server/uploads/put-chunk");
    const { getUpload } = await import("@/lib/server/uploads/get-upload");
    const { completeUpload } = await import("@/lib/server/uploads/complete-upload");
    const bytes = randomBytes(20 * 1024 * 1024);
    const u = await createUpload({ fileName: "big.csv", size: bytes.length }, ACTOR);
    expect([u.chunkSize, u.chunks]).toEqual([8 * 1024 * 1024, 3]);
    const chunk = (i: number) => bytes.subarray(i * u.chunkSize, (i + 1) * u.chunkSize);
    await putChunk(u.id, 2, body(chunk(2)), ACTOR);
    await putChunk(u.id, 0, body(chunk(0)), ACTOR);
    await expect(putChunk(u.id, 1, body(chunk(1).subarray(0, 1000)), ACTOR)).rejects.toThrow(/cut short/);
    await expect(completeUpload(u.id, ACTOR)).rejects.toThrow(/missing 1 of 3 chunks/);
    expect((await getUpload(u.id, ACTOR))!.received).toEqual([0, 2]);
    expect(await getUpload(u.id, "someone-else")).toBeNull();
    await putChunk(u.id, 1, body(chunk(1)), ACTOR);
    await putChunk(u.id, 1, body(chunk(1)), ACTOR); // a retry after a lost response
    const done = await completeUpload(u.id, ACTOR);
    expect(done.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    const stored = await client.send(new GetObjectCommand({ Bucket: "guard-uploads", Key: done.storageKey }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    expect(await completeUpload(u.id, ACTOR)).toEqual(done); // idempotent
  });

  it("refuses files over the server's limit before any byte is sent", async () => {
    const { createUpload } = await import("@/lib/server/uploads/create-upload");
    await expect(createUpload({ fileName: "huge.csv", size: 6 * 1024 ** 3 }, ACTOR)).rejects.toThrow(/accepts files up to 5\.0 GB/);
  });
});

describe("submission guards", () => {
  async function setup() {
    const { db } = await import("@/lib/server/db");
    const tag = randomBytes(3).toString("hex");
    const ds = await db.dataSource.create({ data: { name: `Guarded ${tag}`, dpid: 21, partnerFolder: "acme", requireTrialRun: true } });
    const prod = await db.environment.create({ data: { name: `prod-${tag}`, kind: "production", bucket: "demdex-s2s-clients" } });
    const sandbox = await db.environment.create({ data: { name: `sandbox-${tag}`, kind: "sandbox", bucket: "guard-uploads", prefix: "inbound" } });
    const meta = (environmentId: string, extra: Partial<SubmissionMeta> = {}): SubmissionMeta => ({
      dataSourceId: ds.id, environmentId, mode: "sync", patches: [],
      mapping: { columns: [{ role: "id" }, { role: "kv", key: "tier" }], delimiter: "," },
      ...extra,
    });
    return { db, ds, prod, sandbox, meta };
  }

  it("walks production through readiness, typed confirmation and the trial-run rule", async () => {
    const { createSubmission } = await import("@/lib/server/submissions/create-submission");
    const { saveEnvironment } = await import("@/lib/server/environments/save-environment");
    const { db, ds, prod, sandbox, meta } = await setup();
    const file = Buffer.from("id,tier\nC1,gold\n");
    await expect(createSubmission(meta(prod.id), await upload(file), ACTOR)).rejects.toThrow(/not ready: add the prefix Adobe assigned to you and credentials/);
    await saveEnvironment(
      { id: prod.id, name: prod.name, kind: "production", transport: "s3", prefix: "1234/acme", region: "us-east-1",
        credential: { kind: "access_keys", accessKeyId: "AKIAABCDEFGHIJKLMNOP", secretAccessKey: "s3cr3t-s3cr3t-s3cr3t-s3cr3t" } },
      ACTOR,
    );
    await expect(createSubmission(meta(prod.id, { confirmProduction: "guarded" }), await upload(file), ACTOR)).rejects.toThrow(/Type the data source name/);
    await expect(createSubmission(meta(prod.id, { confirmProduction: ds.name }), await upload(file), ACTOR)).rejects.toThrow(/needs a delivered beta or sandbox run of this same mapping/);
    const trial = await createSubmission(meta(sandbox.id), await upload(file), ACTOR);
    await db.submission.update({ where: { id: trial.id }, data: { status: "delivered" } });
    const other = meta(prod.id, { confirmProduction: ds.name });
    other.mapping = { columns: [{ role: "id" }, { role: "kv", key: "segment" }], delimiter: "," };
    await expect(createSubmission(other, await upload(file), ACTOR)).rejects.toThrow(/same mapping/);
    const ok = await createSubmission(meta(prod.id, { confirmProduction: ` ${ds.name} ` }), await upload(file), ACTOR);
    const row = await db.submission.findUniqueOrThrow({ where: { id: ok.id } });
    expect([row.status, row.environmentId, Number(row.originalSize)]).toEqual(["received", prod.id, file.length]);
    // The stored credential is sealed: neither the key id nor the secret appears in the row.
    const cred = await db.credential.findFirstOrThrow({ where: { name: `environment:${prod.id}` } });
    expect(JSON.stringify(cred)).not.toMatch(/AKIAABCDEFGHIJKLMNOP|s3cr3t/);
    expect(cred.hint).toBe("access key …MNOP");
  });

  it("flags the same file sent twice to the same place, and lets the user insist", async () => {
    const { createSubmission } = await import("@/lib/server/submissions/create-submission");
    const { DuplicateSubmissionError } = await import("@/lib/server/submissions/submission-guards");
    const { db, sandbox, meta } = await setup();
    const file = Buffer.from(`id,tier\nC1,gold\n${randomBytes(8).toString("hex")},silver\n`);
    const first = await createSubmission(meta(sandbox.id), await upload(file), ACTOR);
    const again = createSubmission(meta(sandbox.id), await upload(file), ACTOR);
    await expect(again).rejects.toBeInstanceOf(DuplicateSubmissionError);
    await expect(again).rejects.toMatchObject({ previous: { id: first.id } });
    await db.submission.update({ where: { id: first.id }, data: { status: "failed" } });
    const retry = await createSubmission(meta(sandbox.id), await upload(file), ACTOR); // a failed one does not count
    const insisted = await createSubmission(meta(sandbox.id, { allowDuplicate: true }), await upload(file), ACTOR);
    expect(new Set([first.id, retry.id, insisted.id]).size).toBe(3);
  });
});
