// node:zlib behind lib/aam's GzipSink, for the CLI and the server. zlib runs on libuv's thread pool, so the
// writer encodes the next batch in JS while this one is compressed. The output chunk is sized to hold a whole
// writer batch (1 MiB in) compressed: zlib then finishes a batch in one thread-pool job instead of stopping
// for a JS callback per chunk, which stalled while JS was busy (measured: 0.85 -> ~1.0 of bare gzip speed).
import zlib from "node:zlib";
import type { CreateCompressor, GzipSink } from "../aam/writer";

export interface NodeGzipOptions {
  /** zlib level, 1-9 (default 6, zlib's default: the usual size/speed balance). */
  level?: number;
  /** Output chunk size in bytes (default 1 MiB + 64 KiB: one writer batch, compressed, even if incompressible). */
  chunkSize?: number;
}

export function createNodeGzipFactory(options: NodeGzipOptions = {}): CreateCompressor {
  return (onData) => createNodeGzip(onData, options);
}

export function createNodeGzip(onData: ((chunk: Uint8Array) => void | Promise<void>) | undefined, options: NodeGzipOptions = {}): GzipSink {
  const gz = zlib.createGzip({ level: options.level ?? 6, chunkSize: options.chunkSize ?? (1 << 20) + (64 << 10) });
  const collected: Uint8Array[] | null = onData ? null : [];
  let emitted = 0;
  let error: Error | null = null;
  gz.on("error", (e) => {
    error ??= e;
  });
  gz.on("data", (chunk: Buffer) => {
    emitted += chunk.length;
    if (collected) {
      collected.push(chunk);
      return;
    }
    const r = onData!(chunk);
    if (r && typeof r.then === "function") {
      // The consumer is slow: stop reading output until it catches up, which in turn stops zlib taking input.
      gz.pause();
      r.then(
        () => gz.resume(),
        (e: unknown) => gz.destroy(e instanceof Error ? e : new Error(String(e))),
      );
    }
  });
  const ended = new Promise<void>((resolve, reject) => {
    gz.on("end", resolve);
    gz.on("error", reject);
    gz.on("close", () => (error ? reject(error) : undefined));
  });
  ended.catch(() => {});

  const settle = (resolve: () => void, reject: (e: Error) => void) => (e?: Error | null) => {
    const err = e ?? error;
    if (err) reject(err);
    else resolve();
  };

  return {
    write(chunk) {
      if (error) return Promise.reject(error);
      return new Promise<void>((resolve, reject) => {
        gz.write(chunk, settle(resolve, reject));
      });
    },
    compressedBytes: () => emitted + gz.readableLength,
    flush() {
      if (error) return Promise.reject(error);
      return new Promise<number>((resolve, reject) => {
        // Output not yet handed to onData (paused for backpressure) is still produced, so it counts.
        gz.flush(zlib.constants.Z_SYNC_FLUSH, () => (error ? reject(error) : resolve(emitted + gz.readableLength)));
      });
    },
    async end() {
      gz.end();
      await ended;
      return { bytes: collected, compressedBytes: emitted };
    },
    destroy(e) {
      gz.destroy(e instanceof Error ? e : undefined);
    },
  };
}
