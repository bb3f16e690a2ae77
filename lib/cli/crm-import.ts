// The one place convert reads its input: lib/crm's runImport over the file on disk, wired exactly as the
// server's conversion job wires it (lib/server/submissions/convert-original.ts), so the CLI reads what the
// dashboard reads: CSV/TSV in UTF-8, UTF-16 or Windows-1252 with any of four delimiters, .gz, .xlsx, with the
// same row, value and column bounds, NUL refusal, decompression-bomb limits and per-row validation.
import type { IdType } from "../aam/id-rules";
import type { InboundMode } from "../aam/file-name";
import { DEFAULT_LIMITS } from "../crm/byte-input";
import type { FirstLook, ImportMapping, ImportResult } from "../crm/run-import";
import { importFile } from "../server/import/node-inputs";
import type { UserSpillOptions } from "../aam/user-counter";
import { statFile } from "./read-input";

export interface CrmImportOptions {
  /** Chosen from the first batch: the header resolves the column options, the sample rows the separators. */
  mapping: (first: FirstLook) => ImportMapping;
  idType: IdType;
  mode: InboundMode;
  maxIssues?: number;
  /** Encoding, delimiter and sheet the user chose (the rest is detected). */
  read: Pick<ImportMapping, "encoding" | "delimiter" | "sheet">;
  /** Each AAM line of a row without errors, in file order; awaited (the writer applies backpressure). */
  onLine: (line: string) => void | Promise<void>;
  /** Each data row read (also the rows before a refusal part-way through the file). */
  onRow: () => void;
  /** After each batch: the input bytes read so far, of `total` (the file's size). */
  onProgress?: (bytesRead: number, total: number) => void;
  /** Keeps the per-user table within the CLI's memory budget (lib/cli/user-spill.ts). */
  userSpill: UserSpillOptions;
}

/** Throws lib/crm's ImportRefusedError or a node:zlib error for an input it refuses; see refusalIssue. */
export async function importCrmFile(path: string, opts: CrmImportOptions): Promise<ImportResult> {
  await statFile(path);
  return importFile(path, {
    // lib/crm's own bounds (5 GiB unpacked, 100:1), not the server's upload limit: a local plain file is
    // not capped, only what a .gz or .xlsx unpacks to.
    limits: DEFAULT_LIMITS,
    mapping: opts.mapping,
    read: opts.read,
    idType: opts.idType,
    mode: opts.mode,
    ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
    onLine: opts.onLine,
    onRow: opts.onRow,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    userSpill: opts.userSpill,
  });
}
