// Sandbox only: plays the ID sync that AAM would have seen on the partner's pages for every customer ID
// of one delivered submission, then has the local processor read its files again. AAM stores a DPUUID's
// traits only once an ID-sync call has paired it with one of AAM's visitor IDs ("No Matching AAM ID"
// otherwise) [FAQ-IN][OSR]; in the sandbox no browser ever makes those calls, so a first submission's
// records are all skipped. Existing matches are kept (ON CONFLICT DO NOTHING): only unmatched IDs get a
// new, random AAM UUID, as a first /ibs call would give them.
import "server-only";
import { randomFillSync } from "node:crypto";
import { newAamUuid } from "@/lib/aam/id-sync";
import { matchInboundName } from "@/lib/aam/file-name";
import { parseLine } from "@/lib/aam/record";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { SafeError } from "@/lib/server/errors";
import { notFound, submissionWhere, type Viewer } from "@/lib/server/auth/scope";
import { enqueueProcessing } from "@/lib/server/processing/enqueue-processing";
import { readInboundLines } from "@/lib/server/processing/inbound-lines";
import { isLocallyProcessed } from "@/lib/server/processing/run-processing";
import { openObject } from "@/lib/server/processing/s3-source";
import { s3ClientFor } from "@/lib/server/storage/s3-client";

const BATCH = 5000;

export interface SyncSubmissionIdsResult {
  /** Records read from the submission's files that carry a customer ID. */
  records: number;
  /** Customer IDs that had no match and got one now (each counted once). */
  added: number;
  files: number;
}

export async function syncSubmissionIds(submissionId: string, viewer: Viewer & { email: string }): Promise<SyncSubmissionIdsResult> {
  const s = await db.submission.findFirst({
    where: { id: submissionId, ...submissionWhere(viewer) },
    include: { environment: true, dataSource: true, files: { orderBy: { part: "asc" } } },
  });
  if (!s) throw notFound("That submission");
  if (!isLocallyProcessed(s.environment)) {
    throw new SafeError(`${s.environment.name} is processed by Adobe: there, IDs are matched by ID-sync calls from your pages, not from here.`);
  }
  if (s.dataSource.idType !== "dpuuid" || s.dataSource.crossDevice) {
    throw new SafeError("This data source's IDs need no ID sync (they are device IDs, AAM UUIDs, or the data source is cross-device).");
  }
  if (s.status !== "processed" || s.files.length === 0 || s.files.some((f) => !f.deliveredAt)) {
    throw new SafeError("Wait until the submission is delivered and processed, then try again.");
  }
  const client = await s3ClientFor(s.environment);
  let records = 0;
  let added = 0;
  let batch = new Set<string>();
  const flush = async (dpid: number) => {
    if (batch.size === 0) return;
    const values = [...batch];
    batch = new Set();
    const uuids = values.map(() => newAamUuid((b) => randomFillSync(b)));
    const n = await db.$executeRaw`
      INSERT INTO "IdSyncMatch" (dpid, dpuuid, "aamUuid", "updatedAt")
      SELECT ${dpid}, d, u, now() FROM unnest(${values}::text[], ${uuids}::text[]) AS t(d, u)
      ON CONFLICT (dpid, dpuuid) DO NOTHING`;
    added += n;
  };
  for (const f of s.files) {
    // The processor keys matches by the DPID in the file's name (process-inbound.ts), so this does too.
    const dpid = matchInboundName(f.aamName)?.dpid ?? s.dataSource.dpid;
    const body = await openObject(client, s.environment.bucket, f.objectKey);
    let lineNo = 0;
    await readInboundLines(body, f.objectKey.endsWith(".gz"), {
      line(raw) {
        const id = parseLine(raw, ++lineNo).record?.id;
        if (!id) return;
        records++;
        batch.add(id);
      },
      async afterChunk() {
        if (batch.size >= BATCH) await flush(dpid);
      },
    });
    await flush(dpid);
  }
  // Under the processor's own lock, so a run in progress finishes before its files are read again.
  const keys = s.files.map((f) => f.objectKey);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`aam-processing:${s.environmentId}`}))`;
    await tx.processedFile.deleteMany({ where: { environmentId: s.environmentId, objectKey: { in: keys } } });
  });
  await audit(viewer.email, "submission.sandbox_id_sync", "Submission", s.id, { records, added, files: keys.length });
  await enqueueProcessing(s.environmentId, "manual");
  return { records, added, files: keys.length };
}
