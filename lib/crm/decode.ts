// Streaming byte -> text decoding, written by hand because the pure core may not rely on TextDecoder
// (not in its type environment) and because every adapter (worker, server, CLI) must decode identically.
// Chunks may split multi-byte characters anywhere; the decoders carry the partial bytes over.
import { createNativeUtf8Decoder, type NativeTextDecoderFactory } from "./decode-native";
import { cp1252Table, detectEncoding } from "./detect-encoding";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface EncodingEvidence {
  encoding: TextEncodingName;
  bom: boolean;
  /** Plain words shown to the user, e.g. "UTF-8 byte-order mark". */
  reason: string;
  confidence: "certain" | "likely";
}

export interface StreamDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
  /** Byte sequences that were not valid in the encoding; each became U+FFFD. */
  readonly invalidSequences: number;
}

export { detectEncoding };
export type { NativeTextDecoder, NativeTextDecoderFactory } from "./decode-native";

export interface DecoderOptions {
  /** A host TextDecoder to use for UTF-8 (see decode-native.ts); the hand-written decoder otherwise. */
  native?: NativeTextDecoderFactory;
}

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252 (Western European, Excel on Windows)",
};

const REPLACEMENT = 0xfffd;
// fromCharCode.apply is fastest with a few thousand arguments per call (measured on V8).
const PIECE = 2048;

/** Turns UTF-16 code units into a string without per-character concatenation. */
function unitsToString(units: Uint16Array, length: number): string {
  if (length <= PIECE) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let s = 0; s < length; s += PIECE) {
    const e = s + PIECE < length ? s + PIECE : length;
    parts.push(String.fromCharCode.apply(null, units.subarray(s, e) as unknown as number[]));
  }
  return parts.join("");
}

/** A reusable output buffer: decoding never yields more UTF-16 units than input bytes (+ carry). */
class UnitBuffer {
  units = new Uint16Array(0);
  ensure(n: number): Uint16Array {
    if (this.units.length < n) this.units = new Uint16Array(Math.max(n, this.units.length * 2));
    return this.units;
  }
}

function concatBytes(a: Uint8Array, aLen: number, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(aLen + b.length);
  out.set(a.subarray(0, aLen), 0);
  out.set(b, aLen);
  return out;
}

export function createDecoder(enc: TextEncodingName, opts: DecoderOptions = {}): StreamDecoder {
  switch (enc) {
    case "utf-8":
      return opts.native ? createNativeUtf8Decoder(opts.native) : createUtf8Decoder();
    case "utf-16le":
      return createUtf16Decoder(true);
    case "utf-16be":
      return createUtf16Decoder(false);
    case "windows-1252":
      return createCp1252Decoder();
  }
}

function createUtf8Decoder(): StreamDecoder {
  const buf = new UnitBuffer();
  const pending = new Uint8Array(4);
  let pendingLen = 0;
  let atStart = true;
  let invalid = 0;

  function run(chunk: Uint8Array, final: boolean): string {
    const bytes = pendingLen > 0 ? concatBytes(pending, pendingLen, chunk) : chunk;
    pendingLen = 0;
    const n = bytes.length;
    let i = 0;
    if (atStart) {
      // Wait for three bytes before deciding whether a BOM is present.
      if (n < 3 && !final && isBomPrefix(bytes)) {
        pending.set(bytes);
        pendingLen = n;
        return "";
      }
      atStart = false;
      if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    }
    const out = buf.ensure(n + 1);
    let o = 0;
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        out[o++] = b;
        i++;
        continue;
      }
      let need: number;
      let cp: number;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
        if (b === 0xe0) lower = 0xa0; // overlong
        else if (b === 0xed) upper = 0x9f; // surrogates are not characters
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f; // beyond U+10FFFF
      } else {
        out[o++] = REPLACEMENT;
        invalid++;
        i++;
        continue;
      }
      let j = i + 1;
      let ok = true;
      for (let k = 0; k < need; k++, j++) {
        if (j >= n) {
          ok = false;
          break;
        }
        const c = bytes[j]!;
        if (c < lower || c > upper) {
          ok = false;
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (!ok) {
        if (j >= n && !final) {
          // A valid prefix cut off by the chunk end: finish it with the next chunk.
          pendingLen = n - i;
          pending.set(bytes.subarray(i, n));
          break;
        }
        // WHATWG "maximal subpart": one U+FFFD for the valid prefix, then resume at the offending byte.
        out[o++] = REPLACEMENT;
        invalid++;
        i = j;
        continue;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        out[o++] = 0xd800 | (cp >> 10);
        out[o++] = 0xdc00 | (cp & 0x3ff);
      } else {
        out[o++] = cp;
      }
      i = j;
    }
    return unitsToString(out, o);
  }

  return {
    decode: (chunk) => run(chunk, false),
    end: () => (pendingLen > 0 || atStart ? run(new Uint8Array(0), true) : ""),
    get invalidSequences() {
      return invalid;
    },
  };
}

