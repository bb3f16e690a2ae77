// `aam-inbound convert <crm-file>`: CRM rows -> validated AAM records -> gzip parts under --out. The input is
// read by lib/crm (crm-import.ts), as the dashboard reads it. Rows with an error are left out and reported
// (exit 1); the rest are written, so one bad row never blocks a file. An input lib/crm refuses as a whole
// ends the run with one error issue and nothing written.
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { buildInboundName, idTypeForDpid, type InboundMode } from "../aam/file-name";
import type { IdType } from "../aam/id-rules";
import type { Issue } from "../aam/issues";
import { checkFileSize } from "../aam/size-rules";
import { createInboundWriter, type InboundWriter, type InboundWriterResult } from "../aam/writer";
import { intOption, stringOption, UsageError, type ParsedArgs } from "./args";
import { buildMapping, readChoices, type ColumnOptions, type ReadChoices } from "./convert-mapping";
import { convertReport, refusalIssue, stopsConversion, type ConvertReport } from "./convert-report";
import { importCrmFile } from "./crm-import";
import { createFilePartStore, type FilePartStore } from "./file-parts";
import { createNodeGzipFactory } from "./node-gzip";
import type { CliResult } from "./output";
import { createGcPacer } from "./gc-pacer";
import { createProgress, type StatusLine } from "./progress";
import { createUserSpill } from "./user-spill";
import { idTypeOption, modeOption } from "./validate-command";

export const CONVERT_SPEC = {
  options: ["dpid", "target-dpid", "id-column", "id-type", "mode", "timestamp", "max-part-bytes", "out", "max-issues", "split", "encoding", "delimiter", "sheet"],
  multi: ["kv", "trait-id-column"],
  flags: ["json", "no-gzip"],
} as const;

/** Middle of the optimal 200-300 MB compressed band; ~1 GB for uncompressed parts (spec §2.4, §2.6). */
export const DEFAULT_MAX_PART_BYTES = { gzip: 250_000_000, plain: 1_000_000_000 } as const;

interface ConvertOptions {
  file: string;
  outDir: string;
  dpid: number;
  targetDpid: number | undefined;
  idType: IdType;
  mode: InboundMode;
  timestamp: number;
  gzip: boolean;
  maxPartBytes: number;
  maxIssues: number | undefined;
  columns: ColumnOptions;
  /** How to read the file when detection gets it wrong; unset parts are detected. */
  read: ReadChoices;
}

function required(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (v === undefined || v === "") throw new UsageError(`convert needs --${name}`);
  return v;
}

