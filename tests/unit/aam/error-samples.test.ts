import { describe, expect, it } from "vitest";
import { createErrorSampler } from "@/lib/aam/error-samples";

const at = (line: number) => ({ file: "f", line, text: `line ${line}` });

describe("createErrorSampler", () => {
  it("keeps the 10 most common errors per type, exactly when they fit, with up to 3 samples each", () => {
    const s = createErrorSampler();
    for (let k = 0; k < 12; k++) for (let i = 0; i <= k; i++) s.add("formatErrors", `E${k}`, at(k * 100 + i));
    const r = s.result().formatErrors!;
    expect(r.map((e) => [e.key, e.count])).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((k) => [`E${k}`, k + 1]));
    expect(r[0]!.samples).toEqual([at(1100), at(1101), at(1102)]);
    expect(r.every((e) => e.overcount === 0)).toBe(true);
  });

  it("still finds the heavy hitters among many more distinct errors than it has room for", () => {
    const s = createErrorSampler({ capacity: 50 });
    for (let i = 0; i < 10_000; i++) {
      s.add("invalidAamId", `rare-${i}`, at(i));
      if (i % 10 === 0) s.add("invalidAamId", "common-a", at(i));
      if (i % 20 === 0) s.add("invalidAamId", "common-b", at(i));
    }
    const r = s.result().invalidAamId!;
    expect(r.slice(0, 2).map((e) => e.key)).toEqual(["common-a", "common-b"]);
    for (const e of r.slice(0, 2)) expect(e.count - e.overcount).toBeLessThanOrEqual(e.key === "common-a" ? 1000 : 500);
  });

  it("uses exact entries when given and omits empty types", () => {
    const s = createErrorSampler();
    s.set("noMatchingAamId", [{ key: "u1", count: 2, overcount: 0, samples: [] }]);
    expect(s.result()).toEqual({ noMatchingAamId: [{ key: "u1", count: 2, overcount: 0, samples: [] }] });
  });

  it("clips long keys and sample texts", () => {
    const s = createErrorSampler();
    s.add("formatErrors", "k".repeat(500), { file: "f", line: 1, text: "t".repeat(500) });
    const e = s.result().formatErrors![0]!;
    expect([e.key.length, e.samples[0]!.text.length]).toEqual([201, 201]);
  });
});
