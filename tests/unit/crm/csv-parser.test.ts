import { describe, expect, it } from "vitest";
import { createCsvParser, parseCsvText } from "../../../lib/crm/csv-parser";
import { parseTextPieces } from "./helpers";

const rowsOf = (text: string, d: "," | ";" | "\t" | "|" = ",") => parseTextPieces(text, [], d).rows;

describe("createCsvParser", () => {
  const cases: { name: string; text: string; rows: [number, string[]][] }[] = [
    { name: "LF", text: "a,b\n1,2\n", rows: [[1, ["a", "b"]], [2, ["1", "2"]]] },
    { name: "CRLF", text: "a,b\r\n1,2\r\n", rows: [[1, ["a", "b"]], [2, ["1", "2"]]] },
    { name: "lone CR (old Mac Excel)", text: "a,b\r1,2\r3,4", rows: [[1, ["a", "b"]], [2, ["1", "2"]], [3, ["3", "4"]]] },
    { name: "no final line break", text: "a,b\n1,2", rows: [[1, ["a", "b"]], [2, ["1", "2"]]] },
    { name: "blank lines skipped but counted", text: "a,b\n\n1,2\r\n\r\n\n3,4\n\n", rows: [[1, ["a", "b"]], [3, ["1", "2"]], [6, ["3", "4"]]] },
    { name: "trailing empty field", text: "a,b,\n1,2,", rows: [[1, ["a", "b", ""]], [2, ["1", "2", ""]]] },
    { name: "line of only a quoted empty value is a row", text: "a\n\"\"\n", rows: [[1, ["a"]], [2, [""]]] },
    { name: "line of delimiters is a row", text: "a,b\n,\n", rows: [[1, ["a", "b"]], [2, ["", ""]]] },
    { name: "quoted delimiter, quote and newlines", text: 'id,note\n1,"a,b ""c""\nd\r\ne"\n2,x\n', rows: [[1, ["id", "note"]], [2, ["1", 'a,b "c"\nd\r\ne']], [5, ["2", "x"]]] },
    { name: "leading zeros and long digit strings kept as text", text: "zip,id,phone\n01234,007,004930123456789\n", rows: [[1, ["zip", "id", "phone"]], [2, ["01234", "007", "004930123456789"]]] },
    { name: "quote inside an unquoted value is literal", text: 'size\n12" pipe\n', rows: [[1, ["size"]], [2, ['12" pipe']]] },
    { name: "spaces are data", text: " a , b \n", rows: [[1, [" a ", " b "]]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { rows, issues } = parseTextPieces(c.text, []);
      expect(rows.map((r) => [r.line, r.fields])).toEqual(c.rows);
      expect(issues).toEqual([]);
    });
  }

  it("reports an unclosed quote with the line it opened on", () => {
    const { rows, issues } = parseTextPieces('id,note\n1,ok\n2,"never closed\n3,x\n', [5, 17]);
    expect(rows.map((r) => [r.line, r.fields])).toEqual([[1, ["id", "note"]], [2, ["1", "ok"]], [3, ["2", "never closed\n3,x\n"]]]);
    expect(issues).toEqual([
      {
        code: "CSV_UNCLOSED_QUOTE",
        severity: "error",
        message: "The quote opened at line 3 (column 2) is never closed, so the rest of the file became one value.",
        line: 3,
        column: 2,
      },
    ]);
  });

  it("keeps text after a closing quote and warns", () => {
    const { rows, issues } = parseTextPieces('a,b\n"x"y,2\n', []);
    expect(rows[1]!.fields).toEqual(["xy", "2"]);
    expect(issues).toMatchObject([{ code: "CSV_QUOTE_TRAILING", severity: "warning", line: 2, column: 1 }]);
  });

  it("keeps at most maxIssues but counts them all", () => {
    const p = createCsvParser({ delimiter: ",", maxIssues: 2 });
    p.push('"a"x,1\n'.repeat(5));
    p.end();
    expect(p.issues.map((i) => i.line)).toEqual([1, 2]);
    expect(p.issueCount).toBe(5);
  });

  it("other delimiters: semicolon, tab, pipe (quotes protect them)", () => {
    expect(rowsOf('a;b\n"1;2";3,5\n', ";").map((r) => r.fields)).toEqual([["a", "b"], ["1;2", "3,5"]]);
    expect(rowsOf('a\tb\n"x\ty"\tz\n', "\t").map((r) => r.fields)).toEqual([["a", "b"], ["x\ty", "z"]]);
    expect(rowsOf('a|b\n"x|y"|z\n', "|").map((r) => r.fields)).toEqual([["a", "b"], ["x|y", "z"]]);
  });

  // Every way of cutting a tricky text into two pieces (and into single characters) must give the
  // same rows: chunk ends inside quotes, on a doubled quote, between \r and \n, on a delimiter.
  const tricky = 'id,"na""me",x\r\n1,"multi\r\nline, ""q""",\r\n\r\n2,"",z\r3,"cr\rinside"\n\n4,"end"';
  it("gives identical rows for every two-piece split and for 1-char pieces", () => {
    const whole = parseTextPieces(tricky, []);
    expect(whole.rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ["id", 'na"me', "x"]],
      [2, ["1", 'multi\r\nline, "q"', ""]],
      [5, ["2", "", "z"]],
      [6, ["3", "cr\rinside"]],
      [9, ["4", "end"]],
    ]);
    for (let cut = 0; cut <= tricky.length; cut++) expect(parseTextPieces(tricky, [cut]).rows).toEqual(whole.rows);
    const ones = Array.from({ length: tricky.length }, (_, i) => i + 1);
    expect(parseTextPieces(tricky, ones).rows).toEqual(whole.rows);
    expect(parseTextPieces(tricky, ones).issues).toEqual([]);
  });

  it("counts physical lines, including those inside quotes", () => {
    const p = createCsvParser({ delimiter: "," });
    p.push('a\n"x\r\n');
    p.push('y"\n');
    p.end();
    expect(p.lines).toBe(4);
  });

  it("push of an empty string is harmless", () => {
    const p = createCsvParser({ delimiter: "," });
    expect(p.push("")).toEqual([]);
    expect(p.push("a,b\r")).toEqual([{ line: 1, fields: ["a", "b"] }]);
    expect(p.push("")).toEqual([]);
    expect(p.push("\n1,2")).toEqual([]);
    expect(p.end()).toEqual([{ line: 2, fields: ["1", "2"] }]);
  });
});

describe("parseCsvText", () => {
  it("strips a BOM, sniffs the delimiter and splits off the header", () => {
    const r = parseCsvText("\uFEFFid;name\n007;Jürgen\n");
    expect(r.header).toEqual(["id", "name"]);
    expect(r.rows).toEqual([{ line: 2, fields: ["007", "Jürgen"] }]);
    expect(r.issues).toEqual([]);
  });

  it("empty text has no header and no rows", () => {
    expect(parseCsvText("")).toEqual({ header: [], rows: [], issues: [] });
  });

  it("uses the given delimiter", () => {
    expect(parseCsvText("a;b,c\n1;2,3\n", ",").header).toEqual(["a;b", "c"]);
  });
});