function readOptions(args: ParsedArgs, nowSeconds: number): ConvertOptions {
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError("convert needs an input file (CSV, TSV, .gz or .xlsx)");
  if (extra !== undefined) throw new UsageError(`convert takes one input file, got also "${extra}"`);
  const dpid = intOption(args, "dpid", { min: 0 });
  if (dpid === undefined) throw new UsageError("convert needs --dpid");
  const targetDpid = intOption(args, "target-dpid", { min: 0 });
  const kv = (args.values.get("kv") ?? []).map((s) => {
    const eq = s.indexOf("=");
    return eq < 0 ? { column: s, key: s } : { column: s.slice(0, eq), key: s.slice(eq + 1) };
  });
  const traitColumns = args.values.get("trait-id-column") ?? [];
  if (kv.length === 0 && traitColumns.length === 0) throw new UsageError("convert needs at least one --kv COLUMN[=KEY] or --trait-id-column COLUMN");
  const split = stringOption(args, "split");
  if (split === "") throw new UsageError("--split needs a separator, e.g. --split \"|\"");
  if (split !== undefined && traitColumns.length === 0) throw new UsageError("--split splits --trait-id-column cells; no --trait-id-column was given");
  const mode = modeOption(args) ?? "sync";
  const timestamp = intOption(args, "timestamp", { min: 1_000_000_000, max: 9_999_999_999 }) ?? nowSeconds;
  const gzip = !args.flags.has("no-gzip");
  try {
    buildInboundName({ dpid, targetDpid, timestamp, mode });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}${targetDpid === undefined ? " (pass --target-dpid)" : ""}`);
  }
  return {
    file,
    outDir: required(args, "out"),
    dpid,
    targetDpid,
    idType: idTypeOption(args) ?? idTypeForDpid(dpid),
    mode,
    timestamp,
    gzip,
    maxPartBytes: intOption(args, "max-part-bytes", { min: 1 }) ?? DEFAULT_MAX_PART_BYTES[gzip ? "gzip" : "plain"],
    maxIssues: intOption(args, "max-issues", { min: 0 }),
    read: readChoices(args),
    columns: { idColumn: required(args, "id-column"), kv, traitColumns, ...(split !== undefined ? { split } : {}) },
  };
}

function openWriter(o: ConvertOptions, store: FilePartStore): InboundWriter {
  try {
    return createInboundWriter({
      dpid: o.dpid,
      targetDpid: o.targetDpid,
      mode: o.mode,
      timestamp: o.timestamp,
      maxPartBytes: o.maxPartBytes,
      gzip: o.gzip,
      createCompressor: o.gzip ? createNodeGzipFactory() : undefined,
      openPart: (info) => store.openPart(info),
    });
  } catch (e) {
    // Only option values can make the writer refuse to start (e.g. --max-part-bytes below one line's size).
    throw new UsageError((e as Error).message);
  }
}

type Written = Pick<InboundWriterResult, "lines" | "rawBytes" | "bytes">;
const NOTHING_WRITTEN: Written = { lines: 0, rawBytes: 0, bytes: 0 };
const NO_ISSUES: ConvertReport = { issues: [], countsByCode: {}, errors: 0, warnings: 0, truncated: false };

interface Counted {
  rows: number;
  users: number;
  signals: number;
}

function statsOf(report: ConvertReport, counted: Counted, written: Written): Record<string, unknown> {
  return {
    rows: counted.rows,
    skippedRows: counted.rows - written.lines,
    linesWritten: written.lines,
    users: counted.users,
    signals: counted.signals,
    rawBytes: written.rawBytes,
    bytes: written.bytes,
    errors: report.errors,
    warnings: report.warnings,
    countsByCode: report.countsByCode,
    truncated: report.truncated,
  };
}

/** Issues found after the import (by the writer, the size rules) join the report's counts. */
function addIssues(report: ConvertReport, extra: readonly Issue[]): ConvertReport {
  const countsByCode = { ...report.countsByCode };
  for (const i of extra) countsByCode[i.code] = (countsByCode[i.code] ?? 0) + 1;
  return {
    issues: [...report.issues, ...extra],
    countsByCode,
    errors: report.errors + extra.filter((i) => i.severity === "error").length,
    warnings: report.warnings + extra.filter((i) => i.severity === "warning").length,
    truncated: report.truncated,
  };
}

export async function convertCommand(args: ParsedArgs, nowSeconds: number, status?: StatusLine): Promise<CliResult> {
  const o = readOptions(args, nowSeconds);
  // Like `mkdir -p`: a missing output folder is created rather than refused.
  await mkdir(o.outDir, { recursive: true });
  const outInfo = await stat(o.outDir);
  if (!outInfo.isDirectory()) throw Object.assign(new Error(`${o.outDir} is not a directory`), { code: "ENOTDIR", path: o.outDir });
  const store = createFilePartStore(o.outDir);
  const writer = openWriter(o, store);
  // Users (and signals) come from the validator's summary; rows are counted as read, so a refusal part-way says how far it got.
  const counted: Counted = { rows: 0, users: 0, signals: 0 };
  const discard = async (error?: unknown): Promise<void> => {
    await writer.abort(error).catch(() => undefined);
    await store.discard();
  };

  let report: ConvertReport;
  // Memory stays bounded however many users the file holds: past its budget the per-user table spills to disk.
  const userSpill = createUserSpill();
  const pace = createGcPacer();
  const progress = createProgress(`convert ${path.basename(o.file)}`, status);
  try {
    const imported = await importCrmFile(o.file, {
      mapping: (first) => buildMapping(o.columns, first),
      idType: o.idType,
      mode: o.mode,
      ...(o.maxIssues !== undefined ? { maxIssues: o.maxIssues } : {}),
      read: o.read,
      onLine: (line) => writer.write(line),
      onRow: () => void counted.rows++,
      onProgress: (bytes, total) => {
        pace(bytes);
        progress.update(bytes, total, counted.rows);
      },
      userSpill,
    });
    counted.users = imported.summary.users;
    counted.signals = imported.summary.signals;
    report = convertReport(imported.summary);
  } catch (e) {
    await discard(e);
    const issue = refusalIssue(e);
    if (!issue) throw e;
    const refused = addIssues(NO_ISSUES, [issue]);
    return { ok: false, issues: refused.issues, files: [], stats: statsOf(refused, counted, NOTHING_WRITTEN) };
  } finally {
    progress.done();
    userSpill.dispose();
  }
  if (stopsConversion(report)) {
    await discard();
    return { ok: false, issues: report.issues, files: [], stats: statsOf(report, counted, NOTHING_WRITTEN) };
  }

  let written: InboundWriterResult;
  try {
    written = await writer.finish();
  } catch (e) {
    await store.discard();
    throw e;
  }
  // An empty input is already reported (FILE_EMPTY); the writer's "no records to write" would say it twice.
  const extra: Issue[] = report.countsByCode.FILE_EMPTY ? [] : [...written.issues];
  for (const p of written.parts) extra.push(...checkFileSize({ gzip: o.gzip, bytes: p.bytes, rawBytes: p.rawBytes }));
  let paths: string[];
  try {
    paths = await store.publish(written.parts);
  } catch (e) {
    await store.discard();
    throw e;
  }
  const final = addIssues(report, extra);
  return {
    ok: final.errors === 0,
    issues: final.issues,
    files: written.parts.map((p, i) => ({ name: p.name, path: paths[i], bytes: p.bytes, rawBytes: p.rawBytes, lines: p.lines })),
    stats: statsOf(final, counted, written),
  };
}
