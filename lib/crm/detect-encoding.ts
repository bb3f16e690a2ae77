// Encoding detection with evidence the user can read. Papa Parse and most importers call this out of
// scope and force UTF-8, which garbles Excel's Windows-1252 exports (research theme 3). We only choose
// among the encodings CRM exports actually use, and say why.
import type { EncodingEvidence } from "./decode";

// WHATWG windows-1252: Latin-1 plus typographic characters at 0x80-0x9F; the five unassigned bytes map
// to the C1 controls of the same value, so every byte decodes to something.
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
export const cp1252Table: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let b = 0; b < 256; b++) t[b] = b;
  for (let k = 0; k < 32; k++) t[0x80 + k] = HIGH[k]!;
  return t;
})();

const hex = (b: number): string => "0x" + b.toString(16).toUpperCase().padStart(2, "0");

/** Length of a valid UTF-8 sequence at i, 0 if invalid, -1 if cut off by the end of the sample. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lower = 0xa0;
    else if (b === 0xed) upper = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lower = 0x90;
    else if (b === 0xf4) upper = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return -1;
    const c = bytes[i + k]!;
    if (c < lower || c > upper) return 0;
    lower = 0x80;
    upper = 0xbf;
  }
  return need + 1;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
}

/** Looks like UTF-16 without a BOM: one of the two byte lanes is mostly zero (ASCII text). */
function utf16Lane(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Decide the encoding from the first bytes of a file (64 KiB is plenty). BOMs are certain; valid UTF-8
 * with multi-byte characters is certain in practice (random Windows-1252 text almost never forms valid
 * sequences); anything else is a guess and says so.
 */
export function detectEncoding(firstBytes: Uint8Array): EncodingEvidence {
  const b = firstBytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { encoding: "utf-8", bom: true, reason: "UTF-8 byte-order mark", confidence: "certain" };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return { encoding: "utf-16le", bom: true, reason: "UTF-16 LE byte-order mark", confidence: "certain" };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return { encoding: "utf-16be", bom: true, reason: "UTF-16 BE byte-order mark", confidence: "certain" };
  const lane = utf16Lane(b);
  if (lane) {
    const label = lane === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE";
    return {
      encoding: lane,
      bom: false,
      reason: `no byte-order mark, but every second byte is 0x00: looks like ${label}`,
      confidence: "likely",
    };
  }

  let line = 1;
  let multiByte = 0;
  let invalid = 0;
  let firstMulti: { char: string; line: number } | null = null;
  let mojibake: { line: number } | null = null;
  // First line for each distinct stray byte, in order of appearance (for the reason text).
  const stray = new Map<number, number>();
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c === 0x0a) line++;
      i++;
      continue;
    }
    const len = utf8SequenceLength(b, i);
    if (len === -1) break; // cut off by the sample's end, not evidence either way
    if (len === 0) {
      invalid++;
      if (!stray.has(c)) stray.set(c, line);
      i++;
      continue;
    }
    multiByte++;
    if (!firstMulti) firstMulti = { char: decodeOne(b, i, len), line };
    // "Ã" (C3 83) or "Â" (C3 82) followed by another 2-byte sequence: UTF-8 that was encoded twice.
    if (!mojibake && c === 0xc3 && (b[i + 1] === 0x83 || b[i + 1] === 0x82) && (b[i + 2] === 0xc2 || b[i + 2] === 0xc3))
      mojibake = { line };
    i += len;
  }

  if (invalid === 0) {
    if (multiByte === 0)
      return {
        encoding: "utf-8",
        bom: false,
        reason: `only ASCII characters in the first ${formatSize(b.length)}: read as UTF-8`,
        confidence: "likely",
      };
    let reason = `valid UTF-8 with ${multiByte} multi-byte character${multiByte === 1 ? "" : "s"} (${firstMulti!.char} at line ${firstMulti!.line})`;
    if (mojibake)
      reason += `; but text such as "Ã©" at line ${mojibake.line} suggests it was converted to UTF-8 twice`;
    return { encoding: "utf-8", bom: false, reason, confidence: "certain" };
  }
  const examples = [...stray.entries()].slice(0, 3);
  const bytesText = listWords(examples.map(([byte]) => hex(byte)));
  const whereText = examples.map(([byte, at]) => `${String.fromCharCode(cp1252Table[byte]!)} at line ${at}`).join(", ");
  if (multiByte > invalid * 4)
    return {
      encoding: "utf-8",
      bom: false,
      reason: `mostly valid UTF-8 (${multiByte} multi-byte characters) with ${invalid} invalid byte${invalid === 1 ? "" : "s"} (${bytesText}, first at line ${examples[0]![1]}): read as UTF-8, invalid bytes become �`,
      confidence: "likely",
    };
  return {
    encoding: "windows-1252",
    bom: false,
    reason: `byte${examples.length === 1 ? "" : "s"} ${bytesText} stand${examples.length === 1 ? "s" : ""} alone, which UTF-8 never does: looks like Windows-1252 (${whereText})`,
    confidence: "likely",
  };
}

function decodeOne(b: Uint8Array, i: number, len: number): string {
  let cp = b[i]! & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
  for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
  return String.fromCodePoint(cp);
}

function formatSize(n: number): string {
  return n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
