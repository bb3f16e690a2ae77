// Opens an input file as a stream of byte chunks, gunzipping transparently when the content is gzip (by its
// magic bytes, not its name: the name/content mismatch is itself something to report).
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import zlib from "node:zlib";

export type ContentKind = "plain" | "gzip" | "zip";

export interface OpenedInput {
  /** Size on disk. */
  size: number;
  kind: ContentKind;
  /** Chunks of the (decompressed) content. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Bytes of the file read so far (compressed bytes for gzip), for progress against `size`. */
  bytesRead(): number;
}

const CHUNK = 1 << 20;

/** stat() of a file the user named; a directory (or device) is an I/O error naming it, like ENOENT. */
export async function statFile(path: string): Promise<Stats> {
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: "ENOTFILE" });
  return info;
}

export async function openInput(path: string): Promise<OpenedInput> {
  const info = await statFile(path);
  const head = Buffer.alloc(4);
  const fh = await open(path, "r");
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  const kind = sniff(head, info.size);
  let file: ReturnType<typeof createReadStream> | null = null;
  return {
    size: info.size,
    kind,
    bytesRead: () => file?.bytesRead ?? 0,
    chunks() {
      file = createReadStream(path, { highWaterMark: CHUNK });
      if (kind !== "gzip") return file;
      const source = file;
      return source.pipe(zlib.createGunzip({ chunkSize: CHUNK })).on("error", () => source.destroy());
    },
  };
}

function sniff(head: Buffer, size: number): ContentKind {
  if (size >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (size >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  return "plain";
}
