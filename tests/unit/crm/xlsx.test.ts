import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { memoryInput } from "../../../lib/crm/byte-input";
import type { ParsedRow } from "../../../lib/crm/csv-parser";
import { openTable } from "../../../lib/crm/table-source";
import { excelSerialToIso, isDateFormatCode } from "../../../lib/crm/xlsx";
import { columnOfRef, createElementSplitter, decodeXmlText, parseRowElement, richText } from "../../../lib/crm/xlsx-xml";
import { nodeInflate } from "../../../lib/server/import/node-inputs";
import { buildXlsx, zip } from "../../support/xlsx-fixture";

async function read(bytes: Uint8Array, sheet?: number) {
  const table = await openTable(memoryInput(bytes), { inflate: nodeInflate, ...(sheet === undefined ? {} : { sheet }) });
  const rows: ParsedRow[] = [];
  const codes: string[] = [];
  for await (const b of table.batches()) {
    rows.push(...b.rows);
    codes.push(...b.issues.map((i) => i.code));
  }
  return { info: table.info, rows, codes };
}

const book = buildXlsx([
  {
    name: "Kunden",
    rows: [
      ["Kundennummer", "E-Mail", "Geburtstag", "PLZ", "Newsletter", "Notiz"],
      ["000123", "anna@example.com", { date: 45581 }, { zeros: 1234 }, { bool: true }, { inline: "Köln & <Mitte>" }],
      { row: 4, cells: ["000124", null, { date: 45581.5 }, { zeros: 99999 }, { bool: false }, { formulaString: "a,b" }] },
      [1.23e15, "x", null, null, null, null],
    ],
  },
  { name: "Hidden", hidden: true, rows: [["a"], ["b"]] },
  { name: "Second", rows: [["id", "tier"], ["7", "gold"]] },
]);

describe("XLSX", () => {
  it("reads the first sheet with sheet row numbers, restoring dates and zero-padded codes", async () => {
    const { info, rows, codes } = await read(book);
    expect(info.kind).toBe("xlsx");
    expect(info.sheets?.map((s) => [s.name, s.hidden])).toEqual([["Kunden", false], ["Hidden", true], ["Second", false]]);
    expect(info.header?.names).toEqual(["Kundennummer", "E-Mail", "Geburtstag", "PLZ", "Newsletter", "Notiz"]);
    expect(codes).toEqual([]);
    expect(rows).toEqual([
      { line: 2, fields: ["000123", "anna@example.com", "2024-10-16", "01234", "TRUE", "Köln & <Mitte>"] },
      { line: 4, fields: ["000124", "", "2024-10-16 12:00:00", "99999", "FALSE", "a,b"] },
      { line: 5, fields: ["1230000000000000", "x", "", "", "", ""] },
    ]);
  });

  it("picks another sheet, also when the workbook is stored (not deflated) or gzipped", async () => {
    expect((await read(book, 2)).rows).toEqual([{ line: 2, fields: ["7", "gold"] }]);
    const stored = buildXlsx([{ name: "S", rows: [["id"], ["1"]] }], { store: true });
    expect((await read(stored)).rows).toEqual([{ line: 2, fields: ["1"] }]);
    const gz = await read(new Uint8Array(gzipSync(book)));
    expect(gz.info.gzip).toBe(true);
    expect(gz.rows.length).toBe(3);
  });

  it("refuses a ZIP that is not a workbook, and a sheet that does not exist", async () => {
    await expect(read(zip({ "readme.txt": "hi" }))).rejects.toThrow(/not an Excel workbook/);
    await expect(read(book, 7)).rejects.toThrow(/no sheet number 8/);
  });

  it("refuses a workbook part that inflates like a bomb", async () => {
    const bomb = zip({ "xl/workbook.xml": "<workbook><sheets/></workbook>".padEnd(30 * 1024 * 1024, " ") });
    await expect(read(bomb)).rejects.toThrow(/100 times/);
  });

  it("1904 date system and date format detection", () => {
    expect(excelSerialToIso("0", true)).toBe("1904-01-01");
    expect(excelSerialToIso("45581", false)).toBe("2024-10-16");
    expect(excelSerialToIso("0.25", false)).toBe("06:00:00");
    expect(isDateFormatCode("yyyy\\-mm\\-dd")).toBe(true);
    expect(isDateFormatCode('[Red]0.00;"m"0')).toBe(false);
    expect(isDateFormatCode("0.00%")).toBe(false);
  });
});

describe("SpreadsheetML scanning", () => {
  it("cuts elements across arbitrary chunk boundaries", () => {
    const xml = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"/><rowBreaks/><row r="3" spans="1:2"><c r="B3" t="s"><v>0</v></c></row></sheetData>';
    for (let cut = 1; cut < xml.length; cut += 3) {
      const s = createElementSplitter("row");
      const out = [...s.push(xml.slice(0, cut)), ...s.push(xml.slice(cut)), ...s.end()];
      expect(out.map((e) => parseRowElement(e).row)).toEqual([1, 2, 3]);
    }
  });

  it("parses cells, columns, entities and Excel's _xHHHH_ escapes", () => {
    const { row, cells } = parseRowElement('<row r="9"><c r="C9" t="inlineStr"><is><t>a&amp;b_x000D_</t></is></c><c r="AA9" s="2"><v>5</v></c><c t="b"><v>1</v></c></row>');
    expect(row).toBe(9);
    expect(cells).toEqual([
      { column: 2, type: "inlineStr", style: 0, value: "a&b\r" },
      { column: 26, type: "n", style: 2, value: "5" },
      { column: 27, type: "b", style: 0, value: "1" },
    ]);
    expect(columnOfRef("XFD1")).toBe(16383);
    expect(decodeXmlText("&#x41;&#66;&lt;&quot;")).toBe('AB<"');
    expect(richText('<si><r><t>Ha</t></r><r><t xml:space="preserve">llo </t></r><rPh><t>ハ</t></rPh></si>')).toBe("Hallo ");
  });
});
