// Fixes grouped by root cause: each issue code found (per column) gets a sentence on why it happens and
// the deterministic recipes that remove it, as patch lists the undo stack applies as one step. AI-style
// "transform this column" tools neither group by cause nor undo per step (research idea 8); this does both.
import type { IdType } from "../aam/id-rules";
import type { Severity } from "../aam/issues";
import type { Mapping } from "./mapping";
import type { Patch, Recipe } from "./patches";

export interface IssueTally {
  code: string;
  severity: Severity;
  /** 1-based column, or null for issues about the whole row. */
  column: number | null;
  count: number;
  /** One offending value, to choose between recipes (e-mail or phone, spaces or not). */
  sample?: string;
}

export interface FixAction {
  id: string;
  label: string;
  /** The steps in words, shown with the before/after preview. */
  explain: string;
  patches: Patch[];
}

export interface FixGroup {
  key: string;
  code: string;
  severity: Severity;
  column: number | null;
  columnName: string;
  count: number;
  cause: string;
  actions: FixAction[];
}

/** Codes decided by the whole file or the header: rows cannot be dropped for them one by one. */
const NOT_PER_ROW = new Set(["USER_LINE_LIMIT", "ID_CASE_COLLISION", "ID_MIXED_TYPES", "FILE_EMPTY", "HEADER_EMPTY", "HEADER_DUPLICATE", "HEADER_MISSING", "ENCODING_GUESSED", "ENCODING_INVALID", "CSV_UNCLOSED_QUOTE"]);

const CAUSES: Record<string, string> = {
  ID_PII: "The user ID holds personal data (an e-mail address or phone number); AAM's contract forbids it. Send a one-way hash instead.",
  VALUE_PII: "A trait value holds an e-mail address or phone number; AAM must not receive personal data.",
  VALUE_UNREPRESENTABLE: "Values contain a comma, double quote, TAB or line break; AAM's file format has no way to escape them.",
  ID_FORBIDDEN_CHAR: "User IDs contain characters AAM forbids or warns about (\":\", spaces, %).",
  ID_INVALID_DEVICE: "Device IDs are not in the exact form AAM checks (36 characters, hex digits, in the right letter case).",
  ID_INVALID_UUID: "AAM UUIDs must be exactly 38 digits.",
  ID_EMPTY: "Rows without a user ID cannot be sent.",
  SIGNAL_EMPTY: "Rows with no trait after mapping would be lines with only an ID.",
  SIGNAL_INVALID_TRAIT_ID: "Trait IDs must be numbers; these cells hold something else (often spaces or text).",
  SIGNAL_INVALID_KEY: "Trait keys may use only letters, digits, \"_\" and \"-\"; rename the key in the mapping.",
  CSV_RAGGED_ROW: "Rows with a different number of fields than the header, usually an unquoted delimiter in a value.",
  CSV_QUOTE_TRAILING: "Text after a closing quote: the export's quoting is broken on these lines.",
  EXCEL_DAMAGED_NUMBER: "Excel already turned long numbers into \"1.23E+12\"; the digits are gone. Re-export the column formatted as Text, or drop the rows.",
  EXCEL_SERIAL_DATE: "Excel saved dates as serial day numbers (e.g. 45581).",
  LINE_TOO_LONG: "The AAM line would exceed 102,400 bytes; AAM drops such lines.",
  USER_LINE_LIMIT: "A user ID appears on more than 200 rows; AAM discards every line after the 200th.",
  ID_CASE_COLLISION: "IDs that differ only in letter case are two different users for AAM.",
  UNSID_IN_OVERWRITE: "Removals are ignored in overwrite files.",
  SIGNAL_MIXED_STYLES: "Lines mix trait IDs, integration codes and key-value pairs.",
  MAPPING_NO_ID: "No column is mapped as the user ID.",
};

const step = (column: number, ...recipes: Recipe[]): Patch[] => recipes.map((recipe) => ({ op: "recipe", recipe, column }));

function hashActions(column: number, sample: string | undefined): FixAction[] {
  const email = sample === undefined || sample.includes("@");
  const norm: Recipe = email ? "normaliseEmail" : "normalisePhone";
  return [
    {
      id: `hash-${column}`,
      label: email ? "Hash the e-mail addresses (SHA-256)" : "Hash the phone numbers (SHA-256)",
      explain: email
        ? "Trim spaces, lower-case, then SHA-256 as 64 lower-case hex digits (the rule ad platforms use for hashed e-mails)."
        : "Keep digits and a leading +, then SHA-256 as 64 lower-case hex digits.",
      patches: step(column, norm, "sha256"),
    },
  ];
}

export function fixesFor(tallies: readonly IssueTally[], ctx: { mapping: Mapping; header: readonly string[]; idType: IdType }): FixGroup[] {
  const groups: FixGroup[] = [];
  for (const t of tallies) {
    if (t.count === 0) continue;
    const col = t.column;
    const actions: FixAction[] = [];
    const spaced = t.sample !== undefined && t.sample !== t.sample.trim();
    if (col !== null) {
      if (t.code === "ID_PII" || t.code === "VALUE_PII") actions.push(...hashActions(col, t.sample));
      if (t.code === "VALUE_UNREPRESENTABLE") {
        actions.push({ id: `strip-${col}`, label: "Remove the characters AAM cannot carry", explain: 'Delete commas and double quotes; turn TABs and line breaks into spaces; trim.', patches: step(col, "stripUnrepresentable") });
      }
      if (t.code === "ID_INVALID_DEVICE") {
        const upper = ctx.idType === "idfa";
        actions.push({ id: `case-${col}`, label: upper ? "Upper-case the IDs" : "Lower-case the IDs", explain: upper ? "IDFAs are upper-case hex." : "These device IDs are lower-case hex.", patches: step(col, upper ? "upper" : "lower") });
      }
      if (spaced || t.code === "SIGNAL_INVALID_TRAIT_ID" || t.code === "ID_FORBIDDEN_CHAR") {
        actions.push({ id: `trim-${col}`, label: "Trim spaces", explain: "Remove spaces, tabs and line breaks at the start and end of every value in the column.", patches: step(col, "trim") });
      }
    }
    if (!NOT_PER_ROW.has(t.code)) {
      actions.push({
        id: `drop-${t.code}`,
        label: `Drop the ${t.count.toLocaleString("en-US")} row${t.count === 1 ? "" : "s"} with ${t.code}`,
        explain: "The rows stay in your file; they are left out of what is sent to AAM.",
        patches: [{ op: "dropRowsWithIssue", code: t.code }],
      });
    }
    groups.push({
      key: `${t.code}|${t.severity}|${col ?? ""}`,
      code: t.code,
      severity: t.severity,
      column: col,
      columnName: col === null ? "" : (ctx.header[col - 1] ?? `column ${col}`),
      count: t.count,
      cause: CAUSES[t.code] ?? "AAM would reject or warn about these lines.",
      actions,
    });
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return groups.sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count);
}

/** Column tools offered on any column, independent of issues. */
export const COLUMN_RECIPES: readonly { recipe: Recipe; label: string }[] = [
  { recipe: "trim", label: "Trim spaces" },
  { recipe: "lower", label: "Lower-case" },
  { recipe: "upper", label: "Upper-case" },
  { recipe: "normaliseEmail", label: "Normalise e-mail (trim, lower-case)" },
  { recipe: "normalisePhone", label: "Normalise phone (digits, leading +)" },
  { recipe: "sha256", label: "SHA-256 hash" },
  { recipe: "stripUnrepresentable", label: "Remove characters AAM cannot carry" },
];
