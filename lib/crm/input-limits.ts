// Bounds on the shape of one row, so a hostile or broken file is refused with a message naming where,
// instead of growing one row, one value or one array until the tab or the worker runs out of memory. The
// numbers are far above any real CRM export and chosen against AAM's own limits (spec §2.4).
import { ImportRefusedError } from "./byte-input";

export interface InputLimits {
  /** Characters in one row (a CSV record, newlines inside quotes included; an XLSX row's cell text). */
  maxRowChars: number;
  /** Characters in one value. */
  maxFieldChars: number;
  /** Columns in one row (the header included). */
  maxColumns: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  // 1 MiB: ten times AAM's 102,400-byte line limit; a 10 MB "line" is a binary file or an open quote.
  maxRowChars: 1024 * 1024,
  // 256 KiB: above AAM's whole-line limit (no longer value could be sent) and Excel's 32,767-character cell.
  maxFieldChars: 256 * 1024,
  // The mapping schema (lib/validation/submission.ts) takes its column maximum from here: a wider file
  // could never be submitted; refusing it early also bounds the per-row arrays.
  maxColumns: 2000,
};

export function inputLimits(partial?: Partial<InputLimits>): InputLimits {
  return partial ? { ...DEFAULT_INPUT_LIMITS, ...partial } : DEFAULT_INPUT_LIMITS;
}

/** 1048576 -> "1,048,576" without Intl (not in the pure core's type environment). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Where a refused row is: a line of delimited text, or a row of a named workbook sheet. */
export interface RowPlace {
  line: number;
  sheet?: string;
}

// "Line 3" for delimited text, "Row 3 of sheet "Data"" for a workbook: the words the user's program uses.
function where(at: RowPlace): string {
  return at.sheet === undefined ? `Line ${at.line}` : `Row ${at.line} of sheet "${at.sheet}"`;
}

export function rowTooLong(
  at: RowPlace,
  limit: number,
  openQuote?: { line: number; column: number },
  hint = "The file may not be delimited text, or it uses a line break this reader does not know.",
): ImportRefusedError {
  const why = openQuote ? `The quote opened at line ${openQuote.line}, column ${openQuote.column} is probably never closed.` : hint;
  return new ImportRefusedError(`${where(at)} is longer than ${formatCount(limit)} characters, the most one row may hold. ${why} Nothing was imported.`, {
    line: at.line,
  });
}

export function fieldTooLong(at: RowPlace, column: number, limit: number): ImportRefusedError {
  return new ImportRefusedError(
    `${where(at)}, column ${column} holds a value longer than ${formatCount(limit)} characters, the most one value may hold (AAM lines are at most 102,400 bytes). Nothing was imported.`,
    { line: at.line, column },
  );
}

export function tooManyColumns(at: RowPlace, limit: number, hint = "Check that the delimiter is right, or remove unused columns."): ImportRefusedError {
  return new ImportRefusedError(`${where(at)} has more than ${formatCount(limit)} columns, the most a file may have. ${hint} Nothing was imported.`, { line: at.line });
}

/**
 * Text files never contain NUL: detect-encoding already reads a file whose every second byte is 0x00 as
 * UTF-16, so a NUL left in decoded text means a binary file (or UTF-16 the evidence did not show).
 */
export function nulCharacter(at: RowPlace, column: number): ImportRefusedError {
  return new ImportRefusedError(
    `${where(at)}, column ${column} contains a NUL character (byte 0x00), which text files never do: this looks like a binary file or UTF-16 text without a byte-order mark. Save the data as "CSV UTF-8" and upload it again. Nothing was imported.`,
    { line: at.line, column },
  );
}
