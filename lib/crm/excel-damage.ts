// Values Excel already ruined before the file reached us: long IDs shown as "1.23E+12" (the digits are
// gone for good) and dates saved as serial day numbers. Importers typically pass these through
// silently (research theme 7); we flag them with the only real fix, re-exporting the column as text.
import type { Issue } from "../aam/issues";
import type { CrmIssueCode } from "./issue-codes";

export interface DamageHint {
  /** The column holds identifiers, phone numbers or codes: digits matter, never numbers. */
  idLike?: boolean;
  /** The column holds dates, so a 5-digit number is an Excel serial date. */
  dateLike?: boolean;
}

const ID_NAME = /(^|[^a-z])(id|ids|key|no|nr|num|number|code|tel|fax)([^a-z]|$)|uuid|guid|nummer|phone|mobile|zip|postal|postcode|plz|ean|upc|sku|gaid|idfa|ecid|iban/i;
const DATE_NAME = /date|datum|fecha|dob|birth|born|created|updated|modified|joined|signup|since|expir|(^|[^a-z])(day|at|on|time|timestamp)([^a-z]|$)/i;

/** Derives the hint from a header name ("Customer ID" is id-like, "signup_date" is date-like). */
export function damageHintFromHeader(name: string): DamageHint {
  const spaced = name.replace(/([a-z])([A-Z])/g, "$1 $2");
  return { idLike: ID_NAME.test(spaced), dateLike: DATE_NAME.test(spaced) };
}

// Excel's display form of a large number: one digit, optional decimals, E+exponent. The decimal
// separator may be a comma in European locales ("5,58199E+12").
const EXCEL_SCIENTIFIC = /^[+-]?\d([.,]\d+)?E\+\d{1,3}$/;
// Excel always writes one digit before the separator; "123456e78" is more likely a real (hex-like) ID.
const SCIENTIFIC = /^[+-]?\d([.,]\d+)?[eE][+-]?\d{1,3}$/;
const SERIAL = /^\d{5}(\.\d+)?$/;
// 1954-10-04 .. 2119-01-09: wide enough for birthdays and sign-ups, narrow enough to skip zip codes.
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;

/** Excel's 1900 date system: day 1 is 1900-01-01, and it counts a 29 Feb 1900 that never existed. */
export function excelSerialToIsoDate(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function detectExcelDamage(
  value: string,
  line: number,
  column: number,
  hint: DamageHint = {},
): Issue<CrmIssueCode> | null {
  const v = value.trim();
  if (v.length < 4) return null;
  // Plain "1e5" in a free-text column may be intentional; Excel's own "1.23E+12" form almost never is.
  // indexOf pre-checks keep the regexes off the million-row hot path.
  const hasE = v.indexOf("E") > 0 || v.indexOf("e") > 0;
  if (hasE && ((hint.idLike && SCIENTIFIC.test(v)) || EXCEL_SCIENTIFIC.test(v))) {
    return {
      code: "EXCEL_DAMAGED_NUMBER",
      severity: hint.idLike ? "error" : "warning",
      message:
        `"${v}" is how Excel shows a long number in scientific notation; the original digits are lost and ` +
        `cannot be recovered here. Re-export the file with this column formatted as Text.`,
      line,
      column,
      value,
    };
  }
  if (hint.dateLike && v.length >= 5 && SERIAL.test(v)) {
    const serial = Number(v);
    if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
      return {
        code: "EXCEL_SERIAL_DATE",
        severity: "warning",
        message: `"${v}" looks like an Excel serial date (${excelSerialToIsoDate(serial)}). Re-export with the column formatted as a date, or convert it.`,
        line,
        column,
        value,
      };
    }
  }
  return null;
}

/** Per-column hints for a header, computed once per file. */
export function damageHintsForHeader(names: readonly string[]): DamageHint[] {
  return names.map(damageHintFromHeader);
}

/**
 * Checks one row. Hinted columns get the full checks; every other cell only the cheap "E+" probe, since
 * Excel's scientific form is damage wherever it appears. Built for the million-row path: one indexOf per
 * unhinted cell, no regex unless something matches.
 */
export function scanRowForExcelDamage(fields: readonly string[], line: number, hints: readonly DamageHint[]): Issue<CrmIssueCode>[] | null {
  let out: Issue<CrmIssueCode>[] | null = null;
  for (let c = 0; c < fields.length; c++) {
    const v = fields[c]!;
    const hint = hints[c];
    const hinted = hint !== undefined && (hint.idLike === true || hint.dateLike === true);
    if (hinted ? v.length < 4 : v.indexOf("E+") < 0) continue;
    const issue = detectExcelDamage(v, line, c + 1, hint ?? {});
    if (issue) (out ??= []).push(issue);
  }
  return out;
}
