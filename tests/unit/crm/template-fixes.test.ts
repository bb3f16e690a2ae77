import { describe, expect, it } from "vitest";
import { fixesFor } from "../../../lib/crm/fixes";
import { issueColumn, withColumns } from "../../../lib/crm/issue-columns";
import { csvCell, issuesToCsv } from "../../../lib/crm/issues-csv";
import type { Mapping } from "../../../lib/crm/mapping";
import { applyTemplate, detectDrift, nameSimilarity, templateFromMapping } from "../../../lib/crm/template";
import { createRowPipeline } from "../../../lib/crm/row-pipeline";

const mapping: Mapping = {
  columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "ignore" }, { role: "kv", key: "note" }],
  valueMaps: { 1: { G: "gold" } },
};
const header = ["Customer ID", "Tier", "Segments", "E-Mail", "Note"];

describe("templates and drift", () => {
  const body = templateFromMapping(header, mapping, { delimiter: ";" });

  it("an identical header applies as is", () => {
    expect(detectDrift(header, header)).toEqual({ identical: true, added: [], missing: [], renamed: [], reordered: false });
    expect(applyTemplate(body, header).mapping).toEqual(mapping);
  });

  it("re-ordered columns map by name", () => {
    const moved = ["Tier", "Customer ID", "Segments", "Note", "E-Mail"];
    expect(detectDrift(header, moved)).toMatchObject({ identical: false, reordered: true, renamed: [] });
    expect(applyTemplate(body, moved).mapping.columns).toEqual([{ role: "kv", key: "tier" }, { role: "id" }, { role: "traitId" }, { role: "kv", key: "note" }, { role: "ignore" }]);
    expect(applyTemplate(body, moved).mapping.valueMaps).toEqual({ 0: { G: "gold" } });
  });

  it("finds renames with a reason, and lists new and missing columns", () => {
    const next = ["customer_id", "Store", "Loyalty Tier", "Segments", "Email"];
    const drift = detectDrift(header, next);
    expect(drift.renamed.map((r) => [r.from, r.to])).toEqual([
      ["Customer ID", "customer_id"],
      ["E-Mail", "Email"],
      ["Tier", "Loyalty Tier"],
    ]);
    expect(drift.missing).toEqual(["Note"]);
    expect(drift.added).toEqual(["Store"]);
    const applied = applyTemplate(body, next, drift.renamed);
    expect(applied.mapping.columns).toEqual([{ role: "id" }, { role: "ignore" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "ignore" }]);
    expect(applied.unmatched).toEqual(["Store"]);
  });

  it("the only new column in the place of the only missing one is a rename", () => {
    const drift = detectDrift(["id", "xyz"], ["id", "qq"]);
    expect(drift.renamed).toEqual([{ from: "xyz", to: "qq", reason: "it is the only new column and sits where the missing one was" }]);
  });

  it("similarity reasons", () => {
    expect(nameSimilarity("Customer ID", "customer_id").reason).toMatch(/case/);
    expect(nameSimilarity("Tier", "Loyalty Tier").score).toBeGreaterThanOrEqual(0.5);
    expect(nameSimilarity("zip", "city").score).toBeLessThan(0.5);
  });
});

describe("issue columns", () => {
  it("puts record issues back on the column that produced them", () => {
    const p = createRowPipeline({ mapping, idType: "dpuuid", mode: "sync" });
    const fields = ["a:b", 'x,"y"', "12a", "", "bob@example.com"];
    const r = p.run({ line: 3, fields });
    const cols = withColumns(r.issues, mapping, fields).map((i) => [i.code, i.column ?? null]);
    expect(cols).toEqual([
      ["ID_FORBIDDEN_CHAR", 1],
      ["VALUE_UNREPRESENTABLE", 2],
      ["SIGNAL_INVALID_TRAIT_ID", 3],
      ["VALUE_PII", 5],
      ["SIGNAL_MIXED_STYLES", null],
    ]);
    expect(issueColumn({ code: "LINE_TOO_LONG", severity: "error", message: "" }, mapping, fields)).toBeNull();
  });
});

describe("issues CSV", () => {
  it("neutralises formulas and quotes per RFC 4180", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+49 30")).toBe("'+49 30");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("plain")).toBe("plain");
    const csv = issuesToCsv([{ code: "ID_PII", severity: "warning", message: 'ID "a,b"', line: 3, column: 1, value: "=1+1" }], ["Customer ID"]);
    expect(csv).toBe('\uFEFFline,column,column_name,severity,code,message,value\r\n3,1,Customer ID,warning,ID_PII,"ID ""a,b""",\'=1+1\r\n');
  });
});

describe("fixes by cause", () => {
  it("offers hashing for PII, stripping for unrepresentable values, case for device IDs, and dropping rows", () => {
    const groups = fixesFor(
      [
        { code: "SIGNAL_MIXED_STYLES", severity: "warning", column: null, count: 9 },
        { code: "ID_PII", severity: "warning", column: 1, count: 4, sample: "a@b.de" },
        { code: "VALUE_UNREPRESENTABLE", severity: "error", column: 2, count: 2 },
        { code: "ID_INVALID_DEVICE", severity: "error", column: 1, count: 1, sample: "ab" },
        { code: "USER_LINE_LIMIT", severity: "error", column: 1, count: 1 },
      ],
      { mapping, header, idType: "idfa" },
    );
    expect(groups.map((g) => [g.code, g.actions.map((a) => a.id)])).toEqual([
      ["VALUE_UNREPRESENTABLE", ["strip-2", "drop-VALUE_UNREPRESENTABLE"]],
      ["ID_INVALID_DEVICE", ["case-1", "drop-ID_INVALID_DEVICE"]],
      ["USER_LINE_LIMIT", []],
      ["SIGNAL_MIXED_STYLES", ["drop-SIGNAL_MIXED_STYLES"]],
      ["ID_PII", ["hash-1", "drop-ID_PII"]],
    ]);
    expect(groups[4]!.actions[0]!.patches).toEqual([
      { op: "recipe", recipe: "normaliseEmail", column: 1 },
      { op: "recipe", recipe: "sha256", column: 1 },
    ]);
    expect(groups[1]!.actions[0]!.patches).toEqual([{ op: "recipe", recipe: "upper", column: 1 }]);
  });
});
