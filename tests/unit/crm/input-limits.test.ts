// The row, value and column bounds of lib/crm/input-limits.ts, in the CSV parser, the reader, the
// streaming table source and the XLSX reader: each hostile shape is refused with a message naming
// where, whatever the chunking, and shapes just inside the bounds still read.
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ImportRefusedError, memoryInput } from "../../../lib/crm/byte-input";
import { createCsvParser, type ParsedRow } from "../../../lib/crm/csv-parser";
import { createCrmReader } from "../../../lib/crm/reader";
import { DEFAULT_INPUT_LIMITS, formatCount, type InputLimits } from "../../../lib/crm/input-limits";
import { openTable, type OpenTableOptions } from "../../../lib/crm/table-source";
import { csvCell as receiptCsvCell } from "../../../lib/aam/receipt";
import { csvCell as issuesCsvCell } from "../../../lib/crm/issues-csv";
import { nodeInflate } from "../../../lib/server/import/node-inputs";
import { sanitiseFileName } from "../../../lib/server/uploads/safe-file-name";
import { buildXlsx, zip } from "../../support/xlsx-fixture";

const SMALL: InputLimits = { maxRowChars: 100, maxFieldChars: 20, maxColumns: 5 };

/** Parses `text` pushed in chunks of `size` characters (Infinity = one push). */
function parse(text: string, size: number, limits: Partial<InputLimits> = SMALL): ParsedRow[] {
  const p = createCsvParser({ delimiter: ",", limits });
  const rows: ParsedRow[] = [];
  const step = Number.isFinite(size) ? size : text.length || 1;
  for (let at = 0; at < text.length; at += step) rows.push(...p.push(text.slice(at, at + step)));
  rows.push(...p.end());
  return rows;
}

describe("CSV parser bounds", () => {
  const refused: [string, string, RegExp][] = [
    ["a long unquoted row", `id,v\nC1,a\n${Array(5).fill("x".repeat(20)).join(",")}\n`, /^Line 3 is longer than 100 characters, the most one row may hold\./],
    ["a row that never ends", `id,v\n${"x".repeat(500)}`, /^Line 2 is longer than 100 characters/],
    ["an open quote", `id,v\nC1,"${"y\n".repeat(80)}`, /^Line 2 is longer than 100 characters.*The quote opened at line 2, column 2 is probably never closed\./],
    ["a long unquoted value", `id,v\nC1,${"z".repeat(21)}\n`, /^Line 2, column 2 holds a value longer than 20 characters/],
    ["a long quoted value on later lines", `id,v\n\nC1,"${"q\n".repeat(11)}"\n`, /^Line 3, column 2 holds a value longer than 20 characters/],
    ["a long last value without a line end", `id,v\nC1,${"z".repeat(21)}`, /^Line 2, column 2 holds a value longer than 20 characters/],
    ["too many columns in the header", `a,b,c,d,e,f\n1,2\n`, /^Line 1 has more than 5 columns, the most a file may have\. Check that the delimiter is right/],
    ["too many columns in a row", `a,b\n1,2\n1,2,3,4,5,6\n`, /^Line 3 has more than 5 columns/],
    ["a NUL in a value", `id,v\nC1,a\u0000b\n`, /^Line 2, column 2 contains a NUL character \(byte 0x00\)/],
    ["a NUL after a multi-line quoted value", `id,v\nC1,"x\ny"\nC2,a\u0000\n`, /^Line 4, column 2 contains a NUL character/],
    ["a NUL in the first column", `\u0000id,v\n`, /^Line 1, column 1 contains a NUL character/],
  ];
  for (const size of [Infinity, 1, 7]) {
    it.each(refused)(`refuses %s (chunks of ${size})`, (_name, text, message) => {
      expect(() => parse(text, size)).toThrow(ImportRefusedError);
      expect(() => parse(text, size)).toThrow(message);
    });
  }

  it("reads shapes exactly at the bounds", () => {
    const row = ["a", "b", "c", "d"].map((c) => c.repeat(20)).join(",") + "," + "e".repeat(15); // 5 columns of up to 20
    expect(row.length).toBe(99);
    for (const size of [Infinity, 3]) {
      const rows = parse(`h1,h2,h3,h4,h5\n${row}\r\n"q""uote",,,,\n`, size);
      expect(rows.map((r) => r.fields.length)).toEqual([5, 5, 5]);
      expect(rows[2]!.fields[0]).toBe('q"uote');
    }
  });

  it("uses the documented defaults and says the numbers with separators", () => {
    expect(DEFAULT_INPUT_LIMITS).toEqual({ maxRowChars: 1_048_576, maxFieldChars: 262_144, maxColumns: 2000 });
    expect([formatCount(2000), formatCount(1_048_576), formatCount(999)]).toEqual(["2,000", "1,048,576", "999"]);
    expect(() => parse(`${"c,".repeat(2000)}c\n`, Infinity, {})).toThrow(/^Line 1 has more than 2,000 columns/);
  });
});

