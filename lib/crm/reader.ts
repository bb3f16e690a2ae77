// Bytes -> header + rows in one streaming object: detect the encoding on the first bytes, sniff the
// delimiter on the first text, then decode and parse chunk by chunk. The worker, the server job and the
// CLI all read files through this, so their row counts and line numbers match exactly.
import type { Issue } from "../aam/issues";
import { createCsvParser, type CsvParser, type ParsedRow } from "./csv-parser";
import {
  createDecoder,
  ENCODING_LABELS,
  type EncodingEvidence,
  type NativeTextDecoderFactory,
  type StreamDecoder,
  type TextEncodingName,
} from "./decode";
import { detectEncoding } from "./detect-encoding";
import type { CrmIssueCode } from "./issue-codes";
import type { InputLimits } from "./input-limits";
import { sniffDelimiter, type Delimiter } from "./sniff";
import { damageHintsForHeader, scanRowForExcelDamage, type DamageHint } from "./excel-damage";
import { checkRagged, readHeader, type TableHeader } from "./table";

export interface CrmReaderOptions {
  /** Skip detection (the user picked an encoding, or a saved template did). */
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  /** Bytes collected before detecting encoding and delimiter. */
  sniffBytes?: number;
  /** Report ragged rows (needs the header width); on by default. */
  checkRagged?: boolean;
  /** A host TextDecoder for UTF-8 (several times faster than pure JS); see decode-native.ts. */
  nativeDecoder?: NativeTextDecoderFactory;
  /** Flag values Excel already damaged (1.23E+12, serial dates), using header names as hints; on by default. */
  checkExcelDamage?: boolean;
  /** Row, value and column bounds passed to the parser (see input-limits.ts). */
  limits?: Partial<InputLimits>;
}

export interface ReaderBatch {
  /** Data rows (the header row is not included). */
  rows: ParsedRow[];
  /** Issues found while producing this batch. */
  issues: Issue<CrmIssueCode>[];
}

export interface CrmReader {
  push(chunk: Uint8Array): ReaderBatch;
  end(): ReaderBatch;
  readonly encoding: EncodingEvidence | null;
  readonly delimiter: { delimiter: Delimiter; reason: string; scores: Record<Delimiter, number> } | null;
  readonly header: TableHeader | null;
  /** The header row as parsed (raw names, before de-duplication). */
  readonly headerRow: ParsedRow | null;
  /** Data rows returned so far. */
  readonly rowCount: number;
  /** Physical lines read so far. */
  readonly lineCount: number;
  /** True when the text pushed so far ends exactly between two rows (a resumable checkpoint). */
  readonly atRowStart: boolean;
}

const DEFAULT_SNIFF_BYTES = 64 * 1024;

