import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileValidator } from "@/lib/aam/validate";
import { createUserSpill } from "@/lib/cli/user-spill";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "spill-test-"));
  dirs.push(d);
  return d;
}

describe("createUserSpill (temporary files)", () => {
  it("reads back every entry in order across read chunks, and deletes its files on dispose", () => {
    const dir = tempDir();
    const s = createUserSpill({ dir });
    // 150,000 entries = 1.8 MB: more than one 1 MiB read chunk, which is not a multiple of 12 bytes.
    const block = new Uint32Array(3 * 1000);
    for (let b = 0; b < 150; b++) {
      for (let i = 0; i < block.length; i++) block[i] = b * block.length + i;
      s.spill.append(5, block);
    }
    const back: number[] = [];
    for (const chunk of s.spill.read(5)) {
      expect(chunk.length % 3).toBe(0);
      for (const w of chunk) back.push(w);
    }
    expect(back).toHaveLength(450_000);
    expect(back.every((w, i) => w === i)).toBe(true);
    expect([...s.spill.read(6)]).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(1);
    s.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("makes no files when nothing spills", () => {
    const dir = tempDir();
    const s = createUserSpill({ dir });
    s.dispose();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe("file validator with a bounded user table", () => {
  // 60,000 users overflow a 64K-slot table that may not double (budget of 1 byte); one spilled user then
  // gets 201 more lines, and a spilled user reappears in another letter case.
  function lines(): string[] {
    const out: string[] = [];
    for (let i = 0; i < 60_000; i++) out.push(`crm-${i}\td_sid=1`);
    for (let k = 0; k < 201; k++) out.push(`crm-55000\td_sid=2`);
    out.push(`CRM-59999\td_sid=3`);
    return out;
  }

  // "read": lines of a file (validate); "write": records about to be written (convert), which the
  // bounded validator accepts before it can judge them, and reports as late errors.
  it.each(["read", "write"] as const)("reports the same lines as the unbounded table (%s)", (purpose) => {
    const dir = tempDir();
    const spill = createUserSpill({ dir, maxTableBytes: 1 });
    const bounded = createFileValidator({ idType: "dpuuid", mode: "sync", purpose, userSpill: spill });
    const unbounded = createFileValidator({ idType: "dpuuid", mode: "sync", purpose });
    const refusedNow: number[] = [];
    lines().forEach((l, i) => {
      if (purpose === "read") {
        bounded.push(l);
        unbounded.push(l);
        return;
      }
      const [id, signal] = l.split("\t");
      const record = { id: id!, signals: [{ kind: "sid" as const, traitId: signal!.slice("d_sid=".length) }] };
      bounded.pushRecord(record, i + 1);
      if (!unbounded.pushRecord(record, i + 1)) refusedNow.push(i + 1);
    });
    const a = bounded.finish();
    const [spillDir] = readdirSync(dir);
    expect(readdirSync(path.join(dir, spillDir!)).length).toBeGreaterThan(30); // the spill went to disk
    spill.dispose();
    expect(readdirSync(dir)).toEqual([]);
    const b = unbounded.finish();
    const where = (r: typeof a) => r.issues.map((i) => `${i.code}@${i.line}`).sort();
    expect(where(a)).toEqual(where(b));
    expect(where(a)).toEqual(["ID_CASE_COLLISION@60202", "USER_LINE_LIMIT@60200", "USER_LINE_LIMIT@60201"]); // 1 + 201 lines
    expect(a.stats.users).toBe(b.stats.users);
    expect(a.countsByCode).toEqual(b.countsByCode);
    const limit = a.issues.find((i) => i.code === "USER_LINE_LIMIT")!;
    expect(limit.message).toContain("first on line 55001");
    expect(limit.message.includes("after it had been passed on for writing")).toBe(purpose === "write");
    // Unbounded, the two lines are refused as they come; bounded, they were accepted and count as late errors.
    expect(refusedNow).toEqual(purpose === "write" ? [60200, 60201] : []);
    expect(a.lateErrors).toBe(purpose === "write" ? 2 : 0);
    expect(b.lateErrors).toBe(0);
  });

  it("a record its caller drops anyway (willWrite false) is no late error", () => {
    const spill = createUserSpill({ dir: tempDir(), maxTableBytes: 1 });
    const v = createFileValidator({ idType: "dpuuid", mode: "sync", purpose: "write", userSpill: spill });
    lines().forEach((l, i) => {
      const [id] = l.split("\t");
      v.pushRecord({ id: id!, signals: [{ kind: "sid", traitId: "1" }] }, i + 1, id !== "crm-55000");
    });
    const r = v.finish();
    spill.dispose();
    expect(r.countsByCode.USER_LINE_LIMIT).toBe(2);
    expect(r.lateErrors).toBe(0);
    expect(r.issues.find((i) => i.code === "USER_LINE_LIMIT")!.message).not.toContain("passed on for writing");
  });
});
