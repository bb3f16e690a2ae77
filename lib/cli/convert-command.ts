// `aam-inbound convert <crm.csv>`: CSV rows -> validated AAM records -> gzip parts under --out. Rows with an
// error are left out and reported (exit 1); the rest are written, so one bad row never blocks a file.
import { mkdir, stat } from "node:fs/promises";
import { buildInboundName, idTypeForDpid } from "../aam/file-name";
import { makeIssue, type AamIssue } from "../aam/issues";
import { formatRecord } from "../aam/record";
import type { Signal } from "../aam/signals";
import { checkFileSize } from "../aam/size-rules";
import { createFileValidator } from "../aam/validate";
import { createInboundWriter, type InboundWriter, type InboundWriterResult } from "../aam/writer";
import { intOption, stringOption, UsageError, type ParsedArgs } from "./args";
import { CsvError, createCsvReader } from "./csv-reader";
import { createFilePartStore } from "./file-parts";
import { createNodeGzipFactory } from "./node-gzip";
import type { CliResult } from "./output";
import { openInput } from "./read-input";
import { idTypeOption, modeOption } from "./validate-command";

export const CONVERT_SPEC = {
  options: ["dpid", "target-dpid", "id-column", "id-type", "mode", "timestamp", "max-part-bytes", "out", "max-issues"],
  multi: ["kv", "trait-id-column"],
  flags: ["json", "no-gzip"],
} as const;

const ROW_SLICE_CHARS = 64 * 1024;

/** Middle of the optimal 200-300 MB compressed band; ~1 GB for uncompressed parts (spec §2.4, §2.6). */
export const DEFAULT_MAX_PART_BYTES = { gzip: 250_000_000, plain: 1_000_000_000 } as const;

function required(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (v === undefined || v === "") throw new UsageError(`convert needs --${name}`);
  return v;
}

function columnIndex(header: readonly string[], name: string, option: string): number {
  let i = header.indexOf(name);
  if (i < 0) i = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (i < 0) throw new UsageError(`--${option} "${name}" is not a column of the input; its columns are: ${header.map((h) => JSON.stringify(h)).join(", ")}`);
  return i;
}

