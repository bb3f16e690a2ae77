// What an import reads from, without naming any host API: a random-access byte source (a browser Blob,
// a server temp file) and an injected inflater (DecompressionStream in the worker, node:zlib on the
// server). The pure core decides the container from the first bytes and bounds every decompression,
// because a 1 MB gzip or XLSX can legally inflate to gigabytes (a "zip bomb") and freeze the tab.

/** A file that can be read at any offset: Blob.slice in the browser, a FileHandle on the server. */
export interface RandomAccessInput {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Raw DEFLATE (ZIP entries) or gzip (.gz files), as a stream of byte chunks. */
export type InflateFormat = "gzip" | "deflate-raw";
export type Inflate = (format: InflateFormat, chunks: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

export type Container = "gzip" | "xlsx-zip" | "xls" | "text";

export interface DecompressionLimits {
  /** Largest inflated size accepted, in bytes (the server's MAX_UPLOAD_BYTES). */
  maxBytes: number;
  /** Largest inflated / compressed ratio; real CSV gzips at 5-15x, XLSX sheets at 10-30x. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: DecompressionLimits = { maxBytes: 5 * 1024 ** 3, maxRatio: 100 };

/** The row a refusal is about: 1-based file line (or sheet row) and, when known, 1-based column. */
export interface RefusedAt {
  line: number;
  column?: number;
}

/** A refusal the user must see as is (never retried, never a crash). */
export class ImportRefusedError extends Error {
  /** Set when one row caused the refusal, so a caller listing issues (the CLI) can point at it. */
  readonly at: RefusedAt | undefined;
  constructor(message: string, at?: RefusedAt) {
    super(message);
    this.name = "ImportRefusedError";
    this.at = at;
  }
}

/** Decides how to read a file from its magic bytes; the name only breaks ties for plain text. */
export function sniffContainer(first: Uint8Array): Container {
  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) return "gzip";
  if (first.length >= 4 && first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04) return "xlsx-zip";
  if (first.length >= 4 && first[0] === 0xd0 && first[1] === 0xcf && first[2] === 0x11 && first[3] === 0xe0) return "xls";
  return "text";
}

// A bomb is small: "1 MB from 0 MB" would hide the very ratio the message is about.
const mb = (n: number): string => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${Math.round(n / 1024 / 1024)} MB`);

/**
 * Passes inflated chunks through while counting them; refuses as soon as the output outgrows either
 * limit. `compressedBytes` is read lazily because the compressed size may only be known as it streams.
 */
export async function* guardInflated(
  chunks: AsyncIterable<Uint8Array>,
  what: string,
  compressedBytes: () => number,
  limits: DecompressionLimits,
): AsyncGenerator<Uint8Array> {
  let out = 0;
  for await (const chunk of chunks) {
    out += chunk.length;
    if (out > limits.maxBytes) {
      throw new ImportRefusedError(`${what} unpacks to more than ${mb(limits.maxBytes)}, the largest file this server accepts. Split the export into smaller files.`);
    }
    const inBytes = Math.max(compressedBytes(), 1);
    // Small inputs compress extremely well (runs of one value); judge the ratio only past 1 MB of output.
    if (out > 1024 * 1024 && out / inBytes > limits.maxRatio) {
      throw new ImportRefusedError(
        `${what} unpacks to over ${limits.maxRatio} times its compressed size (${mb(out)} from ${mb(inBytes)} so far), which real exports never do; it was refused as a possible decompression bomb.`,
      );
    }
    yield chunk;
  }
}

/** Reads a random-access input front to back in fixed-size pieces. */
export async function* readSequential(input: RandomAccessInput, from = 0, to = input.size, pieceBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let at = from; at < to; at += pieceBytes) yield await input.read(at, Math.min(pieceBytes, to - at));
}

/** A RandomAccessInput over bytes already in memory (tests, and an XLSX that arrived gzipped). */
export function memoryInput(bytes: Uint8Array): RandomAccessInput {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
  };
}

/** Collects a stream into one array, refusing beyond `maxBytes` (used only for gzipped XLSX). */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > maxBytes) throw new ImportRefusedError(`The file unpacks to more than ${mb(maxBytes)}.`);
    parts.push(c);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
