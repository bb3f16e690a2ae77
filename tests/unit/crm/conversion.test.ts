import { describe, expect, it } from "vitest";
import type { Issue } from "../../../lib/aam/issues";
import { createConversion } from "../../../lib/crm/conversion";
import { countMismatches, countsFromSummary } from "../../../lib/crm/count-parity";
import type { Mapping } from "../../../lib/crm/mapping";
import { compilePatches, type Patch } from "../../../lib/crm/patches";
import { createRowPipeline } from "../../../lib/crm/row-pipeline";

const header = ["customer_id", "email", "tier", "segments", "phone_id"];
const mapping: Mapping = {
  columns: [{ role: "id" }, { role: "ignore" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "ignore" }],
  splitMultiValues: { 3: "|" },
};
const rows = [
  { line: 2, fields: ["C1", "a@x.de", "gold", "11|12", "1"] },
  { line: 3, fields: ["jane@example.com", "j@x.de", "silver", "13", "2"] },
  { line: 4, fields: ["C3", "", 'gold, "plus"', "14", "3"] },
  { line: 6, fields: ["", "", "bronze", "x1", "4"] },
  { line: 7, fields: ["C5", "", "gold"] },
  { line: 8, fields: ["C6", "", "gold", "15", "1.23E+12"] },
];

function run(patches: Patch[] = [], readerIssues: Issue[] = []) {
  const seen: { line: number; dropped: boolean; codes: string[] }[] = [];
  const c = createConversion({
    mapping,
    idType: "dpuuid",
    mode: "sync",
    header,
    patches: compilePatches(patches),
    onRow: (r, codes) => seen.push({ line: r.line, dropped: r.dropped, codes: codes.map((i) => i.code) }),
  });
  const lines = c.pushRows(rows, readerIssues);
  return { lines, summary: c.finish(), seen };
}

describe("createConversion", () => {
  it("writes clean rows and counts every issue once, with row shape and Excel damage checked", () => {
    const { lines, summary, seen } = run();
    // Warnings (a short row) do not stop a line; errors (an e-mail as ID, which this product never sends) do.
    expect(lines).toEqual(['C1\t"tier"="gold",d_sid=11,d_sid=12', 'C5\t"tier"="gold"', 'C6\t"tier"="gold",d_sid=15']);
    expect(summary.rows).toBe(6);
    expect(seen.map((s) => [s.line, s.codes])).toEqual([
      [2, ["SIGNAL_MIXED_STYLES"]],
      [3, ["ID_PII", "SIGNAL_MIXED_STYLES"]],
      [4, ["VALUE_UNREPRESENTABLE", "SIGNAL_MIXED_STYLES"]],
      [6, ["ID_EMPTY", "SIGNAL_INVALID_TRAIT_ID", "SIGNAL_MIXED_STYLES"]],
      [7, ["CSV_RAGGED_ROW"]],
      // "1.23E+12" sits in an ignored column: damage that is never sent is not an issue.
      [8, ["SIGNAL_MIXED_STYLES"]],
    ]);
    expect(summary.countsByCode.SIGNAL_MIXED_STYLES).toEqual({ severity: "warning", count: 5 });
    expect(summary.countsByCode.CSV_RAGGED_ROW).toEqual({ severity: "warning", count: 1 });
    expect(summary.countsByCode.EXCEL_DAMAGED_NUMBER).toBeUndefined();
    expect(summary.errors).toBe(4);
    expect(summary.countsByCode.ID_PII).toEqual({ severity: "error", count: 1 });
  });

  it("replays patches: cell edits, dropped rows, recipes, rows dropped by issue code (their issues vanish)", () => {
    const { lines, summary, seen } = run([
      { op: "set", line: 6, column: 1, value: "C4" },
      { op: "set", line: 6, column: 4, value: "16" },
      { op: "recipe", recipe: "stripUnrepresentable", column: 3 },
      { op: "dropRow", line: 8 },
      { op: "dropRowsWithIssue", code: "ID_PII" },
      { op: "dropRowsWithIssue", code: "CSV_RAGGED_ROW" },
    ]);
    expect(lines).toEqual(['C1\t"tier"="gold",d_sid=11,d_sid=12', 'C3\t"tier"="gold plus",d_sid=14', 'C4\t"tier"="bronze",d_sid=16']);
    expect(summary).toMatchObject({ rows: 6, dropped: 3, records: 3, errors: 0 });
    expect(Object.keys(summary.countsByCode)).toEqual(["SIGNAL_MIXED_STYLES"]);
    expect(seen.filter((s) => s.dropped).map((s) => s.line)).toEqual([3, 7, 8]);
  });

  it("keeps reader issues with their row, and counts header issues once", () => {
    const ragged: Issue = { code: "CSV_QUOTE_TRAILING", severity: "warning", message: "x", line: 7 };
    const head: Issue = { code: "HEADER_EMPTY", severity: "warning", message: "y", line: 1 };
    expect(run([], [ragged, head]).summary.countsByCode).toMatchObject({ CSV_QUOTE_TRAILING: { count: 1 }, HEADER_EMPTY: { count: 1 } });
    expect(run([{ op: "dropRow", line: 7 }], [ragged, head]).summary.countsByCode.CSV_QUOTE_TRAILING).toBeUndefined();
  });

  it("reports file-level rules per row (200 lines per user) to onRow", () => {
    const seen: string[][] = [];
    const c = createConversion({ mapping: { columns: [{ role: "id" }, { role: "traitId" }] }, idType: "dpuuid", mode: "sync", onRow: (_r, codes) => seen.push(codes.map((i) => i.code)) });
    c.pushRows(Array.from({ length: 201 }, (_, i) => ({ line: i + 2, fields: ["U1", String(i + 1)] })));
    expect(seen[200]).toEqual(["USER_LINE_LIMIT"]);
    expect(c.finish().countsByCode.USER_LINE_LIMIT).toEqual({ severity: "error", count: 1 });
  });

  it("counts records without formatting when asked (the worker's pass) and compares counts", () => {
    const fast = createConversion({ mapping, idType: "dpuuid", mode: "sync", header, format: false });
    expect(fast.pushRows(rows)).toEqual([]);
    const a = countsFromSummary(fast.finish());
    const b = countsFromSummary(run().summary);
    expect(a).toEqual(b);
    expect(countMismatches(a, { ...b, records: 4, byCode: { ...b.byCode, ID_PII: 3 } })).toEqual(["records: browser 3, server 4", "ID_PII: browser 1, server 3"]);
  });
});

