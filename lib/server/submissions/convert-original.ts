// Server side of conversion: reads the stored original (CSV/TSV, gzip or XLSX) through the same lib/crm
// import pass the browser ran, replaying the user's patch list, and writes gzip parts to a temporary directory with
// lib/aam's writer. Nothing is held in memory beyond one chunk and the writer's batches.
import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { createInboundWriter, type ClosedPart } from "@/lib/aam/writer";
import type { IdType } from "@/lib/aam/id-rules";
import { ImportRefusedError } from "@/lib/crm/byte-input";
import type { ConversionSummary } from "@/lib/crm/conversion";
import type { Patch } from "@/lib/crm/patches";
import type { ImportMapping } from "@/lib/crm/run-import";
import { importFile } from "@/lib/server/import/node-inputs";
import { env } from "@/lib/server/env";
import { SafeError } from "@/lib/server/errors";
import { createNodeGzipFactory } from "@/lib/cli/node-gzip";
import { createUserSpill } from "@/lib/cli/user-spill";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";

export interface ConvertedPart extends ClosedPart {
  path: string;
  sha256: string;
}

export interface ConvertResult {
  summary: ConversionSummary;
  header: string[];
  parts: ConvertedPart[];
  dir: string;
  cleanup(): Promise<void>;
}

export async function convertOriginal(opts: {
  originalKey: string;
  mapping: ImportMapping;
  /** The user's fixes, replayed over the original exactly as the browser applied them. */
  patches?: readonly Patch[];
  idType: IdType;
  mode: "sync" | "overwrite";
  dpid: number;
  targetDpid: number | null;
  timestamp: number;
  maxPartBytes: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}): Promise<ConvertResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "aam-convert-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const parts: ConvertedPart[] = [];
  const writer = createInboundWriter({
    dpid: opts.dpid,
    ...(opts.targetDpid ? { targetDpid: opts.targetDpid } : {}),
    mode: opts.mode,
    timestamp: opts.timestamp,
    maxPartBytes: opts.maxPartBytes,
    gzip: true,
    createCompressor: createNodeGzipFactory(),
    openPart({ provisionalName }) {
      const file = path.join(dir, `${provisionalName}.partial`);
      const out: WriteStream = createWriteStream(file);
      const hash = createHash("sha256");
      // A disk error (or a write racing an abort) must reach the writer as a rejection, never as an
      // unhandled 'error' event that kills the worker process.
      let failure: Error | null = null;
      out.on("error", (e) => (failure ??= e));
      return {
        write(chunk) {
          if (failure) throw failure;
          hash.update(chunk);
          if (!out.write(chunk)) {
            return new Promise<void>((resolve, reject) => {
              const onDrain = () => {
                out.off("error", onError);
                resolve();
              };
              const onError = (e: Error) => {
                out.off("drain", onDrain);
                reject(e);
              };
              out.once("drain", onDrain);
              out.once("error", onError);
            });
          }
        },
        async close(part) {
          await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
          const final = path.join(dir, part.name);
          await rename(file, final);
          parts.push({ ...part, path: final, sha256: hash.digest("hex") });
        },
        abort() {
          out.destroy();
        },
      };
    },
  });
  try {
    const storage = storageTarget();
    const object = await serverS3Client().send(new GetObjectCommand({ Bucket: storage.bucket, Key: opts.originalKey }));
    // Downloaded first: an XLSX needs random access (its directory is at the end); text streams through.
    const originalPath = path.join(dir, "original");
    await pipeline(object.Body as Readable, createWriteStream(originalPath));
    // The per-user table stops at the CLI's budget and spills the rest into this job's temp directory, so a
    // file of tens of millions of users does not grow the worker by hundreds of MB (any error aborts below).
    const userSpill = createUserSpill({ dir });
    let header: string[] = [];
    let summary: ConversionSummary;
    try {
      const result = await importFile(originalPath, {
        limits: { maxBytes: env().MAX_UPLOAD_BYTES, maxRatio: 100 },
        mapping: opts.mapping,
        idType: opts.idType,
        mode: opts.mode,
        patches: opts.patches ?? [],
        maxIssues: 1000,
        onLine: (line) => writer.write(line) ?? undefined,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        userSpill,
      });
      header = result.header;
      summary = result.summary;
    } finally {
      userSpill.dispose();
    }
    if (summary.errors > 0 || summary.records === 0) {
      await writer.abort();
      return { summary, header, parts: [], dir, cleanup };
    }
    await writer.finish();
    parts.sort((a, b) => a.index - b.index);
    return { summary, header, parts, dir, cleanup };
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    await cleanup();
    throw asPermanent(error);
  }
}

/**
 * A refusal of the file's content is the same on every attempt: as a SafeError it fails the submission
 * at once with its own message, instead of being retried five times and reported as a delivery failure.
 */
function asPermanent(error: unknown): unknown {
  if (error instanceof ImportRefusedError) return new SafeError(error.message, 422);
  // node:zlib's data errors (Z_DATA_ERROR, Z_BUF_ERROR): a damaged .gz or workbook, not a passing fault.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^Z_(DATA|BUF)_ERROR$/.test(code)) {
    return new SafeError(`The file is damaged: its compressed data cannot be unpacked (${(error as Error).message}). Export it again. Nothing was imported.`, 422);
  }
  return error;
}
