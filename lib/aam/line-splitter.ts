// Streaming line splitters. Inbound files are far bigger than memory, so input arrives as chunks and leaves
// as lines; only the unfinished last line is carried between chunks, and even that is capped so a file
// without line feeds cannot exhaust memory.
import { countLineFeeds, decodeUtf8Range, scanUtf8 } from "./utf8";

/** AAM's per-line limit in bytes, terminator included [S3N]; A13: applied to FTP files too, though only the S3 page states it. */
export const MAX_LINE_BYTES = 102_400;
/**
 * How much of an over-long line is kept. Every UTF-16 unit is at least one UTF-8 byte, so a line with more
 * units than MAX_LINE_BYTES is too long whatever it contains; keeping a little more than that is enough to
 * report it and still read its user ID.
 */
export const MAX_KEPT_LINE_CHARS = MAX_LINE_BYTES + 2;

/**
 * Receives each line without its LF (a CR before the LF is left in place for the caller to judge).
 * `terminated` is false only for a last line without LF; `droppedChars` > 0 means the line was longer than
 * MAX_KEPT_LINE_CHARS and was cut.
 */
export type OnLine = (line: string, terminated: boolean, droppedChars: number) => void;

export interface TextLineSplitter {
  push(text: string): void;
  end(): void;
  /** Line feeds seen so far. */
  readonly lineFeeds: number;
}

export function createTextLineSplitter(onLine: OnLine): TextLineSplitter {
  let carry = "";
  let dropped = 0;
  let lineFeeds = 0;

  function keep(text: string): void {
    if (dropped > 0) {
      dropped += text.length;
      return;
    }
    carry += text;
    if (carry.length > MAX_KEPT_LINE_CHARS) {
      dropped = carry.length - MAX_KEPT_LINE_CHARS;
      carry = carry.slice(0, MAX_KEPT_LINE_CHARS);
    }
  }

  return {
    get lineFeeds() {
      return lineFeeds;
    },
    push(text) {
      let nl = text.indexOf("\n");
      if (nl < 0) {
        keep(text);
        return;
      }
      let start = 0;
      if (carry.length > 0 || dropped > 0) {
        keep(text.slice(0, nl));
        lineFeeds++;
        const line = carry;
        const d = dropped;
        carry = "";
        dropped = 0;
        onLine(line, true, d);
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      while (nl >= 0) {
        lineFeeds++;
        if (nl - start > MAX_KEPT_LINE_CHARS) {
          onLine(text.slice(start, start + MAX_KEPT_LINE_CHARS), true, nl - start - MAX_KEPT_LINE_CHARS);
        } else onLine(text.slice(start, nl), true, 0);
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      if (start < text.length) keep(text.slice(start));
    },
    end() {
      if (carry.length > 0 || dropped > 0) {
        const line = carry;
        const d = dropped;
        carry = "";
        dropped = 0;
        onLine(line, false, d);
      }
    },
  };
}

export interface ByteLineSplitter {
  push(chunk: Uint8Array): void;
  end(): void;
  /** Bytes received so far. */
  readonly bytes: number;
}

/**
 * Turns bytes that are already known to be valid UTF-8 into text. lib/aam's own decoder is the default;
 * adapters may pass a native one (Node's Buffer#toString, a browser TextDecoder) for speed, since the bytes
 * have been checked here first.
 */
export type Utf8Decoder = (validUtf8: Uint8Array) => string;

/**
 * Splits UTF-8 bytes into lines. Invalid UTF-8 is decoded as U+FFFD and reported once per affected line
 * (1-based), so a validator can name the lines to fix rather than reject the whole file blindly.
 */
export function createByteLineSplitter(
  onLine: OnLine,
  onInvalidUtf8: (line: number) => void,
  decoder?: Utf8Decoder,
): ByteLineSplitter {
  const text = createTextLineSplitter(onLine);
  let tail: Uint8Array | null = null; // an incomplete multi-byte sequence from the previous chunk
  let bytes = 0;
  let lastBadLine = 0;

  function decode(chunk: Uint8Array, final: boolean): void {
    const linesBefore = text.lineFeeds;
    let scanned = 0;
    let linesInChunk = 0;
    let invalid = false;
    const stop = scanUtf8(chunk, 0, chunk.length, final, (offset) => {
      invalid = true;
      // Count line feeds incrementally so many bad bytes in one chunk stay linear.
      linesInChunk += countLineFeeds(chunk, scanned, offset);
      scanned = offset;
      const line = linesBefore + linesInChunk + 1;
      if (line !== lastBadLine) {
        lastBadLine = line;
        onInvalidUtf8(line);
      }
    });
    tail = stop < chunk.length ? chunk.slice(stop) : null;
    if (stop === 0) return;
    // Only valid bytes may go to a native decoder, so its replacement rules never matter.
    const decoded =
      decoder && !invalid ? decoder(chunk.subarray(0, stop)) : decodeUtf8Range(chunk, 0, stop, true).text;
    text.push(decoded);
  }

  return {
    get bytes() {
      return bytes;
    },
    push(chunk) {
      bytes += chunk.length;
      if (tail) {
        const joined = new Uint8Array(tail.length + chunk.length);
        joined.set(tail, 0);
        joined.set(chunk, tail.length);
        decode(joined, false);
      } else decode(chunk, false);
    },
    end() {
      if (tail) decode(tail, true);
      text.end();
    },
  };
}
