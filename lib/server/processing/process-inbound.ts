// Plays AAM's part for one environment's new inbound files, inside the caller's transaction: checks each
// key and name, groups files by data source (one receipt per data source, like AAM's per-partner job) and
// split parts into logical files, applies them in timestamp order, and writes the receipts, the processed-
// file records and the receipt-to-submission links. Nothing is committed here.
import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createErrorSampler, type ErrorEntry } from "@/lib/aam/error-samples";
import { GLOBAL_DEVICE_DPIDS, type InboundMode } from "@/lib/aam/file-name";
import type { IdType } from "@/lib/aam/id-rules";
import { addCounters, emptyCounters, formatReceiptText, type ReceiptCounters } from "@/lib/aam/receipt";
import { parseInboundKey, type InboundKeyParts } from "@/lib/aam/s3-key";
import { applyLogicalFile, type InboundPart } from "./apply-logical-file";
import type { InboundObject } from "./inbound-source";
import { loadTraitMatcher } from "./load-trait-matcher";
import type { LoadMethod } from "./stage-writer";

export interface ProcessedReceipt {
  receiptId: string;
  dataSourceId: string;
  counters: ReceiptCounters;
  files: string[];
  submissionIds: string[];
}

export interface ProcessInboundResult {
  receipts: ProcessedReceipt[];
  rejected: { key: string; reason: string }[];
}

interface DataSourceRow {
  id: string;
  dpid: number;
  targetDpid: number | null;
  idType: IdType;
  crossDevice: boolean;
}

interface Parsed {
  object: InboundObject;
  key: InboundKeyParts;
}

