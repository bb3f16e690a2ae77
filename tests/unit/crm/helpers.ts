// Shared test helpers: feed bytes or text through the streaming pieces in fixed-size chunks, so every
// test can check that chunk boundaries (inside quotes, characters, \r\n) never change the result.
import { createCsvParser, type ParsedRow } from "../../../lib/crm/csv-parser";
import { createDecoder, type TextEncodingName } from "../../../lib/crm/decode";
import type { Delimiter } from "../../../lib/crm/sniff";

export function chunkBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}

export function decodeInChunks(bytes: Uint8Array, enc: TextEncodingName, size: number): { text: string; invalid: number } {
  const d = createDecoder(enc);
  let text = "";
  for (const c of chunkBytes(bytes, size)) text += d.decode(c);
  text += d.end();
  return { text, invalid: d.invalidSequences };
}

/** Decoder + parser over byte chunks of `size` (Infinity = one chunk). */
export function parseBytes(bytes: Uint8Array, size: number, delimiter: Delimiter = ",", enc: TextEncodingName = "utf-8") {
  const d = createDecoder(enc);
  const p = createCsvParser({ delimiter });
  const rows: ParsedRow[] = [];
  const chunks = Number.isFinite(size) ? chunkBytes(bytes, size) : [bytes];
  for (const c of chunks) rows.push(...p.push(d.decode(c)));
  rows.push(...p.push(d.end()), ...p.end());
  return { rows, issues: p.issues, lines: p.lines };
}

/** Parser over text pieces cut at the given offsets. */
export function parseTextPieces(text: string, cuts: number[], delimiter: Delimiter = ",") {
  const p = createCsvParser({ delimiter });
  const rows: ParsedRow[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    rows.push(...p.push(text.slice(at, cut)));
    at = cut;
  }
  rows.push(...p.end());
  return { rows, issues: p.issues };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function utf16(s: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + s;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}
