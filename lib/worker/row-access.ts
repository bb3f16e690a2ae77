// Reading rows back for the grid, the fix previews and the issue export. Rows are never kept: they are
// re-read from the nearest checkpoint (at most ~32 KB of parsing away) and run through the same row
// pipeline as the passes, so what the grid shows is what gets counted and what the server writes.
import type { Issue } from "@/lib/aam/issues";
import { damageHintsForHeader } from "@/lib/crm/excel-damage";
import { withColumns } from "@/lib/crm/issue-columns";
import { issueCsvLine, issuesCsvHeader } from "@/lib/crm/issues-csv";
import type { ParsedRow } from "@/lib/crm/csv-parser";
import { compilePatches, type Patch } from "@/lib/crm/patches";
import { iterateRows, readRowsFrom } from "@/lib/crm/row-locator";
import { createRowPipeline, type RowPipeline } from "@/lib/crm/row-pipeline";
import { BlobBuilder, blobInput } from "@/lib/worker/browser-inputs";
import type { GridRow, PreviewItem, RowView } from "@/lib/worker/protocol";
import type { ImportSession } from "@/lib/worker/session";

const CROSS_ROW = new Set(["USER_LINE_LIMIT", "ID_CASE_COLLISION", "ID_MIXED_TYPES", "FILE_EMPTY"]);

export function pipelineFor(s: ImportSession, patches: readonly Patch[] = s.settings.patches): RowPipeline {
  return createRowPipeline({
    mapping: s.mapping ?? { columns: [] },
    idType: s.settings.idType,
    mode: s.settings.mode,
    format: true,
    width: s.header.length,
    damageHints: damageHintsForHeader(s.header),
    ...(patches.length ? { patches: compilePatches(patches) } : {}),
  });
}

/** Row indices of a view, or null for "all" (which is simply 0..rowCount-1). */
function viewRows(s: ImportSession, view: RowView): Uint32Array | null {
  const index = s.viewIndex;
  switch (view.kind) {
    case "all":
      return null;
    case "errors":
      return index?.errorRows.view() ?? new Uint32Array(0);
    case "warnings":
      return index?.warningRows.view() ?? new Uint32Array(0);
    case "dropped":
      return index?.droppedRows.view() ?? new Uint32Array(0);
    case "key":
      return index?.rowsFor(view.key) ?? new Uint32Array(0);
  }
}

