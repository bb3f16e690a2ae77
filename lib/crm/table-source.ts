// Any supported input -> header + row batches, one code path for the browser worker, the server's re-run
// and the CLI, so row numbers and counts agree everywhere. Delimited text (optionally gzipped) is cut into
// segments that end on a line feed; after each segment that also ends a row, a checkpoint records where
// the next row starts, which lets the worker re-read any row later without keeping rows in memory.
import type { Issue } from "../aam/issues";
import {
  collectBytes,
  DEFAULT_LIMITS,
  guardInflated,
  ImportRefusedError,
  memoryInput,
  readSequential,
  sniffContainer,
  type DecompressionLimits,
  type Inflate,
  type RandomAccessInput,
} from "./byte-input";
import type { ParsedRow } from "./csv-parser";
import { detectEncoding, type EncodingEvidence, type NativeTextDecoderFactory, type TextEncodingName } from "./decode";
import type { CrmIssueCode } from "./issue-codes";
import type { InputLimits } from "./input-limits";
import { createCrmReader } from "./reader";
import type { Delimiter } from "./sniff";
import { readHeader, type TableHeader } from "./table";
import { openXlsx, type XlsxSheet } from "./xlsx";

export interface OpenTableOptions {
  inflate: Inflate;
  limits?: DecompressionLimits;
  /** Row, value and column bounds (see input-limits.ts). */
  inputLimits?: Partial<InputLimits>;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  /** 0-based sheet of an XLSX workbook (default: the first visible one). */
  sheet?: number;
  nativeDecoder?: NativeTextDecoderFactory;
  /** Text segments end on a line feed at least this far apart (default 32 KiB). */
  segmentBytes?: number;
  /** Every (decompressed) text byte, in order: the worker keeps gzip contents for random access. */
  onTextBytes?: (bytes: Uint8Array) => void;
  onCheckpoint?: (cp: Checkpoint) => void;
}

/** Where a row starts in the (decompressed) text: resume decoding and parsing there. */
export interface Checkpoint {
  offset: number;
  /** Index of the next data row (0 = first row after the header). */
  rowIndex: number;
  /** File line of the next character. */
  line: number;
}

export interface TableInfo {
  kind: "delimited" | "xlsx";
  gzip: boolean;
  encoding: EncodingEvidence | null;
  delimiter: { delimiter: Delimiter; reason: string; scores: Record<Delimiter, number> } | null;
  sheets: XlsxSheet[] | null;
  sheet: number;
  header: TableHeader | null;
  headerLine: number;
}

export interface TableBatch {
  rows: ParsedRow[];
  issues: Issue<CrmIssueCode>[];
  /** Bytes of the input read so far (compressed bytes for .gz), for progress. */
  inputBytes: number;
}

export interface TableSource {
  /** Filled in as reading starts: encoding, delimiter and header are known after the first batch. */
  readonly info: TableInfo;
  batches(): AsyncGenerator<TableBatch>;
}

const XLSX_EVIDENCE: EncodingEvidence = { encoding: "utf-8", bom: false, reason: "Excel workbook (.xlsx): text is stored as UTF-8 XML", confidence: "certain" };

export async function openTable(input: RandomAccessInput, opts: OpenTableOptions): Promise<TableSource> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const container = sniffContainer(await input.read(0, Math.min(input.size, 8)));
  if (container === "xls") {
    throw new ImportRefusedError("This is an old Excel 97-2003 workbook (.xls). Open it in Excel and save it as .xlsx or CSV UTF-8.");
  }
  const info: TableInfo = { kind: "delimited", gzip: container === "gzip", encoding: null, delimiter: null, sheets: null, sheet: 0, header: null, headerLine: 1 };
  let compressedRead = 0;
  const raw = async function* (): AsyncGenerator<Uint8Array> {
    for await (const c of readSequential(input)) {
      compressedRead += c.length;
      yield c;
    }
  };
  if (container === "xlsx-zip") return openWorkbook(input, info, opts, limits, () => compressedRead);
  if (container !== "gzip") return { info, batches: () => delimitedBatches(raw(), info, opts, () => compressedRead) };
  // Only the inflated bytes tell a gzipped CSV from a gzipped workbook: look at the first chunk.
  const inflated = guardInflated(opts.inflate("gzip", raw()), "The file", () => compressedRead, limits)[Symbol.asyncIterator]();
  const first = await inflated.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    if (head.length) yield head;
    for (let n = await inflated.next(); !n.done; n = await inflated.next()) yield n.value;
  };
  if (sniffContainer(head) === "xlsx-zip") {
    // A workbook needs random access (its directory is at the end), so it is inflated into memory, bounded.
    return openWorkbook(memoryInput(await collectBytes(rest(), limits.maxBytes)), info, opts, limits, () => compressedRead);
  }
  return { info, batches: () => delimitedBatches(rest(), info, opts, () => compressedRead) };
}

