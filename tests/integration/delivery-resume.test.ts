// A worker killed with SIGKILL in the middle of delivery, then resumed by another: the submission ends
// delivered, with every part in the bucket exactly once and intact, and nothing re-sent that was done.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy";

const ROOT = path.resolve(import.meta.dirname, "../..");
let s3: EmbeddedS3;
let proxy: FaultProxy;
let dir: string;
let direct: S3Client;
const plan = { throttle: 400 * 1024 as number | undefined, deadUpstream: false };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-resume-"));
  s3 = await startEmbeddedS3({ dataDir: path.join(dir, "s3"), buckets: ["resume-uploads", "resume-sandbox"] });
  proxy = await startFaultProxy(s3.endpoint, {
    decide: () => (plan.deadUpstream ? "500" : null),
    get throttleBytesPerSecond() {
      return plan.throttle;
    },
  });
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    STORAGE_BUCKET: "resume-uploads",
    MAX_PART_BYTES: String(1024 * 1024),
  });
  direct = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
});

afterAll(async () => {
  await proxy?.close();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A CSV of random (barely compressible) IDs, so the gzip output spans several 1 MiB parts. */
function makeCsv(rows: number): string {
  const out = ["customer_id,segment"];
  for (let i = 0; i < rows; i++) out.push(`${randomBytes(12).toString("hex")},${randomBytes(8).toString("hex")}`);
  return out.join("\n") + "\n";
}

async function seed(csv: string) {
  const { db } = await import("@/lib/server/db");
  const ds = await db.dataSource.create({ data: { name: `resume-${randomBytes(4).toString("hex")}`, dpid: 478, partnerFolder: "acme" } });
  const env = await db.environment.create({
    data: { name: `resume-env-${randomBytes(4).toString("hex")}`, kind: "sandbox", bucket: "resume-sandbox", prefix: "inbound", endpoint: proxy.url },
  });
  const sub = await db.submission.create({
    data: {
      createdBy: "tester", dataSourceId: ds.id, environmentId: env.id, mode: "sync", aamTimestamp: 1795453912,
      originalName: "big.csv", originalSize: BigInt(csv.length), originalSha256: createHash("sha256").update(csv).digest("hex"),
      mapping: { columns: [{ role: "id" }, { role: "kv", key: "segment" }], delimiter: "," },
    },
  });
  const key = `originals/${sub.id}/original`;
  await direct.send(new PutObjectCommand({ Bucket: "resume-uploads", Key: key, Body: csv }));
  await db.submission.update({ where: { id: sub.id }, data: { originalKey: key } });
  return { db, sub, env };
}

async function sandboxObjects() {
  const out = await direct.send(new ListObjectsV2Command({ Bucket: "resume-sandbox", Prefix: "inbound/acme/date=2026-11-23/" }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

describe("delivery resumes after a worker is killed", () => {
  it("finishes every part exactly once", async () => {
    const rows = 150_000;
    const { db, sub } = await seed(makeCsv(rows));
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/run-worker.ts", sub.id], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      stdio: "inherit",
    });
    // Kill it once the first part is in the bucket and the next one is on its way.
    const until = Date.now() + 60_000;
    let killedAt: { phase?: string; done?: number } | null = null;
    while (Date.now() < until) {
      const row = await db.submission.findUniqueOrThrow({ where: { id: sub.id }, include: { files: true } });
      const p = row.progress as { phase?: string; done?: number } | null;
      if (row.files.length >= 1 && p?.phase === "delivering") {
        child.kill("SIGKILL");
        killedAt = p;
        break;
      }
      if (child.exitCode !== null) {
        const row = await db.submission.findUniqueOrThrow({ where: { id: sub.id }, include: { files: true } });
        throw new Error(`worker exited early with ${child.exitCode}: ${row.status} ${row.failureReason ?? ""} files=${row.files.length} progress=${JSON.stringify(row.progress)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(killedAt).not.toBeNull();
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.once("exit", r)));

    const mid = await db.submission.findUniqueOrThrow({ where: { id: sub.id }, include: { files: true } });
    expect(mid.status).toBe("converted");
    expect(mid.leaseOwner).not.toBeNull();
    const deliveredBefore = mid.files.length;
    expect(deliveredBefore).toBeGreaterThanOrEqual(1);

    // The dead worker's lease runs out (30 s in production; expired here rather than waited for).
    await db.submission.update({ where: { id: sub.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const { findOrphanedSubmissions } = await import("@/lib/server/submissions/lease");
    expect(await findOrphanedSubmissions()).toContain(sub.id);

    plan.throttle = undefined;
    const { processSubmission } = await import("@/lib/server/submissions/process-submission");
    await processSubmission(sub.id);

    const done = await db.submission.findUniqueOrThrow({ where: { id: sub.id }, include: { files: { orderBy: { part: "asc" } } } });
    expect([done.status, done.failureReason]).toEqual(["delivered", null]);
    expect(done.attempts).toBe(2);
    expect(done.leaseOwner).toBeNull();
    const keys = await sandboxObjects();
    expect(done.files.length).toBeGreaterThan(deliveredBefore);
    expect(keys).toEqual(done.files.map((f) => f.objectKey).sort());
    expect(keys.every((k) => /\/ftp_dpm_478_1795453912\.sync\.\d+\.gz$/.test(k))).toBe(true);
    let lines = 0;
    for (const f of done.files) {
      const got = await direct.send(new GetObjectCommand({ Bucket: "resume-sandbox", Key: f.objectKey }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
      expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
      lines += gunzipSync(bytes).toString("utf8").split("\n").filter(Boolean).length;
    }
    expect(lines).toBe(rows);
  });

  it("retries transient failures and marks the submission failed, with the reason, when they persist", async () => {
    const { db, sub } = await seed(makeCsv(100));
    plan.deadUpstream = true;
    const { processSubmission, MAX_ATTEMPTS } = await import("@/lib/server/submissions/process-submission");
    await expect(processSubmission(sub.id)).rejects.toThrow();
    let row = await db.submission.findUniqueOrThrow({ where: { id: sub.id } });
    expect([row.status, row.attempts, row.leaseOwner]).toEqual(["converted", 1, null]);
    await db.submission.update({ where: { id: sub.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    await processSubmission(sub.id);
    row = await db.submission.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.status).toBe("failed");
    expect(row.failureReason).toMatch(/^Delivery failed after 5 attempts/);
    plan.deadUpstream = false;
  }, 120_000);
});
