// Whole-file validation as a stream: lines (or text, or raw bytes) in, a bounded list of issues and complete
// counts out. Memory stays flat apart from the per-user table (8 bytes a user, see user-counter.ts): lines
// are not kept, and stored issues are copied so they never pin a large input chunk.
import { looksLikeDeviceId, type IdType } from "./id-rules";
import type { InboundMode } from "./file-name";
import { makeIssue, SEVERITY_RANK as RANK, type AamIssue, type AamIssueCode, type Severity } from "./issues";
import { createByteLineSplitter, createTextLineSplitter, MAX_LINE_BYTES, type Utf8Decoder } from "./line-splitter";
import { parseLineInto, type AamRecord } from "./record";
import { createUserCounter, type UserSpillOptions } from "./user-counter";
import { utf8ByteLength } from "./utf8";
import { lineTooLong, recordBytes, validateRecordInto, type RecordContext } from "./record-rules";

/** AAM discards lines after the first 200 for one user ID in a file [FC]. */
export const MAX_LINES_PER_USER = 200;

export interface FileValidatorOptions {
  idType: IdType;
  mode: InboundMode;
  /** Issues kept in the result (default 1000); counts by code are always complete. */
  maxIssues?: number;
  /** See RecordContext.purpose. */
  purpose?: "read" | "write";
  /** A native decoder for pushBytes (bytes are UTF-8-checked first); lib/aam's own decoder otherwise. */
  decoder?: Utf8Decoder;
  /**
   * Bounds the per-user table (see user-counter.ts): users past the budget are counted from the spill in
   * finish(), so their USER_LINE_LIMIT and ID_CASE_COLLISION issues come at the end, without the ID.
   */
  userSpill?: UserSpillOptions;
}

export interface FileStats {
  lines: number;
  records: number;
  users: number;
  signals: number;
  bytes: number;
  errors: number;
  warnings: number;
}

export interface FileValidationResult {
  issues: AamIssue[];
  stats: FileStats;
  countsByCode: Partial<Record<AamIssueCode, number>>;
  /** The highest severity met per code, including issues past maxIssues (not in `issues`). */
  severityByCode: Partial<Record<AamIssueCode, Severity>>;
  /** True when more issues were found than maxIssues allowed to keep. */
  truncated: boolean;
  /**
   * Records pushRecord() accepted (and the caller wrote) that finish() then found in error: lines of users
   * past the user table's budget, judged from the spill. 0 without a spill.
   */
  lateErrors: number;
}

export interface FileValidator {
  /** One line without its LF (a trailing CR is accepted). `terminated` = an LF followed it (default true). */
  push(line: string, terminated?: boolean): void;
  /** Arbitrary text chunks of the file. */
  pushText(text: string): void;
  /** Arbitrary byte chunks of the file (UTF-8 is checked, with line numbers). */
  pushBytes(chunk: Uint8Array): void;
  /**
   * A record built elsewhere (e.g. from a CRM row) that is about to be written; `sourceLine` is the line of
   * the user's input to report. Returns false when the record has an error and must not be written.
   * `willWrite`: false when the caller drops the record for its own reasons (so it is no late error).
   */
  pushRecord(record: AamRecord, sourceLine?: number, willWrite?: boolean): boolean;
  /** An issue the caller found in the same input (e.g. a malformed CSV row), counted and capped with the rest. */
  addIssue(issue: AamIssue): void;
  finish(): FileValidationResult;
  readonly countsByCode: Readonly<Partial<Record<AamIssueCode, number>>>;
  /** Lines (or records) seen so far, for progress reports. */
  readonly lines: number;
}

