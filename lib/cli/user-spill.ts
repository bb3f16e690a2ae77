// The per-user table's spill (lib/aam/user-counter.ts) as temporary files, one per partition, so the CLI's
// memory stays under its target however many users a file holds. Writes are synchronous because validation
// is; each append is a 24 KB block, so the system call cost is small next to parsing the lines.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SPILL_ENTRY_WORDS, type UserSpill, type UserSpillOptions } from "../aam/user-counter";

/**
 * Table budget for the CLI: 24 MiB while the table doubles, so 16 MiB (2M slots, 1.57M users) at rest. Files
 * with fewer users never touch the disk; past it, spilling cost ~7% of convert's time on a 1 GB file of
 * 23M users (`npm run bench -- aam`), and 48 MiB left only 20 MB of the 200 MB target.
 */
export const CLI_USER_TABLE_BYTES = 24 * 1024 * 1024;

const READ_CHUNK_BYTES = 1 << 20;
const ENTRY_BYTES = SPILL_ENTRY_WORDS * 4;

export interface DisposableSpill extends UserSpillOptions {
  /** Closes and deletes the files (also after a failure). */
  dispose(): void;
}

export function createUserSpill(options: { dir?: string; maxTableBytes?: number } = {}): DisposableSpill {
  let dir: string | null = null;
  const fds = new Map<number, number>();

  function fileOf(partition: number): string {
    dir ??= mkdtempSync(path.join(options.dir ?? tmpdir(), "aam-users-"));
    return path.join(dir, `p${partition}`);
  }

  const spill: UserSpill = {
    append(partition, words) {
      let fd = fds.get(partition);
      if (fd === undefined) {
        fd = openSync(fileOf(partition), "w+");
        fds.set(partition, fd);
      }
      const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    },
    *read(partition) {
      const fd = fds.get(partition);
      if (fd === undefined) return;
      // A Uint32Array's own buffer, so the view is aligned; whole entries only, a partial tail waits.
      const words = new Uint32Array(READ_CHUNK_BYTES / 4);
      const bytes = new Uint8Array(words.buffer);
      let position = 0;
      let carry = 0;
      for (;;) {
        const n = readSync(fd, bytes, carry, bytes.length - carry, position);
        position += n;
        const have = carry + n;
        const whole = have - (have % ENTRY_BYTES);
        if (whole > 0) yield words.subarray(0, whole / 4);
        if (n === 0) return;
        carry = have - whole;
        bytes.copyWithin(0, whole, have);
      }
    },
  };

  return {
    spill,
    maxTableBytes: options.maxTableBytes ?? CLI_USER_TABLE_BYTES,
    dispose() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