describe("row pipeline", () => {
  it("marks which issues came from the record rules", () => {
    const p = createRowPipeline({ mapping, idType: "dpuuid", mode: "sync", width: 5, damageHints: [{ idLike: true }], format: true });
    const r = p.run({ line: 9, fields: ["1.23E+12", "", "gold", "1"] });
    expect(r.issues.map((i) => i.code)).toEqual(["CSV_RAGGED_ROW", "EXCEL_DAMAGED_NUMBER", "SIGNAL_MIXED_STYLES"]);
    expect(r.recordIssuesFrom).toBe(2);
    expect(r.fields).toEqual(["1.23E+12", "", "gold", "1", ""]);
    expect(r.hasError).toBe(true);
    expect(r.text).toBeUndefined();
  });
});

describe("createConversion with a bounded user table", () => {
  // 60,000 users overflow a 64K-slot table that may not double; the spilled user C55000 then gets 201 more
  // lines. The totals must equal the unbounded run's: only the moment the lines are judged differs.
  it("counts users, signals and issues as the unbounded run does", () => {
    const many = Array.from({ length: 60_000 }, (_, i) => ({ line: i + 2, fields: [`C${i}`, "", "gold", "11", "1"] }));
    for (let k = 0; k < 201; k++) many.push({ line: 60_002 + k, fields: ["C55000", "", "gold", "12", "1"] });
    const words = new Map<number, number[]>();
    const spill = {
      append: (p: number, w: Uint32Array) => void words.set(p, [...(words.get(p) ?? []), ...w]),
      read: (p: number) => [Uint32Array.from(words.get(p) ?? [])],
    };
    const convert = (bounded: boolean) => {
      const c = createConversion({ mapping, idType: "dpuuid", mode: "sync", header, ...(bounded ? { userSpill: { spill, maxTableBytes: 1 } } : {}) });
      c.pushRows(many);
      return c.finish();
    };
    const exact = convert(false);
    const bounded = convert(true);
    expect(words.size).toBeGreaterThan(0);
    expect(exact.countsByCode.USER_LINE_LIMIT).toEqual({ severity: "error", count: 2 });
    expect(bounded.countsByCode).toEqual(exact.countsByCode);
    expect([bounded.users, bounded.signals, bounded.errors, bounded.warnings]).toEqual([exact.users, exact.signals, exact.errors, exact.warnings]);
    expect(exact.users).toBe(60_000);
    expect(exact.signals).toBe(2 * 60_201);
    // The two late lines were passed on (written) before they were judged; the summary still counts them as
    // errors, not records, so the browser's and the server's counts agree.
    expect(bounded.records).toBe(exact.records);
    expect(countMismatches(countsFromSummary(exact), countsFromSummary(bounded))).toEqual([]);
  });
});

describe("createConversion severities", () => {
  it("reports each code's own severity even when no issue of it was kept (maxIssues 0)", () => {
    // A device advertising ID in a customer-ID file: ID_MIXED_TYPES, a file-level warning from finish().
    const c = createConversion({ mapping, idType: "dpuuid", mode: "sync", header, maxIssues: 0 });
    c.pushRows([
      { line: 2, fields: ["C1", "", "gold", "11", "1"] },
      { line: 3, fields: ["6d92078a-8246-4ba4-ae5b-76104861e7dc", "", "gold", "12", "1"] },
    ]);
    const s = c.finish();
    expect(s.issues).toEqual([]);
    expect(s.countsByCode.ID_MIXED_TYPES).toEqual({ severity: "warning", count: 1 });
  });
});