/** The last checkpoint at or before `row`. */
function floorCheckpoint(s: ImportSession, row: number): number {
  let lo = -1;
  let hi = s.checkpoints.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.checkpoints[mid]!.rowIndex <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Fetches rows by ascending index, jumping between checkpoints rather than reading what lies between. */
export async function fetchRows(s: ImportSession, indices: ArrayLike<number>): Promise<Map<number, ParsedRow>> {
  const out = new Map<number, ParsedRow>();
  let k = 0;
  while (k < indices.length && indices[k]! < s.head.length) {
    out.set(indices[k]!, s.head[indices[k]!]!);
    k++;
  }
  if (k >= indices.length || !s.source || !s.spec) return out;
  const input = blobInput(s.source);
  while (k < indices.length) {
    const c = floorCheckpoint(s, indices[k]!);
    const cp = c < 0 ? s.start : s.checkpoints[c]!;
    const next = c + 1 < s.checkpoints.length ? s.checkpoints[c + 1]!.rowIndex : Infinity;
    const before = k;
    await readRowsFrom(input, cp, s.spec, (i, row) => {
      while (k < indices.length && indices[k]! < i) k++;
      if (k < indices.length && indices[k] === i) {
        out.set(i, row);
        k++;
      }
      return k < indices.length && indices[k]! < Math.max(next, i + 2);
    }, 32 * 1024);
    if (k === before) k++; // a row beyond the end of the source: skip it rather than loop
  }
  return out;
}

function gridRow(s: ImportSession, pipeline: RowPipeline, index: number, row: ParsedRow): GridRow {
  const r = pipeline.run(row, s.readerIssues.get(row.line));
  const mapping = s.mapping ?? { columns: [] };
  return {
    index,
    line: row.line,
    original: row.fields,
    fields: r.fields,
    dropped: r.dropped ? (r.droppedBy ?? "dropRow") : null,
    text: r.text ?? null,
    issues: withColumns(r.issues, mapping, r.fields).map((i) => ({ code: i.code, severity: i.severity, column: i.column ?? null, message: i.message })),
  };
}

export async function rowsForView(s: ImportSession, view: RowView, start: number, count: number): Promise<{ total: number; rows: GridRow[] }> {
  const members = viewRows(s, view);
  const total = members ? members.length : s.rowCount;
  const end = Math.min(total, start + count);
  const indices: number[] = [];
  for (let p = Math.max(0, start); p < end; p++) indices.push(members ? members[p]! : p);
  const rows = await fetchRows(s, indices);
  const pipeline = pipelineFor(s);
  return { total, rows: indices.flatMap((i) => (rows.has(i) ? [gridRow(s, pipeline, i, rows.get(i)!)] : [])) };
}

/**
 * Before/after of one fix step on a few rows: the rows with the issue it targets, or (a column tool)
 * the first rows whose value it changes. `affected` is the number of rows with the issue, when known.
 */
export async function previewStep(s: ImportSession, step: Patch[], key: string | null, column: number | null): Promise<{ items: PreviewItem[]; affected: number | null }> {
  const before = pipelineFor(s);
  const after = pipelineFor(s, [...s.settings.patches, ...step]);
  const candidates = key ? Array.from(s.viewIndex?.rowsFor(key).subarray(0, 8) ?? []) : Array.from({ length: Math.min(s.rowCount, 2000) }, (_, i) => i);
  const rows = await fetchRows(s, candidates);
  const items: PreviewItem[] = [];
  for (const i of candidates) {
    const row = rows.get(i);
    if (!row || items.length >= 8) continue;
    const b = before.run(row, s.readerIssues.get(row.line));
    const a = after.run(row, s.readerIssues.get(row.line));
    const pick = (f: string[]) => (column ? (f[column - 1] ?? "") : f.join(" · "));
    if (!key && pick(b.fields) === pick(a.fields)) continue;
    items.push({
      line: row.line,
      before: pick(b.fields),
      after: a.dropped ? "(row left out)" : pick(a.fields),
      beforeCodes: [...new Set(b.issues.map((x) => x.code))],
      afterCodes: [...new Set(a.issues.map((x) => x.code))],
      droppedAfter: a.dropped,
    });
  }
  return { items, affected: key ? (s.viewIndex?.rowsFor(key).length ?? null) : null };
}

/** Every issue of every row (current mapping and fixes) as formula-safe CSV, built in the worker. */
export async function exportIssues(s: ImportSession): Promise<{ blob: Blob; issues: number }> {
  const out = new BlobBuilder();
  const enc = new TextEncoder();
  let text = issuesCsvHeader();
  let count = 0;
  const flush = () => {
    out.add(enc.encode(text));
    text = "";
  };
  // Whole-file findings first: the reader's (header, encoding) and the validator's cross-row rules.
  const all: Issue[] = [...s.fileIssues, ...(s.summary?.issues ?? []).filter((i) => CROSS_ROW.has(i.code))];
  for (const i of all) {
    text += issueCsvLine(i, s.header);
    count++;
  }
  if (s.source && s.spec) {
    const pipeline = pipelineFor(s);
    const mapping = s.mapping ?? { columns: [] };
    for await (const rows of iterateRows(blobInput(s.source), s.start, s.spec)) {
      for (const row of rows) {
        const r = pipeline.run(row, s.readerIssues.get(row.line));
        for (const i of withColumns(r.issues, mapping, r.fields)) {
          text += issueCsvLine(i, s.header);
          count++;
        }
      }
      if (text.length > 1 << 20) flush();
    }
  }
  flush();
  return { blob: out.blob("text/csv;charset=utf-8"), issues: count };
}