describe("reader", () => {
  it("makes invalid UTF-8 an error naming its line: each replaced character would reach AAM wrong", () => {
    const r = createCrmReader({ encoding: "utf-8" });
    const bytes = new Uint8Array([...Buffer.from("id,name\nC1,ok\nC2,M"), 0xfc, ...Buffer.from("ller\n")]);
    const issues = [...r.push(bytes).issues, ...r.end().issues];
    expect(issues).toEqual([expect.objectContaining({ code: "ENCODING_INVALID", severity: "error", line: 3, message: expect.stringMatching(/not valid UTF-8 \(first near line 3\)/) })]);
  });

  it("passes its limits to the parser", () => {
    const r = createCrmReader({ encoding: "utf-8", limits: { maxColumns: 2 } });
    r.push(Buffer.from("a,b,c\n")); // held until 64 KB have arrived for detection
    expect(() => r.end()).toThrow(/^Line 1 has more than 2 columns/);
  });
});

async function readTable(bytes: Uint8Array, extra: Partial<OpenTableOptions> = {}): Promise<ParsedRow[]> {
  const table = await openTable(memoryInput(bytes), { inflate: nodeInflate, ...extra });
  const rows: ParsedRow[] = [];
  for await (const b of table.batches()) for (const r of b.rows) rows.push(r);
  return rows;
}

describe("streaming table source", () => {
  it("refuses a 10 MB line without collecting it (plain and gzipped)", async () => {
    // Random text: a run of one letter would meet the gzip ratio bound first.
    const text = Buffer.concat([Buffer.from("id,notes\nC1,"), Buffer.from(randomBytes(7.5 * 1024 * 1024).toString("base64")), Buffer.from("\n")]);
    for (const bytes of [text, gzipSync(text)]) {
      await expect(readTable(new Uint8Array(bytes))).rejects.toThrow(/^Line 2 is longer than 1,048,576 characters, the most one row may hold\./);
    }
  });

  it("still reads files whose lines end in CR only (no line feed anywhere)", async () => {
    const lines = ["id,tier"];
    for (let i = 0; i < 150_000; i++) lines.push(`C${i},gold`);
    const rows = await readTable(new Uint8Array(Buffer.from(lines.join("\r") + "\r")));
    expect(rows).toHaveLength(150_000);
    expect(rows[149_999]).toEqual({ line: 150_001, fields: ["C149999", "gold"] });
  });

  it("passes its input limits down", async () => {
    await expect(readTable(new Uint8Array(Buffer.from("a,b,c\n1,2,3\n")), { inputLimits: { maxColumns: 2 } })).rejects.toThrow(/^Line 1 has more than 2 columns/);
  });

  it("names small compressed sizes in KB in the ratio refusal", async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(50 * 1024 * 1024, "a,b\n")));
    await expect(readTable(bomb)).rejects.toThrow(/^The file unpacks to over 100 times its compressed size \(\d+ MB from \d+ KB so far\)/);
  });
});

