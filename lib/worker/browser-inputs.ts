// Browser adapters for lib/crm's byte inputs: a Blob (a dropped File, or text the worker kept) as a
// random-access input, the platform's DecompressionStream as the inflater, and TextDecoder for UTF-8.
import type { Inflate, RandomAccessInput } from "@/lib/crm/byte-input";

export function blobInput(blob: Blob): RandomAccessInput {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

export const browserInflate: Inflate = (format, chunks) => {
  const source = chunks[Symbol.asyncIterator]();
  const input = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await source.return?.();
    },
  });
  const out = input.pipeThrough(new DecompressionStream(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return (async function* () {
    const reader = out.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } catch {
      throw new Error(format === "gzip" ? "The file is not valid gzip (it may be truncated or damaged)." : "The workbook is damaged: a part could not be unpacked.");
    } finally {
      reader.releaseLock();
    }
  })();
};

export const nativeUtf8 = () => new TextDecoder("utf-8");

/** Collects bytes into Blobs of ~8 MB, so kept text lives in the browser's blob store, not the JS heap. */
export class BlobBuilder {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private blobs: Blob[] = [];
  add(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.partBytes += bytes.length;
    if (this.partBytes >= 8 * 1024 * 1024) this.flush();
  }
  private flush(): void {
    if (this.parts.length === 0) return;
    this.blobs.push(new Blob(this.parts as BlobPart[]));
    this.parts = [];
    this.partBytes = 0;
  }
  blob(type = ""): Blob {
    this.flush();
    return new Blob(this.blobs, type ? { type } : {});
  }
}
