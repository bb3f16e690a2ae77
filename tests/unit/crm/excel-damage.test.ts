import { describe, expect, it } from "vitest";
import { damageHintFromHeader, damageHintsForHeader, detectExcelDamage, excelSerialToIsoDate, scanRowForExcelDamage, type DamageHint } from "../../../lib/crm/excel-damage";
import { createCrmReader } from "../../../lib/crm/reader";
import { utf8 } from "./helpers";

describe("detectExcelDamage", () => {
  const id: DamageHint = { idLike: true };
  const date: DamageHint = { dateLike: true };
  const cases: { value: string; hint: DamageHint; code: string | null; severity?: string }[] = [
    { value: "1.23E+12", hint: id, code: "EXCEL_DAMAGED_NUMBER", severity: "error" },
    { value: "5,58199E+12", hint: id, code: "EXCEL_DAMAGED_NUMBER", severity: "error" },
    { value: "4.9E+11", hint: {}, code: "EXCEL_DAMAGED_NUMBER", severity: "warning" },
    { value: "713752e1", hint: {}, code: null },
    // Only one digit before the separator is a float's written form; longer runs are real (hex-like) IDs.
    { value: "713752e1", hint: id, code: null },
    { value: "7.13752e+06", hint: id, code: "EXCEL_DAMAGED_NUMBER", severity: "error" },
    { value: "1e15", hint: id, code: "EXCEL_DAMAGED_NUMBER", severity: "error" },
    { value: "00123456789", hint: id, code: null },
    { value: "44927", hint: date, code: "EXCEL_SERIAL_DATE", severity: "warning" },
    { value: "44927.5", hint: date, code: "EXCEL_SERIAL_DATE", severity: "warning" },
    { value: "44927", hint: id, code: null },
    { value: "12345", hint: date, code: null },
    { value: "2023-01-01", hint: date, code: null },
    { value: "", hint: id, code: null },
  ];
  for (const c of cases) {
    it(`${c.value || "(empty)"} ${JSON.stringify(c.hint)}`, () => {
      const issue = detectExcelDamage(c.value, 7, 2, c.hint);
      if (c.code === null) expect(issue).toBeNull();
      else expect(issue).toMatchObject({ code: c.code, severity: c.severity, line: 7, column: 2, value: c.value });
    });
  }

  it("says the digits are gone and how to re-export", () => {
    expect(detectExcelDamage("1.23E+12", 4, 1, { idLike: true })?.message).toBe(
      '"1.23E+12" is how Excel shows a long number in scientific notation; the original digits are lost and cannot be recovered here. Re-export the file with this column formatted as Text.',
    );
  });

  it("converts serial dates for the message", () => {
    expect(excelSerialToIsoDate(44927)).toBe("2023-01-01");
    expect(excelSerialToIsoDate(45581)).toBe("2024-10-16");
    expect(excelSerialToIsoDate(25569)).toBe("1970-01-01");
    expect(detectExcelDamage("45581", 2, 5, { dateLike: true })?.message).toBe(
      '"45581" looks like an Excel serial date (2024-10-16). Re-export with the column formatted as a date, or convert it.',
    );
  });
});

describe("damageHintFromHeader", () => {
  const cases: [string, boolean, boolean][] = [
    ["Customer ID", true, false],
    ["customer_id", true, false],
    ["userId", true, false],
    ["Phone", true, false],
    ["Tel.", true, false],
    ["Hotel", false, false],
    ["zip", true, false],
    ["signup_date", false, true],
    ["createdAt", false, true],
    ["DOB", false, true],
    ["Loyalty Tier", false, false],
  ];
  for (const [name, idLike, dateLike] of cases) {
    it(name, () => expect(damageHintFromHeader(name)).toEqual({ idLike, dateLike }));
  }
});

describe("scanRowForExcelDamage", () => {
  const hints = damageHintsForHeader(["Customer ID", "Signup Date", "Notes", "Score"]);
  it("checks hinted columns fully and others for Excel's E+ form only", () => {
    const issues = scanRowForExcelDamage(["1.23E+12", "44927", "4.5E+3 km", "9.1E+11"], 9, hints);
    expect(issues?.map((i) => [i.code, i.severity, i.line, i.column])).toEqual([
      ["EXCEL_DAMAGED_NUMBER", "error", 9, 1],
      ["EXCEL_SERIAL_DATE", "warning", 9, 2],
      ["EXCEL_DAMAGED_NUMBER", "warning", 9, 4],
    ]);
    expect(scanRowForExcelDamage(["000123", "2023-01-01", "fine", "12"], 10, hints)).toBeNull();
  });

  it("runs inside the reader with hints from the header", () => {
    const reader = createCrmReader();
    const batch = reader.push(utf8("customer_id,dob,tier\n4.91E+11,32874,gold\n000123,1990-01-01,silver\n"));
    const end = reader.end();
    expect([...batch.issues, ...end.issues].map((i) => [i.code, i.line, i.column])).toEqual([
      ["EXCEL_DAMAGED_NUMBER", 2, 1],
      ["EXCEL_SERIAL_DATE", 2, 2],
    ]);
  });
});
