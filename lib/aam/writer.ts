// Streaming writer for inbound files: record lines in, finished parts out, every part under maxPartBytes.
//
// Memory: two batch buffers (one being filled while the other is compressed) plus whatever the compressor
// and the consumer hold; nothing grows with the input.
//
// Part names. All parts share one base name and timestamp, and are numbered `.1`, `.2`, ... only when there
// is more than one (spec §1.1, §4.2). A part's final name is therefore known when the part is CLOSED, not
// when it is opened: a part closed because the next record did not fit is numbered (a next part follows);
// the part still open at finish() is numbered only if it is not the first. Consumers receive:
//   - openPart({ index, provisionalName }): provisionalName is always the numbered name; write the bytes
//     somewhere AAM does not read (a temp file, a staging key) under it;
//   - sink.close({ name, ... }): the final name, to publish under (rename the file; copy the staged object).
// This keeps the writer streaming (a part is never held in memory to learn its name) and means a partial
// part is never visible under a name AAM would pick up.
//
// Compressed size is only known after compression, so a gzip part is filled against an upper bound:
// exact compressed size at the last zlib sync flush + worst-case deflate expansion of everything written
// since + the gzip trailer. When the next batch might not fit, the writer flushes to learn the exact size,
// then writes the largest run of whole lines that is guaranteed to fit, and starts the next part.
import { buildInboundName, type InboundMode } from "./file-name";
import { makeIssue, type AamIssue } from "./issues";
import { MAX_LINE_BYTES } from "./line-splitter";
import { encodeUtf8Into } from "./utf8";

/** A gzip stream for one part. Node's adapter is lib/cli/node-gzip.ts; tests may use any implementation. */
export interface GzipSink {
  /** Uncompressed bytes. The sink may read `chunk` until the returned promise settles; wait for it before reusing the memory. */
  write(chunk: Uint8Array): void | Promise<void>;
  /** Compressed bytes produced so far (may lag behind what was written). */
  compressedBytes(): number;
  /** Compresses everything written so far (a zlib sync flush) and resolves with the exact compressed bytes produced so far. */
  flush(): Promise<number>;
  /** Ends the gzip stream. `bytes` holds the output when the sink buffered it (no onData given), else null. */
  end(): Promise<{ bytes: Uint8Array[] | null; compressedBytes: number }>;
  /** Stops after an error; no more output. */
  destroy?(error?: unknown): void;
}

/** One gzip stream per part; output goes to `onData` in order, and a promise it returns pauses the compressor (backpressure). */
export type CreateCompressor = (onData?: (chunk: Uint8Array) => void | Promise<void>) => GzipSink;

export interface OpenPartInfo {
  index: number;
  /** The numbered name (`...sync.<index>.gz`); the final name may drop the number, see the file comment. */
  provisionalName: string;
}

export interface ClosedPart {
  index: number;
  provisionalName: string;
  /** The name to publish the part under. */
  name: string;
  /** Bytes of the part as stored (compressed when gzip). */
  bytes: number;
  /** Uncompressed bytes. */
  rawBytes: number;
  lines: number;
}

/** Where a part's bytes go (a file, an S3 multipart upload). */
export interface PartSink {
  /** The part's bytes in order; `chunk` may be reused once the returned promise settles (or write returns). */
  write(chunk: Uint8Array): void | Promise<void>;
  /** The part is complete; publish it under `part.name`. */
  close(part: ClosedPart): void | Promise<void>;
  /** The writer failed or was aborted: discard what was written. */
  abort?(error: unknown): void | Promise<void>;
}

export interface InboundWriterOptions {
  dpid: number;
  targetDpid?: number;
  mode: InboundMode;
  /** UNIX seconds, shared by every part. */
  timestamp: number;
  /** Upper limit for each part as stored (compressed bytes when gzip). */
  maxPartBytes: number;
  gzip: boolean;
  /** Required when gzip is true. */
  createCompressor?: CreateCompressor;
  openPart(info: OpenPartInfo): PartSink | Promise<PartSink>;
  /** Uncompressed bytes gathered before handing data on (default 1 MiB). */
  batchBytes?: number;
  /** Upper limit for each part's uncompressed bytes (default AAM's 5 GB). */
  maxPartRawBytes?: number;
}

export interface InboundWriterResult {
  /** The unnumbered name (`ftp_dpm_..._<ts>.sync.gz`). */
  baseName: string;
  parts: ClosedPart[];
  lines: number;
  rawBytes: number;
  bytes: number;
  /** FILE_EMPTY when no line was written (no part is produced: AAM rejects empty files). */
  issues: AamIssue[];
}

