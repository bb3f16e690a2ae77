// "No Matching AAM ID" in the sandbox: a first submission's DPUUIDs were never ID-synced, so the local
// processor skips their records. Recording matches for the file's IDs (sandbox only, audited) and
// processing again stores them; IDs already matched keep their AAM UUID; nobody else's submission can be
// touched; an environment Adobe processes is refused.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import { runProcessing } from "@/lib/server/processing/run-processing";
import { syncSubmissionIds } from "@/lib/server/id-sync/sync-submission-ids";
import { listSubmissionReceipts } from "@/lib/server/receipts/list-submission-receipts";
import { makeDataSource, traitsOf, uniqueIds } from "../support/processing";

const BUCKET = "idsync-sandbox";
let s3: EmbeddedS3;
let dir: string;
let client: S3Client;
const admin = { id: "admin", email: "admin@test", role: "admin" as const, partners: [] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-idsync-"));
  s3 = await startEmbeddedS3({ dataDir: dir, buckets: [BUCKET] });
  Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_FORCE_PATH_STYLE: "true" });
  client = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
});

afterAll(async () => {
  const { getBoss } = await import("@/lib/server/jobs/boss");
  await (await getBoss()).stop({ graceful: false, wait: true }).catch(() => {});
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A delivered sandbox submission of `lines`, in two gzip parts, processed once. */
async function deliveredSubmission(kind: "sandbox" | "production" = "sandbox") {
  const { dpid, sid } = uniqueIds();
  const ds = await makeDataSource({ dpid, traits: [{ sid: sid(1) }, { sid: sid(2) }], synced: ["already-synced"] });
  const env = await db.environment.create({ data: { name: `idsync-${dpid}-${kind}`, kind, bucket: BUCKET, prefix: `in-${dpid}` } });
  const ts = 1764806400 + (dpid % 1000);
  const parts = [
    `already-synced\td_sid=${sid(1)}\nnew-1\td_sid=${sid(1)}\nnew-2\td_sid=${sid(2)}\n`,
    `new-2\td_sid=${sid(1)}\nnew-3\td_sid=${sid(2)}\n\n`,
  ];
  const sub = await db.submission.create({
    data: {
      createdBy: "m@acme.test", dataSourceId: ds.id, environmentId: env.id, mode: "sync", aamTimestamp: ts, originalName: "crm.csv",
      originalSize: 10n, originalSha256: "0".repeat(64), mapping: {}, status: "delivered", deliveredAt: new Date(),
    },
  });
  for (const [i, text] of parts.entries()) {
    const aamName = `ftp_dpm_${dpid}_${ts}.sync.${i + 1}.gz`;
    const objectKey = `in-${dpid}/acme/date=2025-12-04/${aamName}`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: objectKey, Body: gzipSync(text) }));
    await db.submissionFile.create({ data: { submissionId: sub.id, part: i + 1, aamName, objectKey, bytes: 1n, records: 3, sha256: "0".repeat(64), deliveredAt: new Date() } });
  }
  if (kind === "sandbox") await runProcessing(env.id);
  return { ds, env, sub, dpid, sid };
}

describe("recording sandbox ID-sync matches for a submission's IDs", () => {
  it("turns No Matching AAM ID into stored records on the next run, keeping existing matches", async () => {
    const { env, sub, dpid, sid, ds } = await deliveredSubmission();
    const before = await listSubmissionReceipts(sub.id);
    expect(before).toHaveLength(1);
    expect(before[0]!.counters).toMatchObject({ recordsReceived: 6, formatErrors: 1, noMatchingAamId: 4 });
    expect((await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("processed");
    const kept = await db.idSyncMatch.findUniqueOrThrow({ where: { dpid_dpuuid: { dpid, dpuuid: "already-synced" } } });

    const r = await syncSubmissionIds(sub.id, admin);
    expect(r).toEqual({ records: 5, added: 3, files: 2 });
    const matches = await db.idSyncMatch.findMany({ where: { dpid }, orderBy: { dpuuid: "asc" } });
    expect(matches.map((m) => m.dpuuid)).toEqual(["already-synced", "new-1", "new-2", "new-3"]);
    expect(matches.every((m) => /^\d{38}$/.test(m.aamUuid))).toBe(true);
    expect(matches[0]!.aamUuid).toBe(kept.aamUuid);
    const audits = await db.auditLog.findMany({ where: { entityId: sub.id, action: "submission.sandbox_id_sync" } });
    expect(audits.map((a) => [a.actor, a.details])).toEqual([["admin@test", { records: 5, added: 3, files: 2 }]]);

    await runProcessing(env.id);
    const after = await listSubmissionReceipts(sub.id);
    expect(after).toHaveLength(2);
    expect(after[0]!.counters).toMatchObject({ recordsReceived: 6, formatErrors: 1, noMatchingAamId: 0, storedRecords: 5 });
    expect(await traitsOf(ds.id, "new-2")).toEqual([sid(1), sid(2)]);
    // Done once: a second call finds every ID matched.
    expect(await syncSubmissionIds(sub.id, admin)).toEqual({ records: 5, added: 0, files: 2 });
  });

  it("is refused for another partner's submission, and for an environment Adobe processes", async () => {
    const { sub } = await deliveredSubmission();
    await expect(syncSubmissionIds(sub.id, { id: "m", email: "m@globex.test", role: "marketer", partners: ["globex"] })).rejects.toMatchObject({ code: "not_found" });
    const prod = await deliveredSubmission("production");
    await db.submission.update({ where: { id: prod.sub.id }, data: { status: "processed" } });
    await expect(syncSubmissionIds(prod.sub.id, admin)).rejects.toThrow(/processed by Adobe/);
    expect(await db.idSyncMatch.count({ where: { dpid: prod.dpid } })).toBe(1);
  });
});
