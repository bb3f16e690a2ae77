// A full garbage collection every few megabytes of input, for the CLI's streaming commands. Why: each read,
// writer batch and gzip chunk is a fresh 1 MiB ArrayBuffer, and many live across an await long enough to be
// promoted; once promoted, V8 frees them only in a full collection, which it starts for external memory only
// after ~64 MB more of it. So a 1 GB convert carried 60-70 MB of dead buffers (measured: `arrayBuffers` peak
// 74 MB on a 300 MB input; 16 MB when collecting often). One collection per 8 MB read costs ~1% of the time.
import v8 from "node:v8";
import vm from "node:vm";

export const GC_EVERY_BYTES = 8 << 20;

let collect: (() => void) | null | undefined;

/** gc() made callable without starting node with --expose-gc (the bin is run by npx, without flags). */
export function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  } catch {
    collect = null; // a runtime without it: memory is then V8's own business
  }
  return collect;
}

/** Returns `progress(totalBytesRead)`, which collects each time another `everyBytes` have been read. */
export function createGcPacer(everyBytes = GC_EVERY_BYTES, collect: () => (() => void) | null = collector): (totalBytes: number) => void {
  let next = everyBytes;
  return (totalBytes) => {
    if (totalBytes < next) return;
    next = totalBytes + everyBytes;
    collect()?.();
  };
}