async function openWorkbook(input: RandomAccessInput, info: TableInfo, opts: OpenTableOptions, limits: DecompressionLimits, read: () => number): Promise<TableSource> {
  const book = await openXlsx(input, {
    inflate: opts.inflate,
    limits,
    ...(opts.inputLimits ? { inputLimits: opts.inputLimits } : {}),
    ...(opts.nativeDecoder ? { nativeDecoder: opts.nativeDecoder } : {}),
  });
  info.kind = "xlsx";
  info.sheets = book.sheets;
  info.encoding = XLSX_EVIDENCE;
  const visible = book.sheets.findIndex((s) => !s.hidden);
  info.sheet = opts.sheet ?? (visible < 0 ? 0 : visible);
  async function* batches(): AsyncGenerator<TableBatch> {
    let width = 0;
    for await (const rows of book.readSheet(info.sheet)) {
      const issues: Issue<CrmIssueCode>[] = [];
      let data = rows;
      if (!info.header) {
        info.header = readHeader(rows[0]!);
        info.headerLine = rows[0]!.line;
        issues.push(...info.header.issues);
        width = info.header.names.length;
        data = rows.slice(1);
      }
      // Excel omits empty trailing cells: pad to the header so only real extra values count as ragged.
      for (const r of data) {
        while (r.fields.length < width) r.fields.push("");
      }
      yield { rows: data, issues, inputBytes: read() || input.size };
    }
    if (!info.header) yield { rows: [], issues: [{ code: "HEADER_MISSING", severity: "error", message: "The sheet is empty: it has no header row." }], inputBytes: input.size };
  }
  return { info, batches };
}

/** Bytes without a line feed after which text is parsed anyway (no checkpoint can be taken there). */
const FORCE_FEED_BYTES = 1024 * 1024;

/** Index of the last byte of the first line feed at or after `from` (UTF-16 aware), or -1. */
function lineFeedAt(b: Uint8Array, from: number, enc: TextEncodingName, base: number): number {
  if (enc !== "utf-16le" && enc !== "utf-16be") return b.indexOf(0x0a, from);
  const le = enc === "utf-16le";
  for (let i = b.indexOf(0x0a, from); i >= 0; i = b.indexOf(0x0a, i + 1)) {
    const unitStart = le ? i : i - 1;
    if (unitStart < 0 || (base + unitStart) % 2 !== 0) continue;
    if (le ? b[i + 1] === 0 : b[i - 1] === 0) return le ? (i + 1 < b.length ? i + 1 : -1) : i;
  }
  return -1;
}

async function* delimitedBatches(chunks: AsyncIterable<Uint8Array>, info: TableInfo, opts: OpenTableOptions, read: () => number): AsyncGenerator<TableBatch> {
  const segment = opts.segmentBytes ?? 32 * 1024;
  const reader = createCrmReader({
    sniffBytes: 1,
    checkRagged: false,
    checkExcelDamage: false,
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    ...(opts.nativeDecoder ? { nativeDecoder: opts.nativeDecoder } : {}),
    ...(opts.inputLimits ? { limits: opts.inputLimits } : {}),
  });
  let enc: TextEncodingName | null = opts.encoding ?? null;
  let carry = new Uint8Array(0);
  let offset = 0; // text bytes handed to the reader so far
  const minFirst = 64 * 1024;
  const feed = (bytes: Uint8Array): TableBatch => {
    opts.onTextBytes?.(bytes);
    const batch = reader.push(bytes);
    offset += bytes.length;
    if (!info.encoding && reader.encoding) {
      info.encoding = reader.encoding;
      info.delimiter = reader.delimiter;
    }
    if (!info.header && reader.header) {
      info.header = reader.header;
      info.headerLine = reader.headerRow?.line ?? 1;
    }
    if (reader.header && reader.atRowStart) opts.onCheckpoint?.({ offset, rowIndex: reader.rowCount, line: reader.lineCount });
    return { rows: batch.rows, issues: batch.issues, inputBytes: read() };
  };
  for await (const chunk of chunks) {
    const buf = carry.length ? concat(carry, chunk) : chunk;
    const base = offset;
    if (!enc) {
      if (buf.length < minFirst) {
        carry = buf.slice();
        continue;
      }
      enc = detectEncoding(buf.subarray(0, minFirst)).encoding;
    }
    let pos = 0;
    for (;;) {
      const want = pos + (offset === 0 && pos === 0 ? minFirst : segment);
      if (want >= buf.length) break;
      const lf = lineFeedAt(buf, want, enc, base);
      if (lf < 0) break;
      // One batch per segment (a few hundred rows): they die young, which keeps GC cheap.
      const b = feed(buf.subarray(pos, lf + 1));
      pos = lf + 1;
      if (b.rows.length || b.issues.length) yield b;
    }
    // No line feed for a long stretch (one huge line, or old Mac CR-only line ends): hand it to the
    // parser anyway, so its row bound can refuse it instead of the carry growing (and being re-copied) forever.
    if (buf.length - pos > FORCE_FEED_BYTES) {
      const b = feed(buf.subarray(pos));
      pos = buf.length;
      if (b.rows.length || b.issues.length) yield b;
    }
    carry = buf.subarray(pos).slice();
  }
  // The tail is yielded on its own (not spread into one array): it may hold a megabyte of short CR-only rows,
  // more than a spread's argument limit.
  if (carry.length) {
    const b = feed(carry);
    if (b.rows.length || b.issues.length) yield b;
  }
  const last = reader.end();
  if (!info.encoding && reader.encoding) {
    info.encoding = reader.encoding;
    info.delimiter = reader.delimiter;
  }
  info.header = reader.header;
  info.headerLine = reader.headerRow?.line ?? 1;
  yield { rows: last.rows, issues: last.issues, inputBytes: read() };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
