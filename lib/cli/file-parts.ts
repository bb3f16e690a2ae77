// Writer parts as files. Each part is written to `<provisional name>.partial` and only given its final
// name once the whole conversion has succeeded (see lib/aam/writer.ts on why final names come last), so a
// directory watched by an uploader never holds a half-written or orphaned file under an AAM name.
import { createWriteStream, type WriteStream } from "node:fs";
import { access, link, unlink } from "node:fs/promises";
import path from "node:path";
import type { ClosedPart, OpenPartInfo, PartSink } from "../aam/writer";

export interface FilePartStore {
  openPart(info: OpenPartInfo): Promise<PartSink>;
  /** Gives every closed part its final name; refuses to overwrite an existing file. Returns the paths. */
  publish(parts: readonly ClosedPart[]): Promise<string[]>;
  /** Removes every temporary file (after a failure). */
  discard(): Promise<void>;
}

export function createFilePartStore(dir: string): FilePartStore {
  const temps = new Map<number, { path: string; stream: WriteStream }>();

  function writeChunk(stream: WriteStream, chunk: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      stream.write(chunk, (e) => (e ? reject(e) : resolve()));
    });
  }

  return {
    async openPart(info) {
      const tmp = path.join(dir, `${info.provisionalName}.partial`);
      const stream = createWriteStream(tmp, { flags: "wx" });
      await new Promise<void>((resolve, reject) => {
        stream.once("open", () => resolve());
        stream.once("error", reject);
      });
      temps.set(info.index, { path: tmp, stream });
      return {
        write: (chunk) => writeChunk(stream, chunk),
        close: () =>
          new Promise<void>((resolve, reject) => {
            stream.once("error", reject);
            stream.end(() => resolve());
          }),
        abort: () => {
          stream.destroy();
        },
      };
    },
    async publish(parts) {
      const finals = parts.map((p) => path.join(dir, p.name));
      for (const f of finals) {
        const exists = await access(f).then(
          () => true,
          () => false,
        );
        if (exists) throw Object.assign(new Error(`${f} already exists; not overwriting it`), { code: "EEXIST", path: f });
      }
      for (const [i, p] of parts.entries()) {
        const tmp = temps.get(p.index)!.path;
        await link(tmp, finals[i]!); // link, unlike rename, fails rather than replace an existing file
        await unlink(tmp);
        temps.delete(p.index);
      }
      return finals;
    },
    async discard() {
      for (const { path: p, stream } of temps.values()) {
        stream.destroy();
        await unlink(p).catch(() => {});
      }
      temps.clear();
    },
  };
}
