// Header clean-up and row-shape checks. Mapping, templates and the grid address columns by header name,
// so names must be unique and non-empty; every rename is reported so the user is never surprised.
import type { Issue } from "../aam/issues";
import type { ParsedRow } from "./csv-parser";
import type { CrmIssueCode } from "./issue-codes";

export interface TableHeader {
  names: string[];
  issues: Issue<CrmIssueCode>[];
}

export function readHeader(row: ParsedRow): TableHeader {
  const issues: Issue<CrmIssueCode>[] = [];
  const trimmed = row.fields.map((f) => f.trim());
  // Names taken so far, case-insensitively: "Email" and "email" would be confusing as two columns.
  const taken = new Set<string>();
  const names: string[] = [];
  // Reserve the original names first so a generated "email (2)" never steals a real column's name.
  const originals = new Set(trimmed.filter((t) => t !== "").map((t) => t.toLowerCase()));
  const seen = new Map<string, number>();
  trimmed.forEach((name, index) => {
    const column = index + 1;
    if (name === "") {
      let generated = `column ${column}`;
      for (let k = 2; taken.has(generated.toLowerCase()) || originals.has(generated.toLowerCase()); k++)
        generated = `column ${column} (${k})`;
      issues.push({
        code: "HEADER_EMPTY",
        severity: "warning",
        message: `Column ${column} has no header name; it is called "${generated}".`,
        line: row.line,
        column,
      });
      taken.add(generated.toLowerCase());
      names.push(generated);
      return;
    }
    const key = name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count === 1 && !taken.has(key)) {
      taken.add(key);
      names.push(name);
      return;
    }
    let k = Math.max(count, 2);
    let generated = `${name} (${k})`;
    while (taken.has(generated.toLowerCase()) || originals.has(generated.toLowerCase())) generated = `${name} (${++k})`;
    issues.push({
      code: "HEADER_DUPLICATE",
      severity: "warning",
      message: `The header "${name}" appears more than once; column ${column} is called "${generated}".`,
      line: row.line,
      column,
      value: row.fields[index],
    });
    taken.add(generated.toLowerCase());
    names.push(generated);
  });
  return { names, issues };
}

/**
 * Rows with too few fields are usually exports that drop trailing empty values (a warning: they are
 * padded). Rows with too many usually mean a stray delimiter or broken quoting, and the values beyond
 * the header would be lost (an error).
 */
export function checkRagged(row: ParsedRow, width: number): Issue<CrmIssueCode> | null {
  const got = row.fields.length;
  if (got === width) return null;
  const fewer = got < width;
  return {
    code: "CSV_RAGGED_ROW",
    severity: fewer ? "warning" : "error",
    message: fewer
      ? `Line ${row.line} has ${got} field${got === 1 ? "" : "s"}, the header has ${width}; the missing values are treated as empty.`
      : `Line ${row.line} has ${got} fields, the header has ${width}; check for an unquoted delimiter in the values.`,
    line: row.line,
    column: fewer ? got + 1 : width + 1,
  };
}

/** Pads (or cuts) a row to the header width so mapping can index columns safely. */
export function fitRow(fields: string[], width: number): string[] {
  if (fields.length === width) return fields;
  if (fields.length > width) return fields.slice(0, width);
  const out = fields.slice();
  while (out.length < width) out.push("");
  return out;
}
