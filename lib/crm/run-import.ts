// The complete import pass over one input: open (text, gzip or XLSX), read with the choices the user made
// (encoding, delimiter, sheet), replay the patch list, convert and validate every row. The browser worker
// and the server's conversion job both call this one function, so their counts can be compared 1:1.
import type { IdType } from "../aam/id-rules";
import type { InboundMode } from "../aam/file-name";
import type { Issue } from "../aam/issues";
import type { UserSpillOptions } from "../aam/user-counter";
import type { RandomAccessInput } from "./byte-input";
import { createConversion, type Conversion, type ConversionSummary } from "./conversion";
import type { ParsedRow } from "./csv-parser";
import type { Mapping } from "./mapping";
import { compilePatches, type Patch } from "./patches";
import type { RowOutcome } from "./row-pipeline";
import { openTable, type OpenTableOptions, type TableBatch, type TableInfo } from "./table-source";
import type { TextEncodingName } from "./decode";
import type { Delimiter } from "./sniff";

/** A mapping plus how the file is read; the shape the submission and template schemas store. */
export interface ImportMapping extends Mapping {
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  sheet?: number;
}

/** What the first batch shows: enough to suggest a mapping or match a saved template. */
export interface FirstLook {
  info: TableInfo;
  header: string[];
  rows: readonly ParsedRow[];
}

export interface RunImportOptions extends Omit<OpenTableOptions, "encoding" | "delimiter" | "sheet"> {
  /** The mapping, or a function that chooses it from the first batch (the worker suggests one there). */
  mapping: ImportMapping | ((first: FirstLook) => ImportMapping);
  /** How to read the file when `mapping` is a function (otherwise the mapping's own fields are used). */
  read?: Pick<ImportMapping, "encoding" | "delimiter" | "sheet">;
  idType: IdType;
  mode: InboundMode;
  patches?: readonly Patch[];
  maxIssues?: number;
  /** Build AAM lines (default true). */
  format?: boolean;
  /** Each AAM line without errors, in file order (awaited: the writer applies backpressure). */
  onLine?: (line: string) => void | Promise<void>;
  onRow?: (outcome: RowOutcome, codes: readonly Issue[]) => void;
  /** After each batch; return false to stop early (the worker cancels a stale pass this way). */
  onBatch?: (batch: TableBatch, info: TableInfo) => boolean | void | Promise<boolean | void>;
  /** See ConversionOptions.userSpill. */
  userSpill?: UserSpillOptions;
}

export interface ImportResult {
  summary: ConversionSummary;
  info: TableInfo;
  header: string[];
  /** False when onBatch stopped the pass. */
  complete: boolean;
}

export async function runImport(input: RandomAccessInput, opts: RunImportOptions): Promise<ImportResult> {
  const read = typeof opts.mapping === "function" ? (opts.read ?? {}) : opts.mapping;
  const table = await openTable(input, {
    ...opts,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    ...(read.delimiter ? { delimiter: read.delimiter } : {}),
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
  });
  let conversion: Conversion | null = null;
  const start = (rows: readonly ParsedRow[]): Conversion => {
    const header = table.info.header?.names ?? [];
    const mapping = typeof opts.mapping === "function" ? opts.mapping({ info: table.info, header, rows }) : opts.mapping;
    return createConversion({
      mapping,
      idType: opts.idType,
      mode: opts.mode,
      format: opts.format ?? true,
      ...(table.info.header ? { header } : {}),
      ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
      ...(opts.patches && opts.patches.length ? { patches: compilePatches(opts.patches) } : {}),
      ...(opts.onRow ? { onRow: opts.onRow } : {}),
      ...(opts.userSpill ? { userSpill: opts.userSpill } : {}),
    });
  };
  let complete = true;
  const early: Issue[] = [];
  for await (const batch of table.batches()) {
    // The conversion starts with the first batch that has the header (rows can be empty for a while).
    if (!conversion && (table.info.header || batch.rows.length)) conversion = start(batch.rows);
    if (!conversion) {
      early.push(...batch.issues);
      continue;
    }
    if (early.length) conversion.addIssues(early.splice(0));
    const lines = conversion.pushBatch(batch);
    if (opts.onLine) for (const l of lines) await opts.onLine(l);
    if (opts.onBatch && (await opts.onBatch(batch, table.info)) === false) {
      complete = false;
      break;
    }
  }
  conversion ??= start([]);
  conversion.addIssues(early);
  return { summary: conversion.finish(), info: table.info, header: table.info.header?.names ?? [], complete };
}
