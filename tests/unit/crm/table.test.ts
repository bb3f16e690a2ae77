import { describe, expect, it } from "vitest";
import { checkRagged, fitRow, readHeader } from "../../../lib/crm/table";
import { parseTextPieces } from "./helpers";

describe("readHeader", () => {
  const cases: { raw: string[]; names: string[]; codes: [string, number][] }[] = [
    { raw: ["id", "email"], names: ["id", "email"], codes: [] },
    { raw: [" id ", "email", "Email", "email"], names: ["id", "email", "Email (2)", "email (3)"], codes: [["HEADER_DUPLICATE", 3], ["HEADER_DUPLICATE", 4]] },
    { raw: ["id", "", "  "], names: ["id", "column 2", "column 3"], codes: [["HEADER_EMPTY", 2], ["HEADER_EMPTY", 3]] },
    { raw: ["a", "a", "a (2)"], names: ["a", "a (3)", "a (2)"], codes: [["HEADER_DUPLICATE", 2]] },
    { raw: ["", "column 1"], names: ["column 1 (2)", "column 1"], codes: [["HEADER_EMPTY", 1]] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.raw), () => {
      const h = readHeader({ line: 1, fields: c.raw });
      expect(h.names).toEqual(c.names);
      expect(h.issues.map((i) => [i.code, i.column])).toEqual(c.codes);
      for (const i of h.issues) expect(i.line).toBe(1);
    });
  }

  it("explains the rename", () => {
    expect(readHeader({ line: 3, fields: ["email", "email"] }).issues[0]).toEqual({
      code: "HEADER_DUPLICATE",
      severity: "warning",
      message: 'The header "email" appears more than once; column 2 is called "email (2)".',
      line: 3,
      column: 2,
      value: "email",
    });
  });
});

describe("checkRagged", () => {
  it("reports ragged rows with their file line numbers", () => {
    const { rows } = parseTextPieces('id,name,tier\n1,Anna,gold\n\n2,"Bo\nB"\n3,Cy,gold,extra\n4,Di,silver\n', []);
    const issues = rows.slice(1).map((r) => checkRagged(r, 3)).filter((i) => i !== null);
    expect(issues).toEqual([
      {
        code: "CSV_RAGGED_ROW",
        severity: "warning",
        message: "Line 4 has 2 fields, the header has 3; the missing values are treated as empty.",
        line: 4,
        column: 3,
      },
      {
        code: "CSV_RAGGED_ROW",
        severity: "error",
        message: "Line 6 has 4 fields, the header has 3; check for an unquoted delimiter in the values.",
        line: 6,
        column: 4,
      },
    ]);
  });

  it("fitRow pads and cuts", () => {
    expect(fitRow(["a"], 3)).toEqual(["a", "", ""]);
    expect(fitRow(["a", "b", "c"], 2)).toEqual(["a", "b"]);
    const same = ["x"];
    expect(fitRow(same, 1)).toBe(same);
  });
});
