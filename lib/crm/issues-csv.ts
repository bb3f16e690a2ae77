// The issue list as CSV for people who fix data in Excel. Values come from the user's file, so a cell
// such as `=HYPERLINK(...)` would run as a formula when the CSV is opened: every cell that a spreadsheet
// would read as a formula is prefixed with an apostrophe (OWASP "CSV injection"), then quoted per RFC 4180.
import type { Issue } from "../aam/issues";

export const ISSUES_CSV_HEADER = ["line", "column", "column_name", "severity", "code", "message", "value"] as const;

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** Neutralises spreadsheet formulas, then quotes when needed. */
export function csvCell(value: string): string {
  let v = value;
  if (v.length > 0 && FORMULA_START.has(v[0]!)) v = "'" + v;
  return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

export function issuesCsvHeader(): string {
  // A BOM so Excel on Windows opens the UTF-8 file with the right characters; CRLF as Excel writes.
  return "\uFEFF" + ISSUES_CSV_HEADER.join(",") + "\r\n";
}

export function issueCsvLine(issue: Issue, header: readonly string[]): string {
  const name = issue.column !== undefined ? (header[issue.column - 1] ?? "") : "";
  return [
    issue.line === undefined ? "" : String(issue.line),
    issue.column === undefined ? "" : String(issue.column),
    csvCell(name),
    issue.severity,
    issue.code,
    csvCell(issue.message),
    csvCell(issue.value ?? ""),
  ].join(",") + "\r\n";
}

export function issuesToCsv(issues: readonly Issue[], header: readonly string[]): string {
  let out = issuesCsvHeader();
  for (const i of issues) out += issueCsvLine(i, header);
  return out;
}
