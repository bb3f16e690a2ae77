import { describe, expect, it } from "vitest";
import { compileMapping } from "../../../lib/crm/compiled-mapping";
import { rowToRecord, type Mapping } from "../../../lib/crm/mapping";

describe("compileMapping", () => {
  it("builds exactly the records rowToRecord builds", () => {
    const mappings: Mapping[] = [
      { columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "ignore" }, { role: "traitFlag", traitId: "77" }, { role: "ic", bare: true }, { role: "removeTraitId" }], splitMultiValues: { 2: "|", 6: ";" }, valueMaps: { 1: { G: "gold", N: null, " S ": "silver" } } },
      { columns: [{ role: "kv", key: "a" }, { role: "id" }, { role: "ic" }] },
      { columns: [{ role: "kv", key: "a" }] },
    ];
    const values = ["", " ", "G", "N", " S ", "S", "1|2", " 3 | | 4 ", "y", "no", "x", "5;6", "gold"];
    let seed = 7;
    const pick = () => values[(seed = (seed * 1103515245 + 12345) % 2147483648) % values.length]!;
    for (const m of mappings) {
      const build = compileMapping(m);
      for (let n = 0; n < 500; n++) {
        const fields = m.columns.map(() => pick()).slice(0, n % 3 === 0 ? m.columns.length - 1 : m.columns.length);
        expect(build(fields)).toEqual(rowToRecord(fields, m));
      }
    }
  });
});