function isBomPrefix(bytes: Uint8Array): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  for (let k = 0; k < bytes.length; k++) if (bytes[k] !== bom[k]) return false;
  return true;
}

function createUtf16Decoder(littleEndian: boolean): StreamDecoder {
  const buf = new UnitBuffer();
  let oddByte = -1; // a byte waiting for its partner from the next chunk
  let highSurrogate = -1; // a lead surrogate waiting for its trail unit
  let atStart = true;
  let invalid = 0;

  function run(chunk: Uint8Array, final: boolean): string {
    const out = buf.ensure(((chunk.length + 1) >> 1) + 2);
    let o = 0;
    let i = 0;
    const n = chunk.length;
    const emit = (unit: number): void => {
      if (atStart) {
        atStart = false;
        if (unit === 0xfeff) return; // BOM
      }
      if (highSurrogate >= 0) {
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          out[o++] = highSurrogate;
          out[o++] = unit;
          highSurrogate = -1;
          return;
        }
        out[o++] = REPLACEMENT;
        invalid++;
        highSurrogate = -1;
      }
      if (unit >= 0xd800 && unit <= 0xdbff) highSurrogate = unit;
      else if (unit >= 0xdc00 && unit <= 0xdfff) {
        out[o++] = REPLACEMENT;
        invalid++;
      } else out[o++] = unit;
    };
    if (oddByte >= 0 && n > 0) {
      emit(littleEndian ? oddByte | (chunk[0]! << 8) : (oddByte << 8) | chunk[0]!);
      oddByte = -1;
      i = 1;
    }
    // Hot loop without the surrogate bookkeeping for the common BMP case.
    for (; i + 1 < n; i += 2) {
      const unit = littleEndian ? chunk[i]! | (chunk[i + 1]! << 8) : (chunk[i]! << 8) | chunk[i + 1]!;
      if (unit < 0xd800 && highSurrogate < 0 && !atStart) out[o++] = unit;
      else emit(unit);
    }
    if (i < n) oddByte = chunk[i]!;
    if (final) {
      if (oddByte >= 0 || highSurrogate >= 0) {
        out[o++] = REPLACEMENT;
        invalid++;
      }
      oddByte = -1;
      highSurrogate = -1;
    }
    return unitsToString(out, o);
  }

  return {
    decode: (chunk) => run(chunk, false),
    end: () => run(new Uint8Array(0), true),
    get invalidSequences() {
      return invalid;
    },
  };
}

function createCp1252Decoder(): StreamDecoder {
  const buf = new UnitBuffer();
  return {
    decode(chunk) {
      const out = buf.ensure(chunk.length);
      for (let i = 0; i < chunk.length; i++) out[i] = cp1252Table[chunk[i]!]!;
      return unitsToString(out, chunk.length);
    },
    end: () => "",
    // Every byte has a meaning in the WHATWG mapping of windows-1252, so nothing is ever invalid.
    invalidSequences: 0,
  };
}
