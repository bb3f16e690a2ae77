// One original row -> patched fields -> record -> issues, the single definition of "what a row becomes".
// The worker's counting pass, the grid's visible rows and the server's conversion all call run(), so the
// counts the user watched while fixing are the counts the server finds. Row-shape and Excel-damage
// checks run here, after the patches, so a fixed cell or a dropped row no longer counts as an issue.
import type { Issue } from "../aam/issues";
import type { IdType } from "../aam/id-rules";
import type { InboundMode } from "../aam/file-name";
import { formatRecord } from "../aam/record";
import type { AamIssue } from "../aam/issues";
import { validateRecordInto } from "../aam/record-rules";
import type { AamRecord } from "./aam-types";
import type { ParsedRow } from "./csv-parser";
import { compileMapping } from "./compiled-mapping";
import { detectExcelDamage, type DamageHint } from "./excel-damage";
import type { Mapping } from "./mapping";
import { applyPatches, type CompiledPatches } from "./patches";
import { checkRagged, fitRow } from "./table";

export interface RowPipelineOptions {
  mapping: Mapping;
  idType: IdType;
  mode: InboundMode;
  patches?: CompiledPatches;
  /** Header width; rows of another width are reported (CSV_RAGGED_ROW) and fitted to it. */
  width?: number;
  /** Per-column Excel-damage hints from the header; omit to skip the check. */
  damageHints?: readonly DamageHint[];
  /** Build the canonical AAM line (preview, server); the worker's counting pass does not need it. */
  format?: boolean;
}

export interface RowOutcome {
  line: number;
  /** Fields after patches, fitted to the header width; the original fields when the row is dropped. */
  fields: string[];
  dropped: boolean;
  /** Why it was dropped: a dropRow patch, or the issue code of a dropRowsWithIssue patch. */
  droppedBy?: string;
  record?: AamRecord;
  /** Canonical AAM line (no terminator), when formatting was asked for and the row has no error. */
  text?: string;
  /** Reader issues given for the row, then shape, Excel damage and AAM record rules (empty when dropped). */
  issues: Issue[];
  /** issues[recordIssuesFrom..] came from the AAM record rules (the file validator raises them again). */
  recordIssuesFrom: number;
  hasError: boolean;
}

export interface RowPipeline {
  run(row: ParsedRow, readerIssues?: readonly Issue[]): RowOutcome;
}

export function createRowPipeline(opts: RowPipelineOptions): RowPipeline {
  const ctx = { idType: opts.idType, mode: opts.mode, purpose: "write" as const, line: 0 };
  const patches = opts.patches;
  const build = compileMapping(opts.mapping);
  // Excel damage matters only where a value is sent: the ID and the signal columns, not ignored ones.
  const damage: { column: number; hint: DamageHint }[] = [];
  if (opts.damageHints) {
    opts.mapping.columns.forEach((c, column) => {
      if (c.role !== "ignore") damage.push({ column, hint: opts.damageHints![column] ?? {} });
    });
  }
  const dropCodes = patches && patches.dropIssueCodes.size > 0 ? patches.dropIssueCodes : null;
  return {
    run(row, readerIssues) {
      if (patches?.drops.has(row.line)) return { line: row.line, fields: row.fields, dropped: true, droppedBy: "dropRow", issues: [], recordIssuesFrom: 0, hasError: false };
      const issues: Issue[] = readerIssues ? readerIssues.slice() : [];
      let fields = row.fields;
      if (opts.width !== undefined && fields.length !== opts.width) {
        const ragged = checkRagged(row, opts.width);
        if (ragged) issues.push(ragged);
        fields = fitRow(fields, opts.width);
      }
      if (patches) fields = applyPatches(fields === row.fields ? row : { line: row.line, fields }, patches) ?? fields;
      for (let k = 0; k < damage.length; k++) {
        const { column, hint } = damage[k]!;
        const v = fields[column] ?? "";
        // Unhinted columns: only Excel's "E+" form is damage wherever it appears (cheap pre-check).
        if (v.length < 4 || (!hint.idLike && !hint.dateLike && v.indexOf("E+") < 0)) continue;
        const found = detectExcelDamage(v, row.line, column + 1, hint);
        if (found) issues.push(found);
      }
      const record = build(fields);
      if (!record) issues.push({ code: "MAPPING_NO_ID", severity: "error", message: "Choose the column that holds the user ID.", line: row.line });
      const recordIssuesFrom = issues.length;
      if (record) {
        ctx.line = row.line;
        validateRecordInto(record, ctx, issues as AamIssue[], true);
        for (let k = recordIssuesFrom; k < issues.length; k++) if (issues[k]!.code === "ID_PII") issues[k] = escalate(issues[k]!);
      }
      if (dropCodes) {
        for (const i of issues) {
          if (dropCodes.has(i.code)) return { line: row.line, fields, dropped: true, droppedBy: i.code, issues: [], recordIssuesFrom: 0, hasError: false };
        }
      }
      let hasError = false;
      for (const i of issues) if (i.severity === "error") hasError = true;
      const out: RowOutcome = { line: row.line, fields, dropped: false, issues, recordIssuesFrom, hasError };
      if (record) out.record = record;
      if (opts.format && record && !hasError) {
        try {
          out.text = formatRecord(record);
        } catch (error) {
          // validateRecord should catch everything formatRecord refuses; if they ever disagree the row
          // gets an error instead of stopping a million-row run.
          issues.push({ code: "VALUE_UNREPRESENTABLE", severity: "error", message: error instanceof Error ? error.message : String(error), line: row.line });
          out.hasError = true;
        }
      }
      return out;
    },
  };
}

/**
 * lib/aam reports an e-mail-like ID as a warning (a reader cannot be sure); this product never sends one
 * (the contract forbids PII), so when writing it is an error, fixed by hashing the column.
 */
export function escalate(i: Issue): Issue {
  if (i.code !== "ID_PII" || i.severity === "error" || !(i.value ?? "").includes("@")) return i;
  return { ...i, severity: "error", message: `${i.message} E-mail addresses are never sent as IDs: hash the column.` };
}