export function createCrmReader(opts: CrmReaderOptions = {}): CrmReader {
  const sniffBytes = opts.sniffBytes ?? DEFAULT_SNIFF_BYTES;
  const wantRagged = opts.checkRagged ?? true;
  const wantDamage = opts.checkExcelDamage ?? true;
  let hints: DamageHint[] = [];
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let encoding: EncodingEvidence | null = null;
  let delimiter: CrmReader["delimiter"] = null;
  let header: TableHeader | null = null;
  let headerRow: ParsedRow | null = null;
  let decoder: StreamDecoder | null = null;
  let parser: CsvParser | null = null;
  let parserIssuesSeen = 0;
  let rowCount = 0;
  let firstInvalidLine = 0;

  function start(final: boolean): { text: string; issues: Issue<CrmIssueCode>[] } {
    const all = new Uint8Array(pendingLength);
    let at = 0;
    for (const p of pending) {
      all.set(p, at);
      at += p.length;
    }
    pending = [];
    const issues: Issue<CrmIssueCode>[] = [];
    encoding = opts.encoding
      ? { encoding: opts.encoding, bom: false, reason: "chosen by the user", confidence: "certain" }
      : detectEncoding(all);
    if (encoding.confidence === "likely" && encoding.encoding !== "utf-8") {
      issues.push({
        code: "ENCODING_GUESSED",
        severity: "info",
        message: `Read as ${ENCODING_LABELS[encoding.encoding]}: ${encoding.reason}. If characters look wrong, choose another encoding.`,
      });
    }
    decoder = createDecoder(encoding.encoding, opts.nativeDecoder ? { native: opts.nativeDecoder } : {});
    let text = decoder.decode(all);
    if (final) text += decoder.end();
    delimiter = opts.delimiter
      ? { delimiter: opts.delimiter, reason: "chosen by the user", scores: { ",": 0, "\t": 0, ";": 0, "|": 0, [opts.delimiter]: 1 } }
      : sniffDelimiter(text.slice(0, 65536));
    parser = createCsvParser({ delimiter: delimiter.delimiter, ...(opts.limits ? { limits: opts.limits } : {}) });
    return { text, issues };
  }

  function consume(rows: ParsedRow[], issues: Issue<CrmIssueCode>[]): ReaderBatch {
    const p = parser!;
    for (let k = parserIssuesSeen; k < p.issues.length; k++) issues.push(p.issues[k]!);
    parserIssuesSeen = p.issues.length;
    let data = rows;
    if (!header && rows.length > 0) {
      headerRow = rows[0]!;
      header = readHeader(headerRow);
      hints = damageHintsForHeader(header.names);
      issues.push(...header.issues);
      data = rows.slice(1);
    }
    if (header && (wantRagged || wantDamage)) {
      const width = header.names.length;
      for (const r of data) {
        if (wantRagged && r.fields.length !== width) issues.push(checkRagged(r, width)!);
        if (wantDamage) {
          const damage = scanRowForExcelDamage(r.fields, r.line, hints);
          if (damage) issues.push(...damage);
        }
      }
    }
    rowCount += data.length;
    return { rows: data, issues };
  }

  function decodeChunk(chunk: Uint8Array): string {
    const before = decoder!.invalidSequences;
    const text = decoder!.decode(chunk);
    if (before === 0 && decoder!.invalidSequences > 0) firstInvalidLine = lineOfReplacement(text);
    return text;
  }

  // The parser's line count is where this text starts; the first U+FFFD in it is (almost always) the
  // replaced sequence, so counting the line feeds before it gives the user a line to look at.
  function lineOfReplacement(text: string): number {
    const at = text.indexOf("\uFFFD");
    let line = parser ? parser.lines : 1;
    for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
    return line;
  }

  return {
    push(chunk) {
      if (!parser) {
        pending.push(chunk);
        pendingLength += chunk.length;
        if (pendingLength < sniffBytes) return { rows: [], issues: [] };
        const { text, issues } = start(false);
        if (decoder!.invalidSequences > 0) firstInvalidLine = lineOfReplacement(text);
        return consume(parser!.push(text), issues);
      }
      return consume(parser.push(decodeChunk(chunk)), []);
    },
    end() {
      let issues: Issue<CrmIssueCode>[] = [];
      let rows: ParsedRow[] = [];
      if (!parser) {
        const started = start(true);
        issues = started.issues;
        if (decoder!.invalidSequences > 0) firstInvalidLine = lineOfReplacement(started.text);
        rows = parser!.push(started.text);
      } else {
        const before = decoder!.invalidSequences;
        const tail = decoder!.end();
        if (before === 0 && decoder!.invalidSequences > 0) firstInvalidLine = lineOfReplacement(tail);
        if (tail) rows = parser.push(tail);
      }
      for (const r of parser!.end()) rows.push(r);
      const invalid = decoder!.invalidSequences;
      if (invalid > 0) {
        const enc = ENCODING_LABELS[encoding!.encoding];
        issues.push({
          code: "ENCODING_INVALID",
          // An error, not a warning: every "�" would reach AAM as a wrong trait value, and no per-row fix
          // can restore the lost character; only reading the file in its real encoding can.
          severity: "error",
          message:
            `${invalid} byte sequence${invalid === 1 ? " is" : "s are"} not valid ${enc} (first near line ${firstInvalidLine || 1}) and became "�". ` +
            (encoding!.encoding === "utf-8" ? "The file may be Windows-1252: choose that encoding and read it again." : "Choose the file's real encoding and read it again."),
          line: firstInvalidLine || 1,
        });
      }
      const batch = consume(rows, issues);
      if (!header) {
        batch.issues.push({ code: "HEADER_MISSING", severity: "error", message: "The file has no rows, not even a header." });
      }
      return batch;
    },
    get encoding() {
      return encoding;
    },
    get delimiter() {
      return delimiter;
    },
    get header() {
      return header;
    },
    get headerRow() {
      return headerRow;
    },
    get rowCount() {
      return rowCount;
    },
    get lineCount() {
      return parser ? parser.lines : 1;
    },
    get atRowStart() {
      return parser !== null && parser.atRowStart;
    },
  };
}
