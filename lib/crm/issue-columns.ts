// AAM's record rules judge a record, not a spreadsheet, so most of their issues carry no column. The grid
// highlights cells and the fixes act on columns, so this puts each issue back on the column whose value
// produced it: ID rules on the ID column, signal rules on the column whose key or value they quote.
import type { Issue } from "../aam/issues";
import type { Mapping } from "./mapping";

/** Codes about the whole line: no single cell is at fault. */
const ROW_LEVEL = new Set(["LINE_TOO_LONG", "SIGNAL_MIXED_STYLES", "UNSID_IN_OVERWRITE", "MAPPING_NO_ID", "CSV_UNCLOSED_QUOTE"]);

function stripEllipsis(v: string): string {
  return v.endsWith("…") ? v.slice(0, -1) : v;
}

/** The 1-based column an issue belongs to, or null for issues about the whole row. */
export function issueColumn(issue: Issue, mapping: Mapping, fields: readonly string[]): number | null {
  if (issue.column !== undefined) return issue.column;
  if (ROW_LEVEL.has(issue.code)) return null;
  const cols = mapping.columns;
  if (issue.code.startsWith("ID_") || issue.code === "USER_LINE_LIMIT") {
    const id = cols.findIndex((c) => c.role === "id");
    return id < 0 ? null : id + 1;
  }
  const value = issue.value === undefined ? null : stripEllipsis(issue.value);
  if (value === null) return null;
  // A key problem names the key: the key-value column with that key.
  const byKey = cols.findIndex((c) => c.role === "kv" && c.key === value);
  if (byKey >= 0 && issue.code !== "VALUE_PII") return byKey + 1;
  for (let c = 0; c < cols.length; c++) {
    const role = cols[c]!.role;
    if (role === "id" || role === "ignore") continue;
    const cell = fields[c] ?? "";
    if (value !== "" && cell.includes(value)) return c + 1;
  }
  return byKey >= 0 ? byKey + 1 : null;
}

/** The same issues, each with its column filled in where one can be found. */
export function withColumns(issues: readonly Issue[], mapping: Mapping, fields: readonly string[]): Issue[] {
  return issues.map((i) => {
    if (i.column !== undefined) return i;
    const column = issueColumn(i, mapping, fields);
    return column === null ? i : { ...i, column };
  });
}
