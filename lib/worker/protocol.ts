// Messages between the page and the CRM worker: one discriminated union each way, shared by both sides.
// Requests carry a request id (rid) and a document id (doc: one per dropped file); the worker answers
// requests by rid and pushes progress and live counts per document.
import type { IdType } from "@/lib/aam/id-rules";
import type { InboundMode } from "@/lib/aam/file-name";
import type { Severity } from "@/lib/aam/issues";
import type { ParsedRow } from "@/lib/crm/csv-parser";
import type { EncodingEvidence, TextEncodingName } from "@/lib/crm/decode";
import type { IssueTally } from "@/lib/crm/fixes";
import type { Patch } from "@/lib/crm/patches";
import type { ImportMapping } from "@/lib/crm/run-import";
import type { Delimiter } from "@/lib/crm/sniff";
import type { MappingSuggestion } from "@/lib/crm/suggest-mapping";
import type { TemplateBody } from "@/lib/crm/template";

export interface ReadChoice {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  sheet?: number;
}

export interface DocSettings {
  /** Column roles (and value maps); null lets the worker choose from templates or its suggestion. */
  mapping: ImportMapping | null;
  idType: IdType;
  mode: InboundMode;
  patches: Patch[];
}

export interface TemplateCandidate {
  id: string;
  name: string;
  header: string[];
  body: TemplateBody;
}

export interface FileFacts {
  name: string;
  size: number;
  kind: "delimited" | "xlsx";
  gzip: boolean;
  encoding: EncodingEvidence;
  delimiter: { delimiter: Delimiter; reason: string; scores: Record<Delimiter, number> } | null;
  sheets: { name: string; hidden: boolean }[] | null;
  sheet: number;
  headerLine: number;
}

export type RowView = { kind: "all" } | { kind: "errors" } | { kind: "warnings" } | { kind: "dropped" } | { kind: "key"; key: string };

export interface GridIssue {
  code: string;
  severity: Severity;
  column: number | null;
  message: string;
}

export interface GridRow {
  /** 0-based data row index (row 0 is the first row after the header). */
  index: number;
  /** 1-based line (or sheet row) in the user's file. */
  line: number;
  original: string[];
  /** After fixes, fitted to the header width. */
  fields: string[];
  /** Why the row is left out (dropRow or an issue code), or null. */
  dropped: string | null;
  /** The AAM line this row produces, or null when it has errors or is dropped. */
  text: string | null;
  issues: GridIssue[];
}

export interface PreviewItem {
  line: number;
  before: string;
  after: string;
  beforeCodes: string[];
  afterCodes: string[];
  droppedAfter: boolean;
}

export interface CountsSnapshot {
  pass: number;
  done: boolean;
  /** The first pass also builds the row index; later passes only re-check. */
  indexing: boolean;
  rows: number;
  dropped: number;
  records: number;
  errors: number;
  warnings: number;
  tallies: (IssueTally & { key: string })[];
  /** Issues per code as the server counts them (every occurrence); complete only when done. */
  byCode: Record<string, number>;
  views: { all: number; errors: number; warnings: number; dropped: number };
  bytes: number;
  totalBytes: number;
  ms: number;
}

export type ToWorker =
  | { type: "open"; rid: number; doc: string; file: File; read: ReadChoice; settings: DocSettings; templates: TemplateCandidate[] }
  | { type: "configure"; rid: number; doc: string; settings: DocSettings }
  | { type: "rows"; rid: number; doc: string; view: RowView; start: number; count: number }
  | { type: "preview"; rid: number; doc: string; step: Patch[]; key: string | null; column: number | null }
  | { type: "exportIssues"; rid: number; doc: string }
  | { type: "close"; rid: number; doc: string };

export type FromWorker =
  | {
      type: "opened";
      rid: number;
      doc: string;
      facts: FileFacts;
      header: string[];
      sample: ParsedRow[];
      suggestion: MappingSuggestion;
      mapping: ImportMapping;
      templateId: string | null;
    }
  | { type: "counts"; doc: string; counts: CountsSnapshot }
  | { type: "rows"; rid: number; doc: string; view: RowView; start: number; total: number; rows: GridRow[] }
  | { type: "preview"; rid: number; doc: string; items: PreviewItem[]; affected: number | null }
  | { type: "issuesCsv"; rid: number; doc: string; blob: Blob; issues: number }
  | { type: "done"; rid: number; doc: string }
  | { type: "error"; rid: number | null; doc: string; message: string };
