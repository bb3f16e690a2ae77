import { describe, expect, it } from "vitest";
import { createUserCounter } from "@/lib/aam/user-counter";

describe("createUserCounter", () => {
  it("counts lines per exact ID and saturates at 255", () => {
    const c = createUserCounter({ foldCase: false });
    expect([c.add("a"), c.add("b"), c.add("a"), c.add("a")]).toEqual([1, 1, 2, 3]);
    for (let i = 0; i < 300; i++) c.add("b");
    expect(c.add("b")).toBe(255);
    expect(c.users).toBe(2);
  });

  it("stays exact while growing far past its initial table (200,000 users)", () => {
    const c = createUserCounter({ foldCase: true });
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (c.add(`crm-${i}`) !== 1) wrong++;
    for (let i = 0; i < 200_000; i += 997) if (c.add(`crm-${i}`) !== 2) wrong++;
    expect(wrong).toBe(0);
    expect(c.users).toBe(200_000);
    expect(c.tableBytes).toBe(8 * 2 ** 19); // 8 bytes a slot, load <= 0.75
  });

  it("flags the first sighting of each case variant, and counts variants separately", () => {
    const c = createUserCounter({ foldCase: true });
    const seen: Array<[number, boolean]> = [];
    for (const id of ["User1", "user1", "user1", "USER1", "User1"]) seen.push([c.add(id), c.caseCollision]);
    expect(seen).toEqual([
      [1, false],
      [1, true],
      [2, false],
      [1, true],
      [2, false],
    ]);
    expect(c.users).toBe(3);
  });

  it("without foldCase, case variants are simply different users", () => {
    const c = createUserCounter({ foldCase: false });
    c.add("ABC");
    expect(c.add("abc")).toBe(1);
    expect(c.caseCollision).toBe(false);
  });
});

/** A spill in memory, so the test sees exactly what the counter stores. */
function memorySpill(maxTableBytes: number) {
  const parts = new Map<number, number[]>();
  return {
    parts,
    options: {
      maxTableBytes,
      spill: {
        append(p: number, words: Uint32Array) {
          const list = parts.get(p) ?? [];
          for (const w of words) list.push(w);
          parts.set(p, list);
        },
        *read(p: number) {
          // Odd chunk sizes: entries must be read back whole whatever the chunking.
          const all = Uint32Array.from(parts.get(p) ?? []);
          for (let i = 0; i < all.length; i += 3 * 7) yield all.subarray(i, Math.min(all.length, i + 3 * 7));
        },
      },
    },
  };
}

describe("createUserCounter with a spill", () => {
  // 120,000 users; the 64K-slot table is full after the first 49,153 (budget 1 byte: it never doubles).
  // Spilled: 'u-100000' with 1 + 205 lines, 'U-110000'/'u-110000' case variants, 'late' with 202 lines.
  // In the table: 'u-3' with 1 + 203 lines (reported at once), 'U-9' a case variant of 'u-9'.
  function ids(): string[] {
    const out: string[] = [];
    for (let i = 0; i < 120_000; i++) out.push(`u-${i}`);
    for (let k = 0; k < 205; k++) out.push("u-100000");
    out.push("U-110000", "U-9", "U-110000", "u-9");
    for (let k = 0; k < 202; k++) out.push("late");
    out.splice(10, 0, ...Array.from({ length: 203 }, () => "u-3"));
    return out;
  }

  function judge(counter: ReturnType<typeof createUserCounter>, list: string[]) {
    const over: number[] = [];
    const cases: number[] = [];
    list.forEach((id, i) => {
      const line = i + 1;
      if (counter.add(id, line) > 200) over.push(line);
      if (counter.caseCollision) cases.push(line);
    });
    const first = new Map<number, number>();
    counter.settle(200, {
      overLimit: ({ line, firstLine }) => {
        over.push(line);
        first.set(line, firstLine);
      },
      caseCollision: ({ line }) => cases.push(line),
    });
    return { over: over.sort((a, b) => a - b), cases: cases.sort((a, b) => a - b), first };
  }

  it("reports exactly the lines an unbounded table reports, and counts the same users", () => {
    const list = ids();
    const unbounded = createUserCounter({ foldCase: true });
    const exact = judge(unbounded, list);
    const mem = memorySpill(1);
    const bounded = createUserCounter({ foldCase: true, spill: mem.options });
    const got = judge(bounded, list);
    expect(bounded.spilledLines).toBeGreaterThan(70_000);
    expect(got.over).toEqual(exact.over);
    expect(got.cases).toEqual(exact.cases);
    expect(got.over).toHaveLength(6 + 4 + 2); // lines 201+ of u-100000 (206), u-3 (204), late (202)
    expect(got.over.filter((l) => list[l - 1] === "u-3")).toHaveLength(4);
    expect(got.cases.map((l) => list[l - 1])).toEqual(["U-110000", "U-9"]);
    // The spilled user's report names its first line, so the user can find the ID.
    const spilledFirst = list.indexOf("u-100000") + 1;
    expect(got.first.get(got.over.find((l) => list[l - 1] === "u-100000")!)).toBe(spilledFirst);
    expect(bounded.users).toBe(unbounded.users);
    expect(bounded.users).toBe(new Set(list).size);
    expect(bounded.tableBytes).toBe(0); // freed by settle()
  });

  it("never lets the table outgrow its budget, counting the moment it doubles", () => {
    const budget = 8 * ((1 << 16) + (1 << 17)); // the 64K- and 128K-slot tables side by side, not more
    const c = createUserCounter({ foldCase: false, spill: memorySpill(budget).options });
    let peak = 0;
    for (let i = 0; i < 300_000; i++) {
      c.add(`u${i}`, i + 1);
      peak = Math.max(peak, c.tableBytes);
    }
    expect(peak).toBe(8 * (1 << 17));
    expect(c.spilledLines).toBe(300_000 - Math.floor((1 << 17) * 0.75) - 1);
  });

  it("does nothing in settle() when nothing spilled", () => {
    const mem = memorySpill(1 << 30);
    const c = createUserCounter({ foldCase: false, spill: mem.options });
    c.add("a", 1);
    c.settle(200, { overLimit: () => expect.fail("no spill"), caseCollision: () => expect.fail("no spill") });
    expect(mem.parts.size).toBe(0);
    expect(c.users).toBe(1);
  });
});
