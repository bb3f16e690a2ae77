// Random access to rows without keeping them: resume decoding and parsing at a checkpoint (a byte offset
// where a row starts, recorded by the first pass) and read forward. With a checkpoint every ~32 KB, any
// visible row costs at most ~32 KB of parsing, so the grid can show row 900,000 of a file it never held.
import type { RandomAccessInput } from "./byte-input";
import { createCsvParser, type ParsedRow } from "./csv-parser";
import { createDecoder, type NativeTextDecoderFactory, type TextEncodingName } from "./decode";
import type { Delimiter } from "./sniff";
import type { Checkpoint } from "./table-source";

export interface ResumeSpec {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  nativeDecoder?: NativeTextDecoderFactory;
  /** Rows were archived with their file line as the first field (see row-archive.ts). */
  lineInFirstField?: boolean;
}

/** The checkpoint at offset 0: the first parsed row is the header, which has row index -1. */
export const START_CHECKPOINT: Checkpoint = { offset: 0, rowIndex: -1, line: 1 };

/**
 * Reads rows from `cp` on, calling `visit(rowIndex, row)` until it returns false or the input ends.
 * Rows with index < 0 (the header) are skipped.
 */
export async function readRowsFrom(
  input: RandomAccessInput,
  cp: Checkpoint,
  spec: ResumeSpec,
  visit: (rowIndex: number, row: ParsedRow) => boolean,
  pieceBytes = 64 * 1024,
): Promise<void> {
  const decoder = createDecoder(spec.encoding, spec.nativeDecoder ? { native: spec.nativeDecoder } : {});
  const parser = createCsvParser({ delimiter: spec.delimiter, startLine: cp.line });
  let index = cp.rowIndex;
  const take = (rows: ParsedRow[]): boolean => {
    for (const r of rows) {
      const i = index++;
      if (i < 0) continue;
      const row = spec.lineInFirstField ? { line: Number(r.fields[0]), fields: r.fields.slice(1) } : r;
      if (!visit(i, row)) return false;
    }
    return true;
  };
  for (let at = cp.offset; at < input.size; at += pieceBytes) {
    const bytes = await input.read(at, Math.min(pieceBytes, input.size - at));
    if (!take(parser.push(decoder.decode(bytes)))) return;
  }
  if (!take(parser.push(decoder.end()))) return;
  take(parser.end());
}

/** Every row from `cp` to the end, in batches (one per piece read): for full passes over a known source. */
export async function* iterateRows(input: RandomAccessInput, cp: Checkpoint, spec: ResumeSpec, pieceBytes = 1 << 20): AsyncGenerator<ParsedRow[]> {
  const decoder = createDecoder(spec.encoding, spec.nativeDecoder ? { native: spec.nativeDecoder } : {});
  const parser = createCsvParser({ delimiter: spec.delimiter, startLine: cp.line });
  let index = cp.rowIndex;
  const keep = (rows: ParsedRow[]): ParsedRow[] => {
    const out: ParsedRow[] = [];
    for (const r of rows) {
      if (index++ < 0) continue;
      out.push(spec.lineInFirstField ? { line: Number(r.fields[0]), fields: r.fields.slice(1) } : r);
    }
    return out;
  };
  for (let at = cp.offset; at < input.size; at += pieceBytes) {
    const rows = keep(parser.push(decoder.decode(await input.read(at, Math.min(pieceBytes, input.size - at)))));
    if (rows.length) yield rows;
  }
  const tail = keep([...parser.push(decoder.end()), ...parser.end()]);
  if (tail.length) yield tail;
}
