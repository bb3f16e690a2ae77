// convert's column options -> lib/crm's ImportMapping, resolved against the header the import found. It runs
// inside runImport on the first batch (the header and the first few hundred rows), which is also where the
// separator of multi-valued trait cells is chosen from real values.
import type { ParsedRow } from "../crm/csv-parser";
import type { ColumnRole } from "../crm/mapping";
import type { FirstLook, ImportMapping } from "../crm/run-import";
import type { TextEncodingName } from "../crm/decode";
import { DELIMITERS, type Delimiter } from "../crm/sniff";
import { intOption, stringOption, UsageError, type ParsedArgs } from "./args";

export type ReadChoices = Pick<ImportMapping, "encoding" | "delimiter" | "sheet">;

const ENCODINGS: readonly TextEncodingName[] = ["utf-8", "utf-16le", "utf-16be", "windows-1252"];
/** Names a shell can pass without quoting, beside the characters themselves. */
const DELIMITER_NAMES: Record<string, Delimiter> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|", "\\t": "\t" };

/** `--encoding`, `--delimiter` and `--sheet N` (1-based, as Excel shows sheets): the dashboard's "read as" choices. */
export function readChoices(args: ParsedArgs): ReadChoices {
  const out: ReadChoices = {};
  const encoding = stringOption(args, "encoding")?.toLowerCase();
  if (encoding !== undefined) {
    const name = encoding === "utf8" ? "utf-8" : encoding === "cp1252" || encoding === "latin1" ? "windows-1252" : encoding;
    if (!ENCODINGS.includes(name as TextEncodingName)) throw new UsageError(`--encoding must be one of ${ENCODINGS.join(", ")}, not "${encoding}"`);
    out.encoding = name as TextEncodingName;
  }
  const delimiter = stringOption(args, "delimiter");
  if (delimiter !== undefined) {
    const d = DELIMITER_NAMES[delimiter.toLowerCase()] ?? delimiter;
    if (!DELIMITERS.includes(d as Delimiter)) throw new UsageError(`--delimiter must be one of comma, semicolon, tab, pipe (or the character itself), not "${delimiter}"`);
    out.delimiter = d as Delimiter;
  }
  const sheet = intOption(args, "sheet", { min: 1 });
  if (sheet !== undefined) out.sheet = sheet - 1;
  return out;
}

export interface ColumnOptions {
  idColumn: string;
  /** `--kv COLUMN[=KEY]`; the key is used exactly as given (validation reports a key AAM would refuse). */
  kv: ReadonlyArray<{ column: string; key: string }>;
  traitColumns: readonly string[];
  /** `--split SEP`: one separator for every trait column instead of one chosen per column from its values. */
  split?: string;
}

/**
 * Separators tried for a trait column, in this order: the first found in the column's sample values is used.
 * ";" and "|" are never part of a trait ID, "," is the file's own delimiter in most exports (so usually only
 * inside quotes), and a space comes last because a value may merely be padded with one.
 */
export const SPLIT_CANDIDATES: readonly string[] = [";", "|", ",", " "];

/** Exact name first, then trimmed and case-insensitive, so `--id-column customer_id` finds "Customer_ID ". */
export function columnIndex(header: readonly string[], name: string, option: string): number {
  let i = header.indexOf(name);
  if (i < 0) i = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (i < 0) throw new UsageError(`--${option} "${name}" is not a column of the input; its columns are: ${header.map((h) => JSON.stringify(h)).join(", ")}`);
  return i;
}

export function sampleSeparator(rows: readonly ParsedRow[], column: number): string | undefined {
  return SPLIT_CANDIDATES.find((sep) => rows.some((r) => (r.fields[column] ?? "").includes(sep)));
}

export function buildMapping(options: ColumnOptions, first: FirstLook): ImportMapping {
  // No header means an empty input: the import reports it (HEADER_MISSING, FILE_EMPTY), there is nothing to map.
  if (!first.info.header) return { columns: [] };
  const { header, rows } = first;
  const columns: ColumnRole[] = header.map(() => ({ role: "ignore" }));
  // lib/crm's mapping gives each column one role, so a column named by two options is a usage error.
  const usedBy = new Map<number, string>();
  const assign = (name: string, option: string, role: ColumnRole): number => {
    const i = columnIndex(header, name, option);
    const other = usedBy.get(i);
    if (other !== undefined) throw new UsageError(`--${option} "${name}": column "${header[i]}" is already used by ${other}; a column can have only one role`);
    usedBy.set(i, `--${option} "${name}"`);
    columns[i] = role;
    return i;
  };
  assign(options.idColumn, "id-column", { role: "id" });
  for (const { column, key } of options.kv) assign(column, "kv", { role: "kv", key });
  const splitMultiValues: Record<number, string> = {};
  for (const name of options.traitColumns) {
    const i = assign(name, "trait-id-column", { role: "traitId" });
    const sep = options.split ?? sampleSeparator(rows, i);
    if (sep !== undefined) splitMultiValues[i] = sep;
  }
  return Object.keys(splitMultiValues).length > 0 ? { columns, splitMultiValues } : { columns };
}
