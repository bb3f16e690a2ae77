import { describe, expect, it } from "vitest";
import { convertRow, previewRows } from "../../../lib/crm/convert";
import type { Mapping } from "../../../lib/crm/mapping";
import { compilePatches } from "../../../lib/crm/patches";

const mapping: Mapping = {
  columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "ignore" }],
  splitMultiValues: { 2: "|" },
};
const ctx = { idType: "dpuuid" as const, mode: "sync" as const };

describe("convertRow / previewRows", () => {
  it("writes the canonical AAM line", () => {
    const traitsOnly: Mapping = { columns: [{ role: "id" }, { role: "ignore" }, { role: "traitId" }, { role: "ignore" }], splitMultiValues: { 2: "|" } };
    expect(convertRow({ line: 2, fields: ["0042", "gold", "123|456", "x"] }, traitsOnly, ctx)).toEqual({
      line: 2,
      record: { id: "0042", signals: [{ kind: "sid", traitId: "123" }, { kind: "sid", traitId: "456" }] },
      issues: [],
      text: "0042\td_sid=123,d_sid=456",
    });
  });

  it("keeps lib/aam warnings next to the written line", () => {
    const r = convertRow({ line: 2, fields: ["0042", "gold", "123", "x"] }, mapping, ctx);
    expect(r.text).toBe('0042\t"tier"="gold",d_sid=123');
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([["SIGNAL_MIXED_STYLES", "warning", 2]]);
  });

  it("reports lib/aam issues with the file line and writes nothing for errors", () => {
    const [row] = previewRows([{ line: 7, fields: ["", "gold", "", ""] }], mapping, ctx);
    expect(row!.text).toBeUndefined();
    expect(row!.issues.map((i) => [i.code, i.severity, i.line])).toContainEqual(["ID_EMPTY", "error", 7]);
  });

  it("replays patches: cell fixes, dropped rows, rows dropped by issue code", () => {
    const patches = compilePatches([
      { op: "set", line: 3, column: 1, value: "0099" },
      { op: "dropRow", line: 4 },
      { op: "dropRowsWithIssue", code: "ID_EMPTY" },
    ]);
    const rows = [
      { line: 3, fields: ["", "gold", "", ""] },
      { line: 4, fields: ["7", "gold", "", ""] },
      { line: 5, fields: ["", "silver", "", ""] },
    ];
    expect(previewRows(rows, mapping, { ...ctx, patches }).map((r) => [r.line, r.text ?? null, r.dropped ?? false])).toEqual([
      [3, '0099\t"tier"="gold"', false],
      [4, null, true],
      [5, null, true],
    ]);
  });

  it("without an ID column every row says so", () => {
    expect(convertRow({ line: 2, fields: ["a"] }, { columns: [{ role: "kv", key: "k" }] }, ctx).issues.map((i) => i.code)).toEqual(["MAPPING_NO_ID"]);
  });
});
