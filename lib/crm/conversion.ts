// The whole-file pass shared by the browser worker and the server job: rows in, AAM lines out, with
// every row run through the row pipeline (patches, shape, Excel damage, record rules) and every record
// through AAM's file validator (200 lines per user, case collisions, mixed ID types). Both sides run
// exactly this, so the counts the user saw in the browser are the counts the server compares against.
import { createFileValidator, type FileValidator } from "../aam/file-validator";
import type { UserSpillOptions } from "../aam/user-counter";
import type { IdType } from "../aam/id-rules";
import type { InboundMode } from "../aam/file-name";
import { SEVERITY_RANK as RANK, type AamIssue, type Issue } from "../aam/issues";
import type { ParsedRow } from "./csv-parser";
import { damageHintsForHeader } from "./excel-damage";
import type { Mapping } from "./mapping";
import type { CompiledPatches } from "./patches";
import type { ReaderBatch } from "./reader";
import { createRowPipeline, escalate, type RowOutcome, type RowPipeline } from "./row-pipeline";

export interface ConversionOptions {
  mapping: Mapping;
  idType: IdType;
  mode: InboundMode;
  maxIssues?: number;
  patches?: CompiledPatches;
  /** The file's header: enables ragged-row and Excel-damage checks (or call setHeader later). */
  header?: readonly string[];
  /** Build AAM lines (default true); the worker's counting pass turns it off. */
  format?: boolean;
  /** Every row's outcome and all of its issue codes (file-level ones included), for the worker's index. */
  onRow?: (outcome: RowOutcome, codes: readonly Issue[]) => void;
  /** Bounds the per-user table with a disk spill (the CLI on files of millions of users). */
  userSpill?: UserSpillOptions;
}

export interface ConversionSummary {
  rows: number;
  dropped: number;
  records: number;
  /** Distinct user IDs and signals over every record validated (rows not dropped), from the file validator. */
  users: number;
  signals: number;
  errors: number;
  warnings: number;
  countsByCode: Record<string, { severity: Issue["severity"]; count: number }>;
  issues: Issue[];
}

export interface Conversion {
  /** Converts a batch of data rows; returns the AAM lines (no terminator) of the records without errors. */
  pushRows(rows: readonly ParsedRow[], readerIssues?: readonly Issue[]): string[];
  /** A reader batch: row issues (with a line) stay with their row, so dropping the row drops them too. */
  pushBatch(batch: ReaderBatch): string[];
  /** Issues found while reading the file (encoding, header), counted with the rest. */
  addIssues(issues: readonly Issue[]): void;
  setHeader(names: readonly string[]): void;
  finish(): ConversionSummary;
}

// USER_LINE_LIMIT and ID_CASE_COLLISION come from the file validator's history of the whole file, not
// from the record rules: they are read back from its live counts after each pushRecord.

