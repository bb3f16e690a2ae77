// One logical inbound file (an unsplit file, or all parts of a split one, processed as one job [RCPT]):
// every line is classified by lib/aam in file order and staged in bulk, then applied set-wise.
import "server-only";
import type { Readable } from "node:stream";
import type pg from "pg";
import type { ErrorEntry, ErrorSampler } from "@/lib/aam/error-samples";
import type { InboundMode } from "@/lib/aam/file-name";
import type { IdType } from "@/lib/aam/id-rules";
import { createInboundClassifier, type ClassifiedRecord } from "@/lib/aam/inbound-classifier";
import { emptyCounters, type ReceiptCounters } from "@/lib/aam/receipt";
import type { TraitMatcher } from "@/lib/aam/trait-rules";
import { applyStaged } from "./apply-staged";
import { readInboundLines } from "./inbound-lines";
import { createStageWriter, STAGE_COLUMNS, type LoadMethod, type StageWriter } from "./stage-writer";

export interface InboundPart {
  /** The file name (ftp_dpm_…), shown in error samples. */
  name: string;
  gzip: boolean;
  open(): Promise<AsyncIterable<Uint8Array> | Readable>;
}

export interface ProcessingDataSource {
  id: string;
  dpid: number;
  idType: IdType;
  crossDevice: boolean;
  matcher: TraitMatcher;
}

export interface ApplyContext {
  client: pg.PoolClient;
  loadMethod: LoadMethod;
  sampler: ErrorSampler;
  /** Temp table (profile_id bigint) collecting the job's stored profiles, for "Total devices". */
  devicesTable: string;
}

/** Counters of one logical file; totalDevices is counted per job (a user in two files is one device). */
export async function applyLogicalFile(
  ctx: ApplyContext,
  ds: ProcessingDataSource,
  file: { mode: InboundMode; idType: IdType; parts: InboundPart[] },
): Promise<{ counters: ReceiptCounters; noMatching: ErrorEntry[]; noTrait: ErrorEntry[] }> {
  const { client } = ctx;
  const stage = "aam_stage";
  await client.query(`CREATE TEMP TABLE ${stage} (${STAGE_COLUMNS}) ON COMMIT DROP`);
  const writer: StageWriter = createStageWriter(client, stage, ctx.loadMethod);
  const partStarts: { rec: number; name: string }[] = [];
  let lastRec = 0;
  const classifier = createInboundClassifier({
    idType: file.idType,
    mode: file.mode,
    matcher: ds.matcher,
    sampler: ctx.sampler,
    onRecord: (r: ClassifiedRecord) => {
      lastRec = r.rec;
      if (r.plan.adds.length === 0 && r.plan.removes.length === 0) {
        writer.add({ rec: r.rec, userId: r.userId, traitId: null, op: 0, line: r.line, note: r.noTraitKey ?? "no trait" });
        return;
      }
      for (const t of r.plan.adds) writer.add({ rec: r.rec, userId: r.userId, traitId: t.id, op: 1, line: r.line, note: null });
      for (const t of r.plan.removes) writer.add({ rec: r.rec, userId: r.userId, traitId: t.id, op: 2, line: r.line, note: null });
    },
  });
  for (const part of file.parts) {
    classifier.startPart(part.name);
    partStarts.push({ rec: lastRec + 1, name: part.name });
    await readInboundLines(await part.open(), part.gzip, {
      line: (raw, dropped) => classifier.line(raw, dropped),
      afterChunk: async () => {
        if (writer.full) await writer.flush();
      },
    });
  }
  await writer.end();
  // Temp tables are never auto-analysed; without statistics the planner guesses badly on large files.
  await client.query(`ANALYZE ${stage}`);
  const applied = await applyStaged(client, {
    stage,
    devices: ctx.devicesTable,
    dataSourceId: ds.id,
    dpid: ds.dpid,
    needsMatch: file.idType === "dpuuid" && !ds.crossDevice,
    mode: file.mode,
    partOf: (rec) => {
      let name = partStarts[0]?.name ?? "";
      for (const p of partStarts) if (p.rec <= rec) name = p.name;
      return name;
    },
  });
  await client.query(`DROP TABLE ${stage}`);
  const t = classifier.tally;
  const counters: ReceiptCounters = {
    ...emptyCounters(),
    recordsReceived: t.recordsReceived,
    recordsProcessed: t.recordsProcessed,
    formatErrors: t.formatErrors,
    invalidAamId: t.invalidAamId,
    invalidDeviceId: t.invalidDeviceId,
    noMatchingAamId: applied.noMatchingAamId,
    noTraitRealized: applied.noTraitRealized,
    storedRecords: applied.storedRecords,
    totalSignals: t.totalSignals,
    totalUnusedSignals: t.totalUnusedSignals,
    totalRealizedTraits: applied.totalRealizedTraits,
    totalRemovedTraits: applied.totalRemovedTraits,
    traitsFailedValidation: t.traitsFailedValidation,
    usersWithTraitsFailedValidation: t.usersWithTraitsFailedValidation,
  };
  return { counters, noMatching: applied.noMatchingSamples, noTrait: applied.noTraitSamples };
}
