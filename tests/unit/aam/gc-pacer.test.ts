import { describe, expect, it } from "vitest";
import { collector, createGcPacer } from "@/lib/cli/gc-pacer";

describe("createGcPacer", () => {
  it("collects once per `everyBytes` read, however the reads are sized", () => {
    let runs = 0;
    const pace = createGcPacer(100, () => () => void runs++);
    for (const total of [10, 60, 99]) pace(total);
    expect(runs).toBe(0);
    pace(100);
    expect(runs).toBe(1);
    pace(150); // next collection only 100 bytes after the last one
    expect(runs).toBe(1);
    pace(450); // one large read: one collection, not three
    expect(runs).toBe(2);
    pace(549);
    expect(runs).toBe(2);
    pace(550);
    expect(runs).toBe(3);
  });

  it("reaches V8's gc() in this Node without --expose-gc on the command line, and it frees memory", () => {
    const gc = collector();
    expect(typeof gc).toBe("function");
    // A 64 MiB buffer that nothing references any more is gone after one call.
    let big: Uint8Array | null = new Uint8Array(64 << 20).fill(1);
    const before = process.memoryUsage().arrayBuffers;
    expect(big[0]).toBe(1);
    big = null;
    gc!();
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(before - (48 << 20));
  });
});
