import { describe, expect, it } from "vitest";
import { sniffDelimiter, type Delimiter } from "../../../lib/crm/sniff";

describe("sniffDelimiter", () => {
  const cases: { name: string; text: string; delimiter: Delimiter; reason?: string }[] = [
    { name: "comma", text: "a,b,c\n1,2,3\n4,5,6\n", delimiter: ",", reason: "comma splits all 3 lines into 3 fields" },
    { name: "semicolon with decimal commas", text: "id;amount;note\n1;2,50;x\n2;3,75;y\n", delimiter: ";", reason: "semicolon splits all 3 lines into 3 fields; comma gives 1–2 fields" },
    { name: "tab with commas in values", text: 'name\tnote\nA\t"x, y"\nB\tz, w\n', delimiter: "\t" },
    { name: "pipe", text: "a|b|c\n1|2|3\n", delimiter: "|", reason: "pipe splits all 2 lines into 3 fields" },
    { name: "quoted semicolons inside a comma file", text: 'name,city\n"Doe; John","Berlin; Mitte"\n"Roe; Jane","Köln; Süd"\n', delimiter: "," },
    { name: "quoted commas inside a semicolon file", text: 'name;city\n"Doe, John";"Berlin, Mitte"\n"Roe, Jane";Köln\n', delimiter: ";" },
    { name: "quoted tabs inside a pipe file", text: 'a|b\n"x\ty"|1\n"z\tw"|2\n', delimiter: "|" },
    { name: "multi-line quoted field", text: 'a,b\n1,"line1\nline2; still"\n2,x\n', delimiter: "," },
    { name: "BOM and CRLF", text: "\uFEFFa;b\r\n1;2\r\n", delimiter: ";" },
    { name: "cut-off last line ignored", text: "a;b;c\n1;2;3\n4;5;6\n7;8,9", delimiter: ";" },
    { name: "single column falls back to comma", text: "email\nx@example.com\n", delimiter: ",", reason: "no delimiter splits the lines into two or more fields: read as a single column (comma)" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = sniffDelimiter(c.text);
      expect(r.delimiter).toBe(c.delimiter);
      if (c.reason) expect(r.reason).toBe(c.reason);
    });
  }

  it("returns a score per delimiter", () => {
    expect(sniffDelimiter("id;amount\nA;1,5\nB;2,75\n").scores).toEqual({ ",": 0.667, "\t": 0, ";": 1, "|": 0 });
  });
});
