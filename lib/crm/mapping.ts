// Column roles -> AAM records. A Mapping is plain data (saved as a template, sent to the server with the
// original file), and rowToRecord is the one place that turns a row into signals, so the worker
// preview and the server's re-run cannot disagree.
import type { Issue } from "../aam/issues";
import type { AamRecord, Signal } from "./aam-types";
import type { CrmIssueCode } from "./issue-codes";
import { flagValue, isEmailLike, isPhoneLike, isValidKey } from "./normalise";

export { normaliseEmail, normalisePhone, sanitiseKey } from "./normalise";
export { suggestMapping } from "./suggest-mapping";

export type ColumnRole =
  | { role: "id" }
  /** Key defaults from the header (sanitised to [A-Za-z0-9_-]) and is editable. */
  | { role: "kv"; key: string }
  /** The value is a trait ID: d_sid=<value>. */
  | { role: "traitId" }
  /** The value is a trait ID to remove: d_unsid=<value>. */
  | { role: "removeTraitId" }
  /** Integration code: ic=<value>, or the bare value when `bare` is set. */
  | { role: "ic"; bare?: boolean }
  /** A yes/no column for one trait (e.g. "newsletter: Y/N"): yes -> d_sid, no -> d_unsid. */
  | { role: "traitFlag"; traitId: string }
  | { role: "ignore" };

export type RoleName = ColumnRole["role"];

export interface Mapping {
  /** One role per header column, in header order (0-based). */
  columns: ColumnRole[];
  /** Per column (0-based): raw value -> replacement; null drops the value ("N" -> no signal). */
  valueMaps?: Record<number, Record<string, string | null>>;
  /** Per column (0-based): separator of multi-valued cells ("123|456" -> two signals). */
  splitMultiValues?: Record<number, string>;
}

export const SIGNAL_ROLES: ReadonlySet<RoleName> = new Set(["kv", "traitId", "removeTraitId", "ic", "traitFlag"]);

function mapValue(mapping: Mapping, column: number, value: string): string | null {
  const map = mapping.valueMaps?.[column];
  if (!map) return value;
  if (Object.hasOwn(map, value)) return map[value] ?? null;
  const trimmed = value.trim();
  if (Object.hasOwn(map, trimmed)) return map[trimmed] ?? null;
  return value;
}

export function toSignal(role: ColumnRole, value: string): Signal | null {
  switch (role.role) {
    case "kv":
      return { kind: "kv", key: role.key, value };
    case "traitId":
      return { kind: "sid", traitId: value };
    case "removeTraitId":
      return { kind: "unsid", traitId: value };
    case "ic":
      return role.bare ? { kind: "ic", code: value, bare: true } : { kind: "ic", code: value };
    case "traitFlag": {
      const flag = flagValue(value);
      if (flag === null) return null;
      return flag ? { kind: "sid", traitId: role.traitId } : { kind: "unsid", traitId: role.traitId };
    }
    default:
      return null;
  }
}

/**
 * One row -> one AAM record. Empty values produce no signal. An empty ID still yields a record
 * (id "") so validation reports ID_EMPTY on the right line instead of the row vanishing. Returns null
 * only when the mapping has no ID column (checkMapping reports that once, not per row).
 */
export function rowToRecord(fields: string[], mapping: Mapping): AamRecord | null {
  const cols = mapping.columns;
  const idColumn = cols.findIndex((c) => c.role === "id");
  if (idColumn < 0) return null;
  const signals: Signal[] = [];
  for (let c = 0; c < cols.length; c++) {
    const role = cols[c]!;
    if (!SIGNAL_ROLES.has(role.role)) continue;
    const raw = fields[c] ?? "";
    if (raw === "") continue;
    const sep = mapping.splitMultiValues?.[c];
    // Split pieces are trimmed ("123 | 456"); whole cells are kept as typed so validation sees them.
    const pieces = sep ? raw.split(sep).map((p) => p.trim()) : [raw];
    for (const piece of pieces) {
      const value = mapValue(mapping, c, piece);
      if (value === null || value.trim() === "") continue;
      const signal = toSignal(role, value);
      if (signal) signals.push(signal);
    }
  }
  return { id: fields[idColumn] ?? "", signals };
}

/** Structural checks of a mapping against a header (and, optionally, sample rows for PII IDs). */
export function checkMapping(mapping: Mapping, header: string[], sampleRows: string[][] = []): Issue<CrmIssueCode>[] {
  const issues: Issue<CrmIssueCode>[] = [];
  const cols = mapping.columns;
  if (cols.length !== header.length) {
    issues.push({
      code: "MAPPING_WIDTH",
      severity: "error",
      message: `The mapping has ${cols.length} column roles but the file has ${header.length} columns.`,
    });
  }
  const ids = cols.flatMap((c, i) => (c.role === "id" ? [i] : []));
  if (ids.length === 0)
    issues.push({ code: "MAPPING_NO_ID", severity: "error", message: "Choose the column that holds the user ID." });
  if (ids.length > 1) {
    const names = ids.map((i) => `"${header[i] ?? `column ${i + 1}`}"`).join(", ");
    issues.push({
      code: "MAPPING_MULTIPLE_ID",
      severity: "error",
      message: `Only one column can be the user ID; ${names} are all marked as ID.`,
      column: ids[1]! + 1,
    });
  }
  for (const i of ids) {
    const name = header[i] ?? "";
    const values = sampleRows.map((r) => r[i] ?? "").filter((v) => v.trim() !== "");
    const share = (test: (v: string) => boolean): number =>
      values.length ? values.filter(test).length / values.length : 0;
    const email = /e-?mail/i.test(name) || share(isEmailLike) >= 0.5;
    const phone = /phone|mobile|handy|msisdn/i.test(name) || share(isPhoneLike) >= 0.5;
    if (email || phone) {
      issues.push({
        code: "MAPPING_PII_ID",
        severity: "error",
        message: `"${name}" holds ${email ? "e-mail addresses" : "phone numbers"}, which AAM forbids as IDs. Hash the column (SHA-256) or choose a customer ID.`,
        column: i + 1,
      });
    }
  }
  cols.forEach((c, i) => {
    if (c.role === "kv" && !isValidKey(c.key)) {
      issues.push({
        code: "MAPPING_KEY_INVALID",
        severity: "error",
        message: `The key "${c.key}" for "${header[i] ?? ""}" must use only letters, digits, "_" and "-", not be digits only, and not start with "-".`,
        column: i + 1,
        value: c.key,
      });
    }
    if (c.role === "traitFlag" && !/^\d+$/.test(c.traitId)) {
      issues.push({
        code: "MAPPING_TRAIT_ID_INVALID",
        severity: "error",
        message: `The trait ID "${c.traitId}" for "${header[i] ?? ""}" must be a number.`,
        column: i + 1,
        value: c.traitId,
      });
    }
  });
  if (!cols.some((c) => SIGNAL_ROLES.has(c.role))) {
    issues.push({
      code: "MAPPING_NO_SIGNALS",
      severity: "warning",
      message: "No column is mapped to a trait or key-value pair, so every line would carry only an ID.",
    });
  }
  const refs = [...Object.keys(mapping.valueMaps ?? {}), ...Object.keys(mapping.splitMultiValues ?? {})];
  for (const key of refs) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= cols.length) {
      issues.push({
        code: "MAPPING_VALUE_MAP_COLUMN",
        severity: "error",
        message: `A value map or split setting refers to column ${key}, which the mapping does not have.`,
      });
    }
  }
  return issues;
}
