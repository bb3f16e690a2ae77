import { describe, expect, it } from "vitest";
import { applyPatches, applyRecipe, compilePatches, type Patch, type Recipe } from "../../../lib/crm/patches";

const rows = [
  { line: 2, fields: ["  A1 ", "Jane@Example.com", "gold"] },
  { line: 3, fields: ["B2", "bo@example.com", "silver"] },
  { line: 5, fields: ["C3", "", 'x,"y"'] },
];

function replay(list: Patch[], codes: Record<number, string[]> = {}): (string[] | null)[] {
  const compiled = compilePatches(list);
  return rows.map((r) => applyPatches(r, compiled, codes[r.line]));
}

describe("patches", () => {
  const cases: { name: string; list: Patch[]; codes?: Record<number, string[]>; want: (string[] | null)[] }[] = [
    { name: "nothing", list: [], want: rows.map((r) => r.fields) },
    { name: "set a cell (1-based line and column)", list: [{ op: "set", line: 3, column: 3, value: "gold" }], want: [rows[0]!.fields, ["B2", "bo@example.com", "gold"], rows[2]!.fields] },
    { name: "later set wins", list: [{ op: "set", line: 2, column: 1, value: "X" }, { op: "set", line: 2, column: 1, value: "Y" }], want: [["Y", "Jane@Example.com", "gold"], rows[1]!.fields, rows[2]!.fields] },
    { name: "drop a row", list: [{ op: "dropRow", line: 3 }], want: [rows[0]!.fields, null, rows[2]!.fields] },
    { name: "recipe on a column", list: [{ op: "recipe", recipe: "trim", column: 1 }], want: [["A1", "Jane@Example.com", "gold"], rows[1]!.fields, rows[2]!.fields] },
    {
      name: "set before a recipe is transformed by it",
      list: [{ op: "set", line: 3, column: 2, value: " BO@X.DE " }, { op: "recipe", recipe: "normaliseEmail", column: 2 }],
      want: [["  A1 ", "jane@example.com", "gold"], ["B2", "bo@x.de", "silver"], ["C3", "", 'x,"y"']],
    },
    {
      name: "set after a recipe is kept as typed",
      list: [{ op: "recipe", recipe: "upper", column: 3 }, { op: "set", line: 2, column: 3, value: "Gold" }],
      want: [["  A1 ", "Jane@Example.com", "Gold"], ["B2", "bo@example.com", "SILVER"], ["C3", "", 'X,"Y"']],
    },
    { name: "strip unrepresentable", list: [{ op: "recipe", recipe: "stripUnrepresentable", column: 3 }], want: [rows[0]!.fields, rows[1]!.fields, ["C3", "", "xy"]] },
    { name: "drop rows with an issue code", list: [{ op: "dropRowsWithIssue", code: "ID_PII" }], codes: { 3: ["VALUE_PII", "ID_PII"] }, want: [rows[0]!.fields, null, rows[2]!.fields] },
    { name: "set beyond the row pads it", list: [{ op: "set", line: 5, column: 5, value: "z" }], want: [rows[0]!.fields, rows[1]!.fields, ["C3", "", 'x,"y"', "", "z"]] },
  ];
  for (const c of cases) it(c.name, () => expect(replay(c.list, c.codes)).toEqual(c.want));

  it("sha256 recipe hashes the normalised e-mail, leaves empty cells empty, and never hashes twice", () => {
    const list: Patch[] = [
      { op: "recipe", recipe: "normaliseEmail", column: 2 },
      { op: "recipe", recipe: "sha256", column: 2 },
      { op: "recipe", recipe: "sha256", column: 2 },
    ];
    const out = replay(list);
    // sha256("jane@example.com")
    expect(out[0]![1]).toBe("8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d");
    expect(out[2]![1]).toBe("");
  });

  it("returns the original array when nothing applies, and never mutates it", () => {
    const compiled = compilePatches([{ op: "set", line: 2, column: 1, value: "Q" }]);
    expect(applyPatches(rows[1]!, compiled)).toBe(rows[1]!.fields);
    expect(applyPatches(rows[0]!, compiled)).toEqual(["Q", "Jane@Example.com", "gold"]);
    expect(rows[0]!.fields[0]).toBe("  A1 ");
  });

  const recipes: [Recipe, string, string][] = [
    ["trim", "  a b ", "a b"],
    ["lower", "ÄBC", "äbc"],
    ["upper", "straße", "STRASSE"],
    ["sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["stripUnrepresentable", 'Berlin,\t"Mitte"\n', "Berlin Mitte"],
    ["normaliseEmail", " A@B.DE", "a@b.de"],
    ["normalisePhone", "+49 (0)30 123", "+4930123"],
  ];
  for (const [recipe, input, out] of recipes) it(`recipe ${recipe}`, () => expect(applyRecipe(recipe, input)).toBe(out));
});