export async function processInbound(
  client: pg.PoolClient,
  input: { environmentId: string; objects: InboundObject[]; uriPrefix: string; loadMethod: LoadMethod; from?: string; footer?: string; nowSeconds?: number },
): Promise<ProcessInboundResult> {
  const rejected: ProcessInboundResult["rejected"] = [];
  const parsed: Parsed[] = [];
  for (const object of input.objects) {
    const r = parseInboundKey(object.key, input.nowSeconds === undefined ? {} : { nowSeconds: input.nowSeconds });
    if (!r.ok) rejected.push({ key: object.key, reason: r.issues.map((i) => i.message).join(" ") });
    else if (r.value.parts.ext === "pgp" || r.value.parts.ext === "gpg") {
      rejected.push({ key: object.key, reason: "PGP-encrypted files need Adobe's private key; the local processor cannot read them." });
    } else parsed.push({ object, key: r.value });
  }

  const sources = (await client.query<DataSourceRow>(`SELECT id, dpid, "targetDpid", "idType", "crossDevice" FROM "DataSource" ORDER BY "createdAt", id`)).rows;
  // A delivered submission names its data source; other files are matched on the DPIDs in their names.
  const bySubmission = new Map(
    (
      await client.query<{ objectKey: string; dataSourceId: string }>(
        `SELECT sf."objectKey", s."dataSourceId" FROM "SubmissionFile" sf JOIN "Submission" s ON s.id = sf."submissionId"
         WHERE s."environmentId" = $1::uuid AND sf."objectKey" = ANY($2::text[])`,
        [input.environmentId, parsed.map((p) => p.object.key)],
      )
    ).rows.map((r) => [r.objectKey, r.dataSourceId]),
  );
  const groups = new Map<string, Map<string, Parsed[]>>();
  for (const p of parsed) {
    const { dpid, targetDpid } = p.key.parts;
    const dsId = bySubmission.get(p.object.key) ?? sources.find((s) => s.dpid === dpid && (s.targetDpid ?? undefined) === targetDpid)?.id;
    if (!dsId) {
      rejected.push({ key: p.object.key, reason: `No data source with DPID ${dpid}${targetDpid === undefined ? "" : ` and target ${targetDpid}`} is set up.` });
      continue;
    }
    const logical = p.object.key.replace(/(\.(sync|overwrite))(\.[0-9]+)?(\.gz)?$/, "$1");
    let files = groups.get(dsId);
    if (!files) groups.set(dsId, (files = new Map()));
    const parts = files.get(logical);
    if (parts) parts.push(p);
    else files.set(logical, [p]);
  }

  const receipts: ProcessedReceipt[] = [];
  // The sorts behind DISTINCT, DISTINCT ON and GROUP BY over a large file spill to disk at the default 4 MB.
  if (groups.size > 0) await client.query("SET LOCAL work_mem = '128MB'");
  for (const [dsId, files] of groups) {
    const ds = sources.find((s) => s.id === dsId)!;
    const startedAt = new Date();
    const sampler = createErrorSampler();
    const matcher = await loadTraitMatcher(client, dsId);
    await client.query(`CREATE TEMP TABLE aam_job_devices (profile_id bigint) ON COMMIT DROP`);
    let counters = emptyCounters();
    const noMatching: ErrorEntry[] = [];
    const noTrait: ErrorEntry[] = [];
    const ordered = [...files.values()].sort((a, b) => a[0]!.key.parts.timestamp - b[0]!.key.parts.timestamp || (a[0]!.object.key < b[0]!.object.key ? -1 : 1));
    const uris: string[] = [];
    for (const parts of ordered) {
      parts.sort((a, b) => (a.key.parts.split ?? 0) - (b.key.parts.split ?? 0));
      const first = parts[0]!.key.parts;
      const deviceType = GLOBAL_DEVICE_DPIDS.get(first.dpid);
      const result = await applyLogicalFile(
        { client, loadMethod: input.loadMethod, sampler, devicesTable: "aam_job_devices" },
        { id: ds.id, dpid: first.dpid, idType: ds.idType, crossDevice: ds.crossDevice, matcher },
        { mode: first.mode as InboundMode, idType: deviceType ?? ds.idType, parts: parts.map((p): InboundPart => ({ name: p.key.name, gzip: p.key.parts.ext === "gz", open: p.object.open })) },
      );
      counters = addCounters(counters, result.counters);
      noMatching.push(...result.noMatching);
      noTrait.push(...result.noTrait);
      for (const p of parts) uris.push(`${input.uriPrefix}/${p.object.key}`);
    }
    const devices = await client.query<{ n: number }>(`SELECT count(DISTINCT profile_id)::int AS n FROM aam_job_devices`);
    await client.query(`DROP TABLE aam_job_devices`);
    counters.totalDevices = devices.rows[0]?.n ?? 0;
    sampler.set("noMatchingAamId", mergeEntries(noMatching));
    sampler.set("noTraitRealized", mergeEntries(noTrait));
    const endedAt = new Date();
    const receiptId = randomUUID();
    const text = formatReceiptText(
      { partnerId: ds.dpid, files: uris, counters, startedAt, endedAt },
      { ...(input.from ? { from: input.from } : {}), ...(input.footer ? { footer: input.footer } : {}) },
    );
    await client.query(
      `INSERT INTO "Receipt" (id, "environmentId", "dataSourceId", source, "startedAt", "endedAt", counters, "errorSamples", files, text)
       VALUES ($1, $2, $3, 'processor', $4, $5, $6, $7, $8, $9)`,
      [receiptId, input.environmentId, dsId, startedAt, endedAt, JSON.stringify(counters), JSON.stringify(sampler.result()), uris, text],
    );
    const keys = [...files.values()].flat().map((p) => p.object.key);
    await insertProcessedFiles(client, input.environmentId, [...files.values()].flat().map((p) => p.object), receiptId);
    const links = await client.query<{ submissionId: string }>(
      `INSERT INTO "ReceiptSubmission" ("receiptId", "submissionId")
       SELECT DISTINCT $1::uuid, sf."submissionId" FROM "SubmissionFile" sf JOIN "Submission" s ON s.id = sf."submissionId"
       WHERE s."environmentId" = $2::uuid AND sf."objectKey" = ANY($3::text[])
       RETURNING "submissionId"`,
      [receiptId, input.environmentId, keys],
    );
    receipts.push({ receiptId, dataSourceId: dsId, counters, files: uris, submissionIds: links.rows.map((r) => r.submissionId) });
  }
  const rejectedObjects = input.objects.filter((o) => rejected.some((r) => r.key === o.key));
  await insertProcessedFiles(client, input.environmentId, rejectedObjects, null);
  return { receipts, rejected };
}

async function insertProcessedFiles(client: pg.PoolClient, environmentId: string, objects: InboundObject[], receiptId: string | null): Promise<void> {
  if (objects.length === 0) return;
  await client.query(
    `INSERT INTO "ProcessedFile" (id, "environmentId", "objectKey", etag, "receiptId")
     SELECT gen_random_uuid(), $1::uuid, k, e, $4::uuid FROM unnest($2::text[], $3::text[]) AS t(k, e)`,
    [environmentId, objects.map((o) => o.key), objects.map((o) => o.etag), receiptId],
  );
}

/** Per-file exact top lists merged into the job's top 10 (exact when a key's files all kept it). */
function mergeEntries(entries: ErrorEntry[]): ErrorEntry[] {
  const by = new Map<string, ErrorEntry>();
  for (const e of entries) {
    const m = by.get(e.key);
    if (!m) by.set(e.key, { ...e, samples: [...e.samples] });
    else {
      m.count += e.count;
      for (const s of e.samples) if (m.samples.length < 3) m.samples.push(s);
    }
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, 10);
}
