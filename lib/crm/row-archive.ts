// Rows that did not come from delimited text (XLSX sheets) are written once as compact CSV, each row
// prefixed with its sheet row number, so the worker can re-read any row through the same checkpoint and
// resume machinery as a CSV file instead of holding a million row arrays in memory.
import { encodeUtf8 } from "../aam/utf8";
import type { ParsedRow } from "./csv-parser";
import type { Checkpoint } from "./table-source";

export interface RowArchive {
  add(rows: readonly ParsedRow[]): void;
  end(): void;
}

function quote(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return '"' + v.replace(/"/g, '""') + '"';
  }
  return v;
}

export function createRowArchive(opts: { segmentBytes?: number; onBytes(bytes: Uint8Array): void; onCheckpoint(cp: Checkpoint): void }): RowArchive {
  const segment = opts.segmentBytes ?? 32 * 1024;
  let pending: string[] = [];
  let pendingChars = 0;
  let offset = 0;
  let rows = 0;
  function flush(): void {
    if (pending.length === 0) return;
    const bytes = encodeUtf8(pending.join(""));
    pending = [];
    pendingChars = 0;
    opts.onBytes(bytes);
    offset += bytes.length;
    opts.onCheckpoint({ offset, rowIndex: rows, line: 1 });
  }
  return {
    add(batch) {
      for (const r of batch) {
        let s = String(r.line);
        for (const f of r.fields) s += "," + quote(f);
        s += "\n";
        pending.push(s);
        pendingChars += s.length;
        rows++;
        if (pendingChars >= segment) flush();
      }
    },
    end: flush,
  };
}