export function createFileValidator(options: FileValidatorOptions): FileValidator {
  const maxIssues = options.maxIssues ?? 1000;
  const ctx: RecordContext = { idType: options.idType, mode: options.mode, purpose: options.purpose ?? "read" };
  const users = createUserCounter({ foldCase: options.idType === "dpuuid", ...(options.userSpill ? { spill: options.userSpill } : {}) });
  const counts: Partial<Record<AamIssueCode, number>> = {};
  const severities: Partial<Record<AamIssueCode, Severity>> = {};
  const kept: AamIssue[] = [];
  const stats: FileStats = { lines: 0, records: 0, users: 0, signals: 0, bytes: 0, errors: 0, warnings: 0 };
  const scratch: AamIssue[] = [];
  let blankLines = 0;
  let deviceLikeIds = 0;
  let firstDeviceLikeLine = 0;
  let lineErrors = 0;
  let lateErrors = 0;
  let measureBytes = true; // false when pushBytes counts bytes itself
  let text: ReturnType<typeof createTextLineSplitter> | null = null;
  let bytes: ReturnType<typeof createByteLineSplitter> | null = null;

  function record(issue: AamIssue): void {
    counts[issue.code] = (counts[issue.code] ?? 0) + 1;
    const was = severities[issue.code];
    if (was === undefined || RANK[issue.severity] > RANK[was]) severities[issue.code] = issue.severity;
    if (issue.severity === "error") {
      stats.errors++;
      lineErrors++;
    } else if (issue.severity === "warning") stats.warnings++;
    if (kept.length < maxIssues) {
      // Copy strings: they can be slices of a large input chunk that must not stay in memory.
      const copy = { ...issue, message: detach(issue.message) };
      if (issue.value !== undefined) copy.value = detach(issue.value);
      kept.push(copy);
    }
  }

  function flushScratch(): void {
    if (scratch.length === 0) return;
    for (let i = 0; i < scratch.length; i++) record(scratch[i]!);
    scratch.length = 0;
  }

  /** Rules that need the whole file's history: lines per user, case variants, ID types. */
  function trackUser(r: AamRecord, line: number, accepted: boolean): void {
    const n = users.add(r.id, line, accepted);
    if (n > MAX_LINES_PER_USER) {
      scratch.push(
        makeIssue("USER_LINE_LIMIT", "error", `User "${clip(r.id)}" has more than ${MAX_LINES_PER_USER} lines in this file; AAM discards every line after the ${MAX_LINES_PER_USER}th. Merge the user's signals into fewer lines.`, {
          line,
          value: r.id,
        }),
      );
    }
    if (users.caseCollision) {
      scratch.push(
        makeIssue("ID_CASE_COLLISION", "warning", `User ID "${clip(r.id)}" differs only in letter case from an ID earlier in the file. Customer IDs are case-sensitive, so these are two users; check that the ID sync used the same spelling.`, {
          line,
          value: r.id,
        }),
      );
    }
    if (options.idType === "dpuuid" && r.id.length === 36 && looksLikeDeviceId(r.id)) {
      if (deviceLikeIds++ === 0) firstDeviceLikeLine = line;
    }
  }

  /** Lines of users past the table's budget, judged now; a writer has written them already. */
  function settleSpill(): void {
    const written = " The file has more users than this check holds in memory, so the line was judged only at the end of the file, after it had been passed on for writing.";
    users.settle(MAX_LINES_PER_USER, {
      overLimit: ({ line, firstLine, accepted }) => {
        if (accepted) lateErrors++;
        record(
          makeIssue("USER_LINE_LIMIT", "error", `The user ID on this line (first on line ${firstLine}) has more than ${MAX_LINES_PER_USER} lines in this file; AAM discards every line after the ${MAX_LINES_PER_USER}th. Merge the user's signals into fewer lines.${accepted ? written : ""}`, { line }),
        );
      },
      caseCollision: ({ line, firstLine }) =>
        record(
          makeIssue("ID_CASE_COLLISION", "warning", `The user ID on this line differs only in letter case from the ID on line ${firstLine}. Customer IDs are case-sensitive, so these are two users; check that the ID sync used the same spelling.`, { line }),
        ),
    });
  }

  function onLine(raw: string, terminated: boolean, dropped: number): void {
    const lineNo = ++stats.lines;
    lineErrors = 0;
    const bom = lineNo === 1 && raw.charCodeAt(0) === 0xfeff;
    if (bom) {
      scratch.push(
        makeIssue("FILE_ENCODING", "warning", "The file starts with a byte order mark (BOM); AAM's handling of it is undocumented and it may become part of the first user ID. Save as UTF-8 without BOM.", { line: 1 }),
      );
      raw = raw.slice(1);
    }
    const terminator = terminated ? 1 : 0;
    if (measureBytes) stats.bytes += utf8ByteLength(raw) + dropped + terminator + (bom ? 3 : 0);
    if (dropped > 0) {
      scratch.push(
        makeIssue("LINE_TOO_LONG", "error", `The line is longer than ${MAX_LINE_BYTES} bytes; AAM drops such lines. Split the user's signals over several lines.`, { line: lineNo }),
      );
    } else if (raw.length * 3 + terminator > MAX_LINE_BYTES) {
      // Only lines that could be over the limit are measured exactly (a UTF-16 unit is at most 3 bytes).
      const n = utf8ByteLength(raw) + terminator;
      if (n > MAX_LINE_BYTES) scratch.push(lineTooLong(n, lineNo));
    }
    if (dropped === 0) {
      const r = parseLineInto(raw, lineNo, scratch);
      if (r) {
        stats.records++;
        stats.signals += r.signals.length;
        ctx.line = lineNo;
        validateRecordInto(r, ctx, scratch, false);
        trackUser(r, lineNo, false);
      } else if (raw.length === 0 || raw.trim().length === 0) blankLines++;
    }
    flushScratch();
  }

  function ensureText(): ReturnType<typeof createTextLineSplitter> {
    if (bytes) throw new Error("pushText cannot be mixed with pushBytes");
    return (text ??= createTextLineSplitter(onLine));
  }

  return {
    get countsByCode() {
      return counts;
    },
    get lines() {
      return stats.lines;
    },
    push(line, terminated = true) {
      if (text || bytes) throw new Error("push cannot be mixed with pushText/pushBytes");
      onLine(line, terminated, 0);
    },
    pushText(chunk) {
      ensureText().push(chunk);
    },
    pushBytes(chunk) {
      if (text) throw new Error("pushBytes cannot be mixed with pushText");
      measureBytes = false;
      stats.bytes += chunk.length;
      bytes ??= createByteLineSplitter(onLine, (line) => {
        record(
          makeIssue("FILE_ENCODING", "error", `Line ${line} is not valid UTF-8; AAM accepts ASCII or UTF-8 only. Re-save the file as UTF-8 (or fix the bytes on that line).`, { line }),
        );
      }, options.decoder);
      bytes.push(chunk);
    },
    pushRecord(r, sourceLine, willWrite = true) {
      const lineNo = ++stats.lines;
      const at = sourceLine ?? lineNo;
      lineErrors = 0;
      stats.records++;
      stats.signals += r.signals.length;
      const n = recordBytes(r) + 1;
      stats.bytes += n;
      ctx.line = at;
      ctx.lineBytes = n;
      validateRecordInto(r, ctx, scratch, true);
      ctx.lineBytes = undefined;
      trackUser(r, at, willWrite && !scratch.some((i) => i.severity === "error"));
      flushScratch();
      return lineErrors === 0;
    },
    addIssue(issue) {
      record(issue);
    },
    finish() {
      text?.end();
      bytes?.end();
      if (stats.lines === blankLines) {
        record(
          makeIssue("FILE_EMPTY", "error", stats.lines === 0 ? "The file is empty; AAM marks empty files invalid and does not process them." : "The file has only blank lines; AAM marks empty files invalid.", {}),
        );
      }
      if (deviceLikeIds > 0) {
        record(
          makeIssue(
            "ID_MIXED_TYPES",
            "warning",
            `${deviceLikeIds} user ID(s) look like device advertising IDs (first on line ${firstDeviceLikeLine}), but this file's DPID holds customer IDs; all IDs in one file must be of one type. Send device IDs in a file named for their global data source (e.g. ftp_dpm_20914_<target>_...) or check the ID column.`,
            { line: firstDeviceLikeLine },
          ),
        );
      }
      settleSpill();
      stats.users = users.users;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      return { issues: kept, stats: { ...stats }, countsByCode: { ...counts }, severityByCode: { ...severities }, truncated: total > kept.length, lateErrors };
    },
  };
}

function clip(s: string): string {
  return s.length > 100 ? s.slice(0, 100) + "…" : s;
}

/** A flat copy of `s`: concatenating forces V8 to copy, so the result no longer references a parent string. */
function detach(s: string): string {
  return (" " + s).slice(1);
}
