// Several exports with the same header (e.g. one per region) can go to AAM as one submission: their bytes
// are joined into one file, each later file without its header. Only plain delimited text in a
// single-byte line-feed encoding (UTF-8 or Windows-1252) with the same delimiter is joined this way, so
// the server reads the combined original exactly as the browser did; line numbers then refer to it.
import type { ImportDoc } from "./use-import-docs";

function key(d: ImportDoc): string | null {
  const f = d.facts;
  if (d.phase !== "ready" || d.submittedId || !f || f.kind !== "delimited" || f.gzip || d.sample.length === 0) return null;
  if (f.encoding.encoding !== "utf-8" && f.encoding.encoding !== "windows-1252") return null;
  return JSON.stringify([f.encoding.encoding, f.delimiter?.delimiter ?? ",", d.header]);
}

/** The largest group of open files that can be joined (two or more), or null. */
export function combinableGroup(docs: readonly ImportDoc[]): ImportDoc[] | null {
  const groups = new Map<string, ImportDoc[]>();
  for (const d of docs) {
    const k = key(d);
    if (k) groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
  return best && best.length > 1 ? best : null;
}

/** Byte offset where the first data row starts: after the line feed that ends line (firstDataLine - 1). */
async function bodyStart(file: File, firstDataLine: number): Promise<number> {
  let lineFeeds = 0;
  for (let at = 0; at < file.size; at += 1 << 20) {
    const bytes = new Uint8Array(await file.slice(at, at + (1 << 20)).arrayBuffer());
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
      if (++lineFeeds === firstDataLine - 1) return at + i + 1;
    }
  }
  return file.size;
}

export async function combineFiles(docs: readonly ImportDoc[]): Promise<File> {
  const parts: BlobPart[] = [];
  for (const [k, d] of docs.entries()) {
    if (k === 0) parts.push(d.file);
    else parts.push(d.file.slice(await bodyStart(d.file, d.sample[0]!.line)));
    const last = new Uint8Array(await d.file.slice(-1).arrayBuffer());
    if (k < docs.length - 1 && last[0] !== 0x0a) parts.push(new Uint8Array([0x0a]));
  }
  const base = docs[0]!.file.name.replace(/\.[^.]+$/, "");
  return new File(parts, `${base}-and-${docs.length - 1}-more-combined.csv`, { type: "text/csv" });
}