export async function convertCommand(args: ParsedArgs, nowSeconds: number): Promise<CliResult> {
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError("convert needs an input CSV file");
  if (extra !== undefined) throw new UsageError(`convert takes one input file, got also "${extra}"`);
  const dpid = intOption(args, "dpid", { min: 0 });
  if (dpid === undefined) throw new UsageError("convert needs --dpid");
  const targetDpid = intOption(args, "target-dpid", { min: 0 });
  const idColumn = required(args, "id-column");
  const outDir = required(args, "out");
  const kvSpecs = (args.values.get("kv") ?? []).map((s) => {
    const eq = s.indexOf("=");
    return eq < 0 ? { column: s, key: s } : { column: s.slice(0, eq), key: s.slice(eq + 1) };
  });
  const traitColumns = args.values.get("trait-id-column") ?? [];
  if (kvSpecs.length === 0 && traitColumns.length === 0) throw new UsageError("convert needs at least one --kv COLUMN[=KEY] or --trait-id-column COLUMN");
  const mode = modeOption(args) ?? "sync";
  const timestamp = intOption(args, "timestamp", { min: 1_000_000_000, max: 9_999_999_999 }) ?? nowSeconds;
  const gzip = !args.flags.has("no-gzip");
  const maxPartBytes = intOption(args, "max-part-bytes", { min: 1 }) ?? DEFAULT_MAX_PART_BYTES[gzip ? "gzip" : "plain"];
  const idType = idTypeOption(args) ?? idTypeForDpid(dpid);
  try {
    buildInboundName({ dpid, targetDpid, timestamp, mode });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}${targetDpid === undefined ? " (pass --target-dpid)" : ""}`);
  }
  // Like `mkdir -p`: a missing output folder is created rather than refused.
  await mkdir(outDir, { recursive: true });
  const outInfo = await stat(outDir);
  if (!outInfo.isDirectory()) throw Object.assign(new Error(`${outDir} is not a directory`), { code: "ENOTDIR", path: outDir });
  const input = await openInput(file);

  const validator = createFileValidator({ idType, mode, purpose: "write", maxIssues: intOption(args, "max-issues", { min: 0 }) });
  const store = createFilePartStore(outDir);
  let writer: InboundWriter;
  try {
    writer = createInboundWriter({
      dpid,
      targetDpid,
      mode,
      timestamp,
      maxPartBytes,
      gzip,
      createCompressor: gzip ? createNodeGzipFactory() : undefined,
      openPart: (info) => store.openPart(info),
    });
  } catch (e) {
    // Only option values can make the writer refuse to start (e.g. --max-part-bytes below one line's size).
    throw new UsageError((e as Error).message);
  }

  let header: string[] | null = null;
  let columns: { id: number; traits: number[]; kv: Array<{ index: number; key: string }> } | null = null;
  let rows = 0;
  let skipped = 0;
  const pending: Array<{ fields: string[]; line: number }> = [];
  const csv = createCsvReader(
    (fields, line) => pending.push({ fields, line }),
    (message, line) => validator.addIssue(makeIssue("LINE_FORMAT", "warning", message, { line })),
  );

  async function drainRows(): Promise<void> {
    for (const { fields, line } of pending) {
      if (!header) {
        header = fields;
        columns = {
          id: columnIndex(header, idColumn, "id-column"),
          traits: traitColumns.map((c) => columnIndex(header!, c, "trait-id-column")),
          kv: kvSpecs.map((k) => ({ index: columnIndex(header!, k.column, "kv"), key: k.key })),
        };
        continue;
      }
      rows++;
      const cols = columns!;
      if (fields.length !== header.length) {
        validator.addIssue(makeIssue("LINE_FORMAT", "warning", `The row has ${fields.length} fields but the header has ${header.length}; missing cells were read as empty.`, { line }));
      }
      const signals: Signal[] = [];
      for (const t of cols.traits) {
        for (const token of (fields[t] ?? "").split(/[\s,;|]+/)) if (token) signals.push({ kind: "sid", traitId: token });
      }
      for (const k of cols.kv) {
        const value = fields[k.index] ?? "";
        if (value !== "") signals.push({ kind: "kv", key: k.key, value });
      }
      const id = fields[cols.id] ?? "";
      if (signals.length === 0 && id !== "") {
        skipped++;
        validator.addIssue(makeIssue("SIGNAL_EMPTY", "warning", "The row has no trait IDs or values in the mapped columns; it was left out.", { line }));
        continue;
      }
      const record = { id, signals };
      if (!validator.pushRecord(record, line)) {
        skipped++;
        continue;
      }
      const p = writer.write(formatRecord(record));
      if (p) await p;
    }
    pending.length = 0;
  }

  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of input.chunks()) {
      const text = decoder.decode(chunk as Uint8Array, { stream: true });
      // Parse in small slices so only a few thousand rows wait for the writer at a time (flat memory).
      for (let i = 0; i < text.length; i += ROW_SLICE_CHARS) {
        csv.push(text.slice(i, i + ROW_SLICE_CHARS));
        await drainRows();
      }
    }
    csv.push(decoder.decode());
    csv.end();
    await drainRows();
  } catch (e) {
    await writer.abort(e);
    await store.discard();
    const issue = stopIssue(e);
    if (!issue) throw e;
    validator.addIssue(issue);
    const result = validator.finish();
    return { ok: false, issues: result.issues, files: [], stats: { rows, skippedRows: skipped, ...result.stats, countsByCode: result.countsByCode } };
  }
  if (!header) validator.addIssue(makeIssue("FILE_EMPTY", "error", "The input has no header row and no data.", {}));

  let written: InboundWriterResult;
  try {
    written = await writer.finish();
  } catch (e) {
    await store.discard();
    throw e;
  }
  const result = validator.finish();
  const extraIssues: AamIssue[] = result.countsByCode.FILE_EMPTY ? [] : [...written.issues];
  for (const p of written.parts) extraIssues.push(...checkFileSize({ gzip, bytes: p.bytes, rawBytes: p.rawBytes }));
  let paths: string[];
  try {
    paths = await store.publish(written.parts);
  } catch (e) {
    await store.discard();
    throw e;
  }
  const stats = {
    rows,
    skippedRows: skipped,
    linesWritten: written.lines,
    users: result.stats.users,
    signals: result.stats.signals,
    rawBytes: written.rawBytes,
    bytes: written.bytes,
    errors: result.stats.errors + extraIssues.filter((i) => i.severity === "error").length,
    warnings: result.stats.warnings + extraIssues.filter((i) => i.severity === "warning").length,
    countsByCode: { ...result.countsByCode },
    truncated: result.truncated,
  };
  for (const i of extraIssues) stats.countsByCode[i.code] = (stats.countsByCode[i.code] ?? 0) + 1;
  return {
    ok: stats.errors === 0,
    issues: [...result.issues, ...extraIssues],
    files: written.parts.map((p, i) => ({ name: p.name, path: paths[i], bytes: p.bytes, rawBytes: p.rawBytes, lines: p.lines })),
    stats,
  };
}

/** Input problems that end a conversion as a reported issue (exit 1) rather than an I/O failure (exit 2). */
function stopIssue(e: unknown): AamIssue | null {
  if (e instanceof CsvError) return makeIssue("LINE_FORMAT", "error", `${e.message} Nothing was written.`, { line: e.line });
  if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
    return makeIssue("FILE_ENCODING", "error", "The input is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in Excel) and convert again. Nothing was written.", {});
  }
  if ((e as NodeJS.ErrnoException | undefined)?.code?.startsWith("Z_")) {
    return makeIssue("FILE_COMPRESSION", "error", `The gzip input is damaged (${(e as Error).message}). Nothing was written.`, {});
  }
  return null;
}