export function createConversion(opts: ConversionOptions): Conversion {
  const validator: FileValidator = createFileValidator({
    idType: opts.idType,
    mode: opts.mode,
    maxIssues: opts.maxIssues,
    purpose: "write",
    ...(opts.userSpill ? { userSpill: opts.userSpill } : {}),
  });
  const severities = new Map<string, Issue["severity"]>();
  let pipeline: RowPipeline = makePipeline(opts.header);
  let rows = 0;
  let dropped = 0;
  let records = 0;
  // Record issues the pipeline made stricter than lib/aam's validator (see escalate): moved from
  // the validator's warning count to the error count.
  let escalated = 0;

  function makePipeline(header: readonly string[] | undefined): RowPipeline {
    return createRowPipeline({
      mapping: opts.mapping,
      idType: opts.idType,
      mode: opts.mode,
      format: opts.format ?? true,
      ...(opts.patches ? { patches: opts.patches } : {}),
      ...(header ? { width: header.length, damageHints: damageHintsForHeader(header) } : {}),
    });
  }

  function add(issue: Issue) {
    const was = severities.get(issue.code);
    if (was === undefined || RANK[issue.severity] > RANK[was]) severities.set(issue.code, issue.severity);
    // The validator keeps CRM issues with AAM's under one cap and one count table.
    validator.addIssue(issue as AamIssue);
  }

  function pushRows(batch: readonly ParsedRow[], readerIssues?: readonly Issue[]): string[] {
    const byLine = new Map<number, Issue[]>();
    for (const i of readerIssues ?? []) {
      if (i.line === undefined) add(i);
      else {
        const list = byLine.get(i.line);
        if (list) list.push(i);
        else byLine.set(i.line, [i]);
      }
    }
    const out: string[] = [];
    for (const row of batch) {
      rows++;
      const own = byLine.get(row.line);
      if (own) byLine.delete(row.line);
      const r = pipeline.run(row, own);
      if (r.dropped) {
        dropped++;
        opts.onRow?.(r, r.issues);
        continue;
      }
      // Shape, damage and reader issues are counted here; record issues are counted by pushRecord below.
      for (let k = 0; k < r.recordIssuesFrom; k++) add(r.issues[k]!);
      let ok = !r.hasError;
      let codes: readonly Issue[] = r.issues;
      if (r.record) {
        const counts = validator.countsByCode;
        const limitBefore = counts.USER_LINE_LIMIT ?? 0;
        const caseBefore = counts.ID_CASE_COLLISION ?? 0;
        if (!validator.pushRecord(r.record, row.line, ok)) ok = false;
        if ((counts.USER_LINE_LIMIT ?? 0) > limitBefore || (counts.ID_CASE_COLLISION ?? 0) > caseBefore) {
          const extra: Issue[] = [];
          if ((counts.USER_LINE_LIMIT ?? 0) > limitBefore) extra.push({ code: "USER_LINE_LIMIT", severity: "error", message: "", line: row.line });
          if ((counts.ID_CASE_COLLISION ?? 0) > caseBefore) extra.push({ code: "ID_CASE_COLLISION", severity: "warning", message: "", line: row.line });
          for (const e of extra) severities.set(e.code, e.severity);
          codes = [...r.issues, ...extra];
        }
        for (let k = r.recordIssuesFrom; k < r.issues.length; k++) {
          const i = r.issues[k]!;
          if (i.code === "ID_PII" && i.severity === "error") escalated++;
          const was = severities.get(i.code);
          if (was === undefined || RANK[i.severity] > RANK[was]) severities.set(i.code, i.severity);
        }
      }
      opts.onRow?.(r, codes);
      if (ok && r.text !== undefined) {
        out.push(r.text);
        records++;
      } else if (ok && r.record && opts.format === false) records++;
    }
    // Issues for lines not in this batch (e.g. the header) are file-level.
    for (const list of byLine.values()) for (const i of list) add(i);
    return out;
  }

  return {
    pushRows,
    pushBatch: (batch) => pushRows(batch.rows, batch.issues),
    addIssues(issues) {
      for (const i of issues) add(i);
    },
    setHeader(names) {
      pipeline = makePipeline(names);
    },
    finish() {
      const result = validator.finish();
      // Codes only the validator saw (file-level ones, spilled users' issues), kept or past the cap.
      for (const [code, severity] of Object.entries(result.severityByCode)) if (!severities.has(code)) severities.set(code, severity);
      const countsByCode: ConversionSummary["countsByCode"] = {};
      for (const [code, count] of Object.entries(result.countsByCode)) {
        countsByCode[code] = { severity: severities.get(code) ?? "error", count: count ?? 0 };
      }
      const errors = result.stats.errors + escalated;
      const warnings = result.stats.warnings - escalated;
      // Lines of spilled users judged only now were passed on as records; they are errors, not records.
      return { rows, dropped, records: records - result.lateErrors, users: result.stats.users, signals: result.stats.signals, errors, warnings, countsByCode, issues: result.issues.map(escalate) };
    },
  };
}
