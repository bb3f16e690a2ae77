// Hand-written UTF-8 because lib/aam is typed against ES2023 only (no TextEncoder/TextDecoder types) and
// must run unchanged in the browser worker, the server and the CLI. These are the hot paths of validation
// and writing, so they work on typed arrays in tight loops and never build per-character strings.

const REPLACEMENT = 0xfffd;
/** Code units decoded per String.fromCharCode.apply call: big enough to amortise the call, small enough for any engine's argument limit. */
const DECODE_BLOCK = 8192;
// One scratch buffer for all calls: decoding is synchronous and never re-entered, so sharing it is safe.
const units = new Uint16Array(DECODE_BLOCK + 2);

/** UTF-8 byte length of a JS string; lone surrogates count as U+FFFD (3 bytes), as TextEncoder does. */
export function utf8ByteLength(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Writes `s` as UTF-8 into `out` at `offset` and returns the offset after it. The caller guarantees room for
 * `s.length * 3` bytes (the worst case), which lets the loop skip bounds checks.
 */
export function encodeUtf8Into(s: string, out: Uint8Array, offset: number): number {
  let o = offset;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < len ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && isLowSurrogate(next)) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = REPLACEMENT;
    }
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 0x3f);
    out[o++] = 0x80 | (c & 0x3f);
  }
  return o;
}

export function encodeUtf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  const n = encodeUtf8Into(s, out, 0);
  return out.slice(0, n);
}

/**
 * Length of the valid UTF-8 sequence starting at `i`: 1-4, 0 when invalid, -1 when the bytes end in the
 * middle of a sequence that could still be valid (so a streaming caller keeps them for the next chunk).
 */
export function utf8SequenceLength(b: Uint8Array, i: number, end: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0; // overlong
    else if (b0 === 0xed) hi = 0x9f; // UTF-16 surrogates are not allowed in UTF-8
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90; // overlong
    else if (b0 === 0xf4) hi = 0x8f; // above U+10FFFF
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return -1;
    const bk = b[i + k]!;
    if (k === 1 ? bk < lo || bk > hi : bk < 0x80 || bk > 0xbf) return 0;
  }
  return need + 1;
}

/**
 * Checks bytes [start, end) for valid UTF-8 without building text; returns where a streaming caller should
 * stop (before an incomplete sequence at the very end, unless `final`). ASCII is skipped four bytes at a
 * time, which is what makes byte-level validation nearly free next to parsing.
 */
export function scanUtf8(
  b: Uint8Array,
  start: number,
  end: number,
  final: boolean,
  onInvalid?: (offset: number) => void,
): number {
  let i = start;
  const wordShift = (4 - (b.byteOffset & 3)) & 3; // index in b of the first 4-byte-aligned byte
  const words =
    b.byteLength >= wordShift + 4
      ? new Uint32Array(b.buffer, b.byteOffset + wordShift, (b.byteLength - wordShift) >> 2)
      : new Uint32Array(0);
  while (i < end) {
    // Word-aligned run of ASCII: test 4 bytes at once.
    if (((i - wordShift) & 3) === 0 && i >= wordShift) {
      let w = (i - wordShift) >> 2;
      const wEnd = (end - wordShift) >> 2;
      while (w < wEnd && (words[w]! & 0x80808080) === 0) w++;
      const next = wordShift + (w << 2);
      if (next > i) {
        i = next;
        continue;
      }
    }
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(b, i, end);
    if (n === -1 && !final) return i;
    if (n <= 0) {
      onInvalid?.(i);
      i++;
    } else i += n;
  }
  return end;
}

/**
 * Decodes bytes [start, end) to text; invalid bytes become U+FFFD and are reported through `onInvalid`.
 * When `final` is false, an incomplete sequence at the very end is left undecoded and `stop` points at it,
 * so the caller can carry those bytes into the next chunk.
 */
export function decodeUtf8Range(
  b: Uint8Array,
  start: number,
  end: number,
  final: boolean,
  onInvalid?: (offset: number) => void,
): { text: string; stop: number } {
  let text = "";
  let u = 0;
  let i = start;
  while (i < end) {
    if (u >= DECODE_BLOCK) {
      text += String.fromCharCode.apply(null, units.subarray(0, u) as unknown as number[]);
      u = 0;
    }
    const b0 = b[i]!;
    if (b0 < 0x80) {
      if (u === 0) {
        // Pure ASCII block: hand the bytes straight to fromCharCode, no copy.
        let j = i + 1;
        const limit = Math.min(end, i + DECODE_BLOCK);
        while (j < limit && b[j]! < 0x80) j++;
        if (j - i > 64) {
          text += String.fromCharCode.apply(null, b.subarray(i, j) as unknown as number[]);
          i = j;
          continue;
        }
      }
      units[u++] = b0;
      i++;
      continue;
    }
    let n = utf8SequenceLength(b, i, end);
    if (n === -1) {
      if (!final) break;
      n = 0; // truncated at end of input
    }
    if (n === 0) {
      onInvalid?.(i);
      units[u++] = REPLACEMENT;
      i++;
      continue;
    }
    let cp: number;
    if (n === 2) cp = ((b0 & 0x1f) << 6) | (b[i + 1]! & 0x3f);
    else if (n === 3) cp = ((b0 & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
    else cp = ((b0 & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[u++] = 0xd800 | (cp >> 10);
      units[u++] = 0xdc00 | (cp & 0x3ff);
    } else units[u++] = cp;
    i += n;
  }
  if (u > 0) text += String.fromCharCode.apply(null, units.subarray(0, u) as unknown as number[]);
  return { text, stop: i };
}

/** Lenient decode of a whole buffer (invalid bytes become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  return decodeUtf8Range(bytes, 0, bytes.length, true).text;
}

/** Strict decode: the text, or the byte offset and 1-based line of the first invalid byte. */
export function decodeUtf8Strict(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; offset: number; line: number } {
  let bad = -1;
  const { text } = decodeUtf8Range(bytes, 0, bytes.length, true, (offset) => {
    if (bad < 0) bad = offset;
  });
  if (bad < 0) return { ok: true, text };
  return { ok: false, offset: bad, line: countLineFeeds(bytes, 0, bad) + 1 };
}

export function countLineFeeds(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = b.indexOf(10, start); i >= 0 && i < end; i = b.indexOf(10, i + 1)) n++;
  return n;
}
