// What convert reports from lib/crm's import: its summary as the CLI's issues and counts, and the inputs it
// refuses (a refusal, a damaged .gz, a broken encoding or quote) as one error issue that ends the run.
import { makeIssue, type AamIssue, type Issue } from "../aam/issues";
import { ImportRefusedError } from "../crm/byte-input";
import type { ConversionSummary } from "../crm/conversion";

export interface ConvertReport {
  issues: Issue[];
  countsByCode: Record<string, number>;
  errors: number;
  warnings: number;
  /** More issues were found than --max-issues kept. */
  truncated: boolean;
}

/**
 * File-level errors after which the rows read cannot be trusted as a whole: with an unclosed quote the rest of
 * the file became one value (those rows are lost, not reported one by one); with invalid text every "�"
 * would reach AAM as a wrong value. Nothing is written then, as for a refused input.
 */
const STOP_CODES: readonly string[] = ["CSV_UNCLOSED_QUOTE", "ENCODING_INVALID"];

export function stopsConversion(report: ConvertReport): boolean {
  return STOP_CODES.some((code) => (report.countsByCode[code] ?? 0) > 0);
}

const ENCODING_CODES: ReadonlySet<string> = new Set(["ENCODING_INVALID", "ENCODING_GUESSED"]);

const EMPTY_ROW_MESSAGE = "The row has no trait IDs or values in the mapped columns; it was left out.";

/**
 * lib/crm counts a row that maps to no signal as an error: the dashboard offers "drop these rows" for it.
 * The CLI has no such step, and CRM exports routinely list customers in no segment, so it leaves those rows
 * out with a warning (as it always has) instead of failing the run. With convert's mappings SIGNAL_EMPTY
 * means only that: an empty cell gives no signal, so no key-value pair can be empty.
 */
export function convertReport(summary: ConversionSummary): ConvertReport {
  const countsByCode: Record<string, number> = {};
  let total = 0;
  for (const [code, { count }] of Object.entries(summary.countsByCode)) {
    countsByCode[code] = count;
    total += count;
  }
  const empty = summary.countsByCode.SIGNAL_EMPTY;
  const softened = empty && empty.severity === "error" ? empty.count : 0;
  const issues = summary.issues.map((i) => {
    if (i.code === "SIGNAL_EMPTY" && i.severity === "error") return { ...i, severity: "warning" as const, message: EMPTY_ROW_MESSAGE };
    // lib/crm speaks of the dashboard's encoding choice; here the choice is an option.
    if (ENCODING_CODES.has(i.code)) return { ...i, message: `${i.message} (convert: --encoding utf-8, utf-16le, utf-16be or windows-1252.)` };
    return i;
  });
  return {
    issues,
    countsByCode,
    errors: summary.errors - softened,
    warnings: summary.warnings + softened,
    truncated: total > summary.issues.length,
  };
}

/** An input problem that ends the conversion as a reported error (exit 1), or null for an I/O failure (exit 2). */
export function refusalIssue(e: unknown): AamIssue | null {
  if (e instanceof ImportRefusedError) {
    // A refusal about one row (too long, too wide, a NUL) points at it; the others concern the whole container.
    if (e.at) return makeIssue("LINE_FORMAT", "error", e.message, { line: e.at.line, column: e.at.column });
    return makeIssue("FILE_COMPRESSION", "error", e.message, {});
  }
  // node:zlib's data errors: a damaged .gz, or damaged DEFLATE data inside an .xlsx.
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^Z_(DATA|BUF)_ERROR$/.test(code)) {
    return makeIssue("FILE_COMPRESSION", "error", `The file is damaged: its compressed data cannot be unpacked (${(e as Error).message}). Export it again. Nothing was written.`, {});
  }
  return null;
}
