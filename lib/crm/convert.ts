// One original row -> patched fields -> AAM record -> validated canonical line, for previews of a few
// rows. It is a thin view over the row pipeline that the worker's pass and the server's conversion also
// run, so what the user previews is byte for byte what the server writes.
import type { Issue } from "../aam/issues";
import type { RecordContext } from "../aam/record-rules";
import type { AamRecord } from "./aam-types";
import type { ParsedRow } from "./csv-parser";
import type { Mapping } from "./mapping";
import type { CompiledPatches } from "./patches";
import { createRowPipeline, type RowPipeline } from "./row-pipeline";

export interface ConvertOptions {
  idType: RecordContext["idType"];
  mode: RecordContext["mode"];
  patches?: CompiledPatches;
}

export interface ConvertedRow {
  /** File line of the original row. */
  line: number;
  /** Absent when the row was dropped by a patch or the mapping has no ID column. */
  record?: AamRecord;
  /** The canonical AAM line (no terminator), present only when the record has no errors. */
  text?: string;
  dropped?: boolean;
  issues: Issue[];
}

function pipelineFor(mapping: Mapping, opts: ConvertOptions): RowPipeline {
  return createRowPipeline({ mapping, idType: opts.idType, mode: opts.mode, format: true, ...(opts.patches ? { patches: opts.patches } : {}) });
}

function view(r: ReturnType<RowPipeline["run"]>): ConvertedRow {
  if (r.dropped) return { line: r.line, dropped: true, issues: [] };
  const out: ConvertedRow = { line: r.line, issues: r.issues };
  if (r.record) out.record = r.record;
  if (r.text !== undefined) out.text = r.text;
  return out;
}

export function convertRow(row: ParsedRow, mapping: Mapping, opts: ConvertOptions): ConvertedRow {
  return view(pipelineFor(mapping, opts).run(row));
}

/** The first rows as they will be written, with their issues (for the mapping preview). */
export function previewRows(rows: readonly ParsedRow[], mapping: Mapping, opts: ConvertOptions): ConvertedRow[] {
  const pipeline = pipelineFor(mapping, opts);
  return rows.map((r) => view(pipeline.run(r)));
}
