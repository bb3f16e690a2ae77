// Optional acceleration: a host that has a WHATWG TextDecoder (browsers, workers, Node, Deno) may lend it
// to createDecoder. lib/crm never names the global (it is not in the pure type environment); the adapter
// passes a factory. Pure-JS string building costs ~5 ns per character in V8, the native decoder ~1 ns,
// and decoding is most of the parse time of a large file. Output is identical (both follow WHATWG); the
// invalid-sequence count is rebuilt from the U+FFFD characters in the output, minus the ones the file
// itself contained (bytes EF BF BD).
import type { StreamDecoder } from "./decode";

/** The part of WHATWG TextDecoder we use. */
export interface NativeTextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Called with "utf-8" only: Node's built-in "windows-1252" decodes as Latin-1, so ours is kept for that. */
export type NativeTextDecoderFactory = (label: "utf-8") => NativeTextDecoder;

function countChar(s: string, ch: string): number {
  let n = 0;
  for (let k = s.indexOf(ch); k >= 0; k = s.indexOf(ch, k + 1)) n++;
  return n;
}

export function createNativeUtf8Decoder(factory: NativeTextDecoderFactory): StreamDecoder {
  const native = factory("utf-8");
  let invalid = 0;
  // The last two bytes of the previous chunk, so an EF BF BD split across chunks is still recognised.
  let prev1 = -1;
  let prev2 = -1;

  function account(chunk: Uint8Array, text: string): void {
    const replacements = text.indexOf("\uFFFD") < 0 ? 0 : countChar(text, "\uFFFD");
    if (replacements > 0) {
      let genuine = 0;
      let a = prev2;
      let b = prev1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (a === 0xef && b === 0xbf && c === 0xbd) genuine++;
        a = b;
        b = c;
      }
      invalid += replacements - genuine;
    }
    const n = chunk.length;
    if (n >= 2) {
      prev2 = chunk[n - 2]!;
      prev1 = chunk[n - 1]!;
    } else if (n === 1) {
      prev2 = prev1;
      prev1 = chunk[0]!;
    }
  }

  return {
    decode(chunk) {
      const text = native.decode(chunk, { stream: true });
      account(chunk, text);
      return text;
    },
    end() {
      const text = native.decode();
      account(new Uint8Array(0), text);
      return text;
    },
    get invalidSequences() {
      return invalid;
    },
  };
}