export interface InboundWriter {
  /**
   * Adds one record line (no terminator; use formatRecord). When a promise is returned, wait for it before
   * the next write: that is the backpressure. Throws on lines AAM would reject outright (empty, containing
   * a line break, over 102,400 bytes): validate records first.
   */
  write(line: string): void | Promise<void>;
  finish(): Promise<InboundWriterResult>;
  abort(error?: unknown): Promise<void>;
}

/** Worst-case deflate output for n input bytes after a sync flush (stored blocks cost 5 bytes per 64 KiB; 1/1024 is ample). */
export function deflateBound(n: number): number {
  return n + Math.ceil(n / 1024) + 64;
}
/** gzip header (10), final block and alignment, trailer (8), with room to spare. */
const GZIP_OVERHEAD = 64;

export function createInboundWriter(o: InboundWriterOptions): InboundWriter {
  const ext = o.gzip ? "gz" : undefined;
  const nameFor = (split?: number) =>
    buildInboundName({ dpid: o.dpid, targetDpid: o.targetDpid, timestamp: o.timestamp, mode: o.mode, split, ext });
  const baseName = nameFor(undefined);
  if (o.gzip && !o.createCompressor) throw new TypeError("gzip needs createCompressor");
  const limit = o.maxPartBytes;
  if (!Number.isFinite(limit) || limit < (o.gzip ? deflateBound(MAX_LINE_BYTES) + GZIP_OVERHEAD : MAX_LINE_BYTES)) {
    throw new RangeError(`maxPartBytes must be at least ${o.gzip ? deflateBound(MAX_LINE_BYTES) + GZIP_OVERHEAD : MAX_LINE_BYTES} so that any valid line fits in a part`);
  }
  const rawLimit = o.maxPartRawBytes ?? 5_000_000_000;
  // Batches stay well under the part size so parts fill closely; the slack holds one worst-case line.
  const target = Math.max(4096, Math.min(o.batchBytes ?? 1 << 20, Math.floor(limit / 16)));
  const capacity = target + 3 * MAX_LINE_BYTES + 1;
  const minStep = Math.min(64 * 1024, Math.floor(limit / 16));
  const buffers = [new Uint8Array(capacity), new Uint8Array(capacity)];
  let ends = new Uint32Array(1024); // line end offsets in the current buffer
  let buf = buffers[0]!;
  let which = 0;
  let used = 0;
  let lineCount = 0;
  let inflight: Promise<void> | null = null;
  let failed: unknown = null;
  let finished = false;
  let waiting = false; // a write() promise is pending: the buffer being filled next is still in use

  type Part = { info: OpenPartInfo; sink: PartSink; gz: GzipSink | null; raw: number; lines: number; exact: number; rawAtFlush: number };
  let part: Part | null = null;
  const closed: ClosedPart[] = [];
  let totalLines = 0;

  async function openNext(): Promise<Part> {
    const index = closed.length + 1;
    const info = { index, provisionalName: nameFor(index) };
    const sink = await o.openPart(info);
    const gz = o.gzip ? o.createCompressor!((chunk) => sink.write(chunk)) : null;
    return { info, sink, gz, raw: 0, lines: 0, exact: 0, rawAtFlush: 0 };
  }

  async function closePart(p: Part, numbered: boolean): Promise<void> {
    const bytes = p.gz ? (await p.gz.end()).compressedBytes : p.raw;
    const c: ClosedPart = { ...p.info, name: numbered ? p.info.provisionalName : baseName, bytes, rawBytes: p.raw, lines: p.lines };
    await p.sink.close(c);
    closed.push(c);
  }

  /** Bytes of this part as stored if `n` more raw bytes were written and the part ended (an upper bound for gzip). */
  const upper = (p: Part, n: number) => (p.gz ? p.exact + deflateBound(p.raw - p.rawAtFlush + n) + GZIP_OVERHEAD : p.raw + n);

  async function put(p: Part, data: Uint8Array, lines: number): Promise<void> {
    p.raw += data.length;
    p.lines += lines;
    await (p.gz ? p.gz.write(data) : p.sink.write(data));
  }

  /** Moves a filled buffer into parts, splitting at line ends where a part is full. */
  async function drain(data: Uint8Array, lineEnds: Uint32Array, count: number): Promise<void> {
    let from = 0; // first line not yet written
    let fromByte = 0;
    while (from < count) {
      part ??= await openNext();
      const p = part;
      const rest = lineEnds[count - 1]! - fromByte;
      if (upper(p, rest) <= limit && p.raw + rest <= rawLimit) {
        await put(p, data.subarray(fromByte, fromByte + rest), count - from);
        return;
      }
      if (p.gz && p.raw > p.rawAtFlush) {
        p.exact = await p.gz.flush();
        p.rawAtFlush = p.raw;
        continue; // re-check against the exact size
      }
      // Largest run of whole lines that surely fits (binary search; `upper` grows with n).
      let lo = from - 1;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        const n = lineEnds[mid]! - fromByte;
        if (upper(p, n) <= limit && p.raw + n <= rawLimit) lo = mid;
        else hi = mid - 1;
      }
      const headroom = limit - upper(p, 0);
      // For gzip, writing a small remainder costs a flush per step; below minStep, starting a new part is cheaper.
      if (lo >= from && (!p.gz || headroom >= minStep || p.lines === 0)) {
        const end = lineEnds[lo]!;
        await put(p, data.subarray(fromByte, end), lo - from + 1);
        from = lo + 1;
        fromByte = end;
        if (p.gz) continue; // the flush above will measure what this cost
      }
      if (p.lines === 0) throw new RangeError("a line does not fit in an empty part"); // unreachable given the maxPartBytes check
      if (from < count) {
        part = null;
        await closePart(p, true);
      }
    }
  }

  function submit(): Promise<void> {
    const data = buf;
    const lineEnds = ends;
    const count = lineCount;
    const previous = inflight;
    // Switch buffers so the caller can fill the other one while this one is compressed.
    which ^= 1;
    buf = buffers[which]!;
    ends = new Uint32Array(Math.max(1024, count));
    used = 0;
    lineCount = 0;
    const run = (previous ?? Promise.resolve()).then(() => drain(data, lineEnds, count));
    inflight = run.catch(async (e: unknown) => {
      // Clean up at once: the caller sees the error on its next write() and may never call finish().
      if (!failed) {
        failed = e;
        await failAll(e);
      }
      throw e;
    });
    inflight.catch(() => {}); // surfaced through the next write/finish
    // Return the previous batch: once it is done, the buffer we switched to is free again.
    if (!previous) return Promise.resolve();
    waiting = true;
    return previous.finally(() => {
      waiting = false;
    });
  }

  async function failAll(error: unknown): Promise<void> {
    const p = part;
    part = null;
    p?.gz?.destroy?.(error);
    await p?.sink.abort?.(error);
  }

  return {
    write(line) {
      if (failed) throw failed;
      if (finished) throw new Error("the writer is finished");
      if (waiting) throw new Error("wait for the promise returned by the previous write() before writing more");
      if (line.length === 0) throw new RangeError("empty line: AAM files must not contain blank lines");
      if (line.length > MAX_LINE_BYTES) throw new RangeError(`line over ${MAX_LINE_BYTES} bytes`);
      if (line.indexOf("\n") >= 0 || line.indexOf("\r") >= 0) throw new RangeError("a line must not contain CR or LF");
      const start = used;
      const end = encodeUtf8Into(line, buf, start);
      if (end - start + 1 > MAX_LINE_BYTES) throw new RangeError(`line of ${end - start + 1} bytes is over ${MAX_LINE_BYTES}`);
      buf[end] = 10;
      used = end + 1;
      if (lineCount === ends.length) {
        const grown = new Uint32Array(ends.length * 2);
        grown.set(ends);
        ends = grown;
      }
      ends[lineCount++] = used;
      totalLines++;
      if (used >= target) return submit();
    },
    async finish() {
      if (finished) throw new Error("finish() called twice");
      if (waiting) throw new Error("wait for the promise returned by the previous write() before finishing");
      finished = true;
      try {
        if (lineCount > 0) await submit();
        await inflight;
        if (part) {
          const p = part;
          part = null;
          await closePart(p, p.info.index > 1);
        }
      } catch (e) {
        if (!failed) await failAll(e);
        failed ??= e;
        throw e;
      }
      const issues: AamIssue[] = [];
      if (totalLines === 0) issues.push(makeIssue("FILE_EMPTY", "error", "No records to write; AAM rejects empty files, so no file was produced.", {}));
      return {
        baseName,
        parts: closed,
        lines: totalLines,
        rawBytes: closed.reduce((a, p) => a + p.rawBytes, 0),
        bytes: closed.reduce((a, p) => a + p.bytes, 0),
        issues,
      };
    },
    async abort(error) {
      finished = true;
      failed ??= error ?? new Error("aborted");
      await inflight?.catch(() => {});
      await failAll(failed);
    },
  };
}
