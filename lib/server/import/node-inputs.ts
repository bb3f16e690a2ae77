// Node adapters for lib/crm's byte inputs: node:zlib for gzip and the DEFLATE inside XLSX, and a file on
// disk as a random-access input. Deliberately not "server-only": the CLI and the unit tests use them too.
import { open, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createInflateRaw } from "node:zlib";
import type { Inflate, RandomAccessInput } from "@/lib/crm/byte-input";
import { runImport, type ImportResult, type RunImportOptions } from "@/lib/crm/run-import";

export const nodeInflate: Inflate = (format, chunks) => {
  const out = format === "gzip" ? createGunzip() : createInflateRaw();
  // pipeline() destroys `out` with the source's error, so a failed read surfaces in the consumer's loop.
  pipeline(Readable.from(chunks), out).catch(() => undefined);
  return out as AsyncIterable<Uint8Array>;
};

export interface FileInput extends RandomAccessInput {
  close(): Promise<void>;
}

export async function openFileInput(path: string): Promise<FileInput> {
  const handle: FileHandle = await open(path, "r");
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await handle.read(buf, got, n - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    },
    close: () => handle.close(),
  };
}

/** A TextDecoder factory for lib/crm's UTF-8 fast path. */
export const nativeUtf8 = () => new TextDecoder("utf-8");

export type FileImportOptions = Omit<RunImportOptions, "inflate" | "nativeDecoder" | "onBatch"> & {
  /** After each batch: input bytes read so far, of the file's size. */
  onProgress?: (bytesRead: number, total: number) => void;
};

/** lib/crm's import pass over a file on disk with the Node adapters: the server's conversion job and the CLI. */
export async function importFile(path: string, { onProgress, ...opts }: FileImportOptions): Promise<ImportResult> {
  const input = await openFileInput(path);
  try {
    return await runImport(input, {
      ...opts,
      inflate: nodeInflate,
      nativeDecoder: nativeUtf8,
      ...(onProgress ? { onBatch: (batch) => void onProgress(batch.inputBytes, input.size) } : {}),
    });
  } finally {
    await input.close();
  }
}
