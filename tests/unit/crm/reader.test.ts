import { describe, expect, it } from "vitest";
import { createCrmReader, type CrmReaderOptions } from "../../../lib/crm/reader";
import { chunkBytes, utf16, utf8 } from "./helpers";

function readAll(bytes: Uint8Array, size: number, opts: CrmReaderOptions = {}) {
  const reader = createCrmReader(opts);
  const rows: { line: number; fields: string[] }[] = [];
  const issues: { code: string; line?: number; severity: string }[] = [];
  for (const c of chunkBytes(bytes, size)) {
    const b = reader.push(c);
    rows.push(...b.rows);
    issues.push(...b.issues);
  }
  const b = reader.end();
  rows.push(...b.rows);
  issues.push(...b.issues);
  return { reader, rows, issues };
}

// A German Excel export: Windows-1252, semicolons, decimal commas, CRLF.
const cp1252 = new Uint8Array([
  ...utf8("Kundennummer;Name;Umsatz\r\n0042;M"), 0xfc, ...utf8("ller;1"), 0x2c, ...utf8("50\r\n0043;J"), 0xfc, ...utf8("rgen;"), 0x80, ...utf8(" 3\r\n"),
]);

describe("createCrmReader", () => {
  for (const size of [1, 5, 1 << 16]) {
    it(`Windows-1252 semicolon file in ${size}-byte chunks`, () => {
      const { reader, rows, issues } = readAll(cp1252, size, { sniffBytes: 64 });
      expect(reader.encoding).toMatchObject({ encoding: "windows-1252", confidence: "likely" });
      expect(reader.delimiter?.delimiter).toBe(";");
      expect(reader.header?.names).toEqual(["Kundennummer", "Name", "Umsatz"]);
      expect(rows).toEqual([
        { line: 2, fields: ["0042", "Müller", "1,50"] },
        { line: 3, fields: ["0043", "Jürgen", "€ 3"] },
      ]);
      expect(issues.map((i) => i.code)).toEqual(["ENCODING_GUESSED"]);
      expect(reader.rowCount).toBe(2);
    });
  }

  it("UTF-16 LE with BOM, tab separated", () => {
    const { reader, rows, issues } = readAll(utf16("id\tname\n1\tZoë\n", true), 3);
    expect(reader.encoding).toEqual({ encoding: "utf-16le", bom: true, reason: "UTF-16 LE byte-order mark", confidence: "certain" });
    expect(reader.delimiter?.delimiter).toBe("\t");
    expect(rows).toEqual([{ line: 2, fields: ["1", "Zoë"] }]);
    expect(issues).toEqual([]);
  });

  it("reports header problems, ragged rows and late invalid UTF-8", () => {
    const head = utf8("id,id,\n1,a,b\n2,c\n" + "3,x,y\n".repeat(20));
    const bytes = new Uint8Array([...head, ...utf8("4,M"), 0xfc, ...utf8("ller,z\n")]);
    const { reader, rows, issues } = readAll(bytes, 16, { sniffBytes: 32 });
    expect(reader.encoding?.encoding).toBe("utf-8");
    expect(reader.header?.names).toEqual(["id", "id (2)", "column 3"]);
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ["HEADER_DUPLICATE", 1],
      ["HEADER_EMPTY", 1],
      ["CSV_RAGGED_ROW", 3],
      ["ENCODING_INVALID", 24],
    ]);
    expect(rows[rows.length - 1]).toEqual({ line: 24, fields: ["4", "M\uFFFDller", "z"] });
  });

  it("gives the same rows and issues with a lent native TextDecoder", () => {
    const bytes = new Uint8Array([...utf8("id,name\n1,Zoë\n"), 0xff, ...utf8(",x\n")]);
    const plain = readAll(bytes, 3, { sniffBytes: 4 });
    const lent = readAll(bytes, 3, { sniffBytes: 4, nativeDecoder: () => new TextDecoder("utf-8") });
    expect(lent.rows).toEqual(plain.rows);
    expect(lent.issues).toEqual(plain.issues);
    expect(plain.issues.map((i) => [i.code, i.line])).toEqual([["ENCODING_INVALID", 3]]);
  });

  it("the user's choices override detection", () => {
    const { reader, rows } = readAll(utf8("a;b\n1;2\n"), 2, { encoding: "windows-1252", delimiter: "," });
    expect(reader.encoding?.reason).toBe("chosen by the user");
    expect(reader.header?.names).toEqual(["a;b"]);
    expect(rows).toEqual([{ line: 2, fields: ["1;2"] }]);
  });

  it("an empty file has no header", () => {
    const { reader, rows, issues } = readAll(new Uint8Array(0), 1);
    expect(reader.header).toBeNull();
    expect(rows).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(["HEADER_MISSING"]);
  });
});