/** A workbook with one sheet "Data" whose sheetData is given as raw XML. */
function rawBook(sheetData: string): Uint8Array {
  return zip({
    "xl/workbook.xml": `<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet><sheetData>${sheetData}</sheetData></worksheet>`,
  });
}
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe("XLSX bounds", () => {
  it.each([
    ["a value far to the right", rawBook(`<row r="1">${cell("A1", "id")}${cell("ZZZZ1", "x")}</row>`), {}, /^Row 1 of sheet "Data" has more than 2,000 columns.*Delete the unused columns/],
    ["a long cell", rawBook(`<row r="1">${cell("A1", "id")}</row><row r="2">${cell("A2", "C1")}${cell("B2", "v".repeat(21))}</row>`), SMALL, /^Row 2 of sheet "Data", column 2 holds a value longer than 20 characters/],
    ["a NUL written as _x0000_", rawBook(`<row r="1">${cell("A1", "id")}</row><row r="7">${cell("C7", "a_x0000_b")}</row>`), {}, /^Row 7 of sheet "Data", column 3 contains a NUL character/],
    ["a row of too much text", rawBook(`<row r="1">${["A", "B", "C", "D", "E"].map((c) => cell(`${c}1`, "t".repeat(20))).join("")}x</row>`), { ...SMALL, maxRowChars: 90 }, /^Row 1 of sheet "Data" is longer than 90 characters/],
    ["a row element that never closes", rawBook(`<row r="1">${cell("A1", "id")}</row><row r="2">${cell("A2", "x".repeat(2000))}`), SMALL, /^Row 2 of sheet "Data" is longer than 400 characters.*Counted as XML/],
  ] as const)("refuses %s", async (_name, bytes, inputLimits, message) => {
    await expect(readTable(bytes, { inputLimits })).rejects.toThrow(message);
  });

  it("ignores styled empty cells out to column XFD, as Excel writes them", async () => {
    const rows = await readTable(rawBook(`<row r="1">${cell("A1", "id")}<c r="XFD1" s="3"/></row><row r="2">${cell("A2", "C1")}<c r="XFD2" s="3"/></row>`));
    expect(rows).toEqual([{ line: 2, fields: ["C1"] }]);
  });

  it("reads an ordinary workbook within the bounds", async () => {
    const rows = await readTable(buildXlsx([{ name: "S", rows: [["id", "v"], ["C1", "=1+2"]] }]));
    expect(rows).toEqual([{ line: 2, fields: ["C1", "=1+2"] }]);
  });
});

describe("exports neutralise formulas", () => {
  const cases = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20x"];
  it.each(cases)("%j starts with an apostrophe in the issues and receipt CSVs", (v) => {
    for (const out of [issuesCsvCell(v), receiptCsvCell(v)]) expect(out.replace(/^"/, "")).toMatch(/^'/);
  });
  it("leaves numbers in the receipt CSV as numbers", () => expect(receiptCsvCell(-3)).toBe("-3"));
});

describe("sanitiseFileName", () => {
  it.each([
    ["../../etc/passwd.csv", "passwd.csv"],
    ["C:\\Users\\x\\crm.csv", "crm.csv"],
    ["a\u0000b.csv", "a_b.csv"],
    ["evil\u202Evsc.exe", "evil_vsc.exe"],
    ["line\r\nbreak\t.csv", "line__break_.csv"],
    ['"quoted";name.csv', "_quoted__name.csv"],
    ["...hidden", "hidden"],
    ["////", "upload"],
    ["Données clients.csv", "Données clients.csv"],
  ])("%j -> %j", (input, want) => expect(sanitiseFileName(input)).toBe(want));

  it("cuts very long names to 200 characters without splitting a surrogate pair", () => {
    const name = "a" + "\u{1D400}".repeat(300) + ".csv";
    const out = sanitiseFileName(name);
    expect(Array.from(out)).toHaveLength(200);
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});
