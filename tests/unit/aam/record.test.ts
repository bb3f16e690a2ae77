import { describe, expect, it } from "vitest";
import { formatRecord, parseLine, type AamRecord } from "@/lib/aam/record";
import { formatSignal, type Signal } from "@/lib/aam/signals";

const UUID = "59767559181262060060278870901087098252";
const DP = "DBwFoc3dhfMNCFBh2M4F9ZkJEXMNnRDh2PXvnI1";
const sid = (traitId: string): Signal => ({ kind: "sid", traitId });
const unsid = (traitId: string): Signal => ({ kind: "unsid", traitId });
const kv = (key: string, value: string): Signal => ({ kind: "kv", key, value });

describe("parseLine: spec §2.5 valid lines V1-V13", () => {
  it.each<[string, string, AamRecord, string[]]>([
    ["V1", `${UUID}\td_sid=24,d_sid=26,d_sid=27,d_unsid=28,d_unsid=29`, { id: UUID, signals: [sid("24"), sid("26"), sid("27"), unsid("28"), unsid("29")] }, []],
    ["V2", `${UUID}\t24:0,26:0,27:0`, { id: UUID, signals: ["24", "26", "27"].map((t) => ({ kind: "sidFlag", traitId: t, flag: "0" }) as Signal) }, []],
    ["V3", `${UUID}\t24:-1,26:-1,27:-1`, { id: UUID, signals: ["24", "26", "27"].map((t) => ({ kind: "sidFlag", traitId: t, flag: "-1" }) as Signal) }, []],
    ["V4", `${UUID}\t30608,50354,50338,50352,30626`, { id: UUID, signals: ["30608", "50354", "50338", "50352", "30626"].map((code) => ({ kind: "ic", code, bare: true }) as Signal) }, []],
    ["V5", `${DP}\tic=52,ic=55`, { id: DP, signals: [{ kind: "ic", code: "52" }, { kind: "ic", code: "55" }] }, []],
    ["V6", `${DP}\tproduct=tablet,product=phone`, { id: DP, signals: [kv("product", "tablet"), kv("product", "phone")] }, []],
    ["V7", `${DP}\t"product"="tablet","product"="phone"`, { id: DP, signals: [kv("product", "tablet"), kv("product", "phone")] }, []],
    ["V8", "e4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=24,d_sid=25,d_sid=26", { id: "e4fe9bde-caa0-47b6-908d-ffba3fa184f2", signals: [sid("24"), sid("25"), sid("26")] }, []],
    ["V9", "6D92078A-8246-4BA4-AE5B-76104861E7DC\td_unsid=24,d_unsid=25,d_unsid=26", { id: "6D92078A-8246-4BA4-AE5B-76104861E7DC", signals: [unsid("24"), unsid("25"), unsid("26")] }, []],
    ["V10", `crm-00042\t"age"="32","gender"=m,model="pickup truck",product=tablet`, { id: "crm-00042", signals: [kv("age", "32"), kv("gender", "m"), kv("model", "pickup truck"), kv("product", "tablet")] }, []],
    ["V11", `1060413022\t"ACCOUNT_TYPE"="HAC","Plans"="123","ServiceExpiryDate"="2013-01-26 00:00:00.000"`, { id: "1060413022", signals: [kv("ACCOUNT_TYPE", "HAC"), kv("Plans", "123"), kv("ServiceExpiryDate", "2013-01-26 00:00:00.000")] }, []],
    ["V12", "68079982765673198504052656074456196039\td_sid=12345,d_sid=23456", { id: "68079982765673198504052656074456196039", signals: [sid("12345"), sid("23456")] }, []],
    ["V13 (lenient)", `${UUID} \t d_sid=24, d_sid=26`, { id: UUID, signals: [sid("24"), sid("26")] }, ["LINE_WHITESPACE:warning"]],
  ])("%s", (_id, line, record, issues) => {
    const r = parseLine(line, 1);
    expect(r.record).toEqual(record);
    expect(r.issues.map((i) => `${i.code}:${i.severity}`)).toEqual(issues);
  });
});

describe("parseLine: syntax errors from spec §2.5 (I7-I14) and other lenient-reader cases", () => {
  it.each<[string, string, string[], boolean]>([
    ["I7 no TAB", "crm42 d_sid=24", ["LINE_FORMAT:error"], false],
    ["I8 second TAB", "crm42\td_sid=24\td_sid=25", ["LINE_FORMAT:error"], false],
    ["I10 unbalanced quote", `crm42\t"city"="New York`, ["SIGNAL_BAD_QUOTES:error"], true],
    ["I11 typographic quotes", "crm42\t\u201cgender\u201d=\u201dfemale\u201d", ["SIGNAL_BAD_QUOTES:error"], true],
    ["I12 trailing space", "crm42\td_sid=24 ", ["LINE_WHITESPACE:warning"], true],
    ["I14 trailing comma", "crm42\td_sid=24,", ["SIGNAL_EMPTY:warning"], true],
    ["',,' as in Adobe's sample", "crm42\td_sid=24,,d_sid=25", ["SIGNAL_EMPTY:warning"], true],
    ["blank line", "", ["LINE_FORMAT:warning"], false],
    ["quote inside a bare value", `crm42\tk=a"b`, ["SIGNAL_BAD_QUOTES:error"], true],
    ["unknown flag", "crm42\t24:5", ["SIGNAL_UNKNOWN:error"], true],
    ["unquoted value with a space", "crm42\tmodel=pickup truck", ["VALUE_UNQUOTED_SPACE:warning"], true],
    ["spaces around =, as in Adobe's examples", "crm42\tproduct = tablet", ["LINE_WHITESPACE:warning"], true],
  ])("%s", (_label, line, issues, hasRecord) => {
    const r = parseLine(line, 3);
    expect(r.issues.map((i) => `${i.code}:${i.severity}`)).toEqual(issues);
    expect(r.issues.every((i) => i.line === 3)).toBe(true);
    expect(r.record !== undefined).toBe(hasRecord);
  });

  it("reads CRLF line ends (Adobe's sample file uses them) without an issue", () => {
    expect(parseLine(`crm42\td_sid=24\r`, 1)).toEqual({ record: { id: "crm42", signals: [sid("24")] }, issues: [] });
  });

  it("drops a leading '-' on a key, as AAM does", () => {
    expect(parseLine("crm42\t-product=camera", 1).record).toEqual({ id: "crm42", signals: [kv("product", "camera")] });
  });

  it("keeps a comma inside balanced quotes in one signal, so the validator can reject the value", () => {
    expect(parseLine(`crm42\t"city"="New York, NY",d_sid=1`, 1).record).toEqual({ id: "crm42", signals: [kv("city", "New York, NY"), sid("1")] });
  });

  it("reports the column of the offending signal", () => {
    const [issue] = parseLine(`crm42\td_sid=24,"a"="b`, 9).issues;
    expect(issue).toMatchObject({ code: "SIGNAL_BAD_QUOTES", line: 9, column: 16, value: `"a"="b` });
  });

  it("I13: a line with no signals parses to a record with none (validateRecord rejects it)", () => {
    expect(parseLine("crm42\t", 1)).toEqual({ record: { id: "crm42", signals: [] }, issues: [] });
  });
});

describe("formatRecord", () => {
  it.each<[string, AamRecord, string]>([
    ["trait IDs", { id: "crm42", signals: [sid("24"), unsid("25")] }, "crm42\td_sid=24,d_unsid=25"],
    ["removal flags", { id: "crm42", signals: [{ kind: "sidFlag", traitId: "24", flag: "0" }, { kind: "sidFlag", traitId: "25", flag: "-1" }] }, "crm42\t24:0,25:-1"],
    ["ic codes", { id: "crm42", signals: [{ kind: "ic", code: "52" }, { kind: "ic", code: "30608", bare: true }] }, "crm42\tic=52,30608"],
    ["key-values are always quoted", { id: "crm42", signals: [kv("model", "pickup truck"), kv("age", "32")] }, `crm42\t"model"="pickup truck","age"="32"`],
    ["UTF-8 values", { id: "crm42", signals: [kv("city", "Zürich")] }, `crm42\t"city"="Zürich"`],
  ])("%s", (_label, record, line) => {
    expect(formatRecord(record)).toBe(line);
  });

  it.each<[string, AamRecord]>([
    ["empty ID", { id: "", signals: [sid("1")] }],
    ["TAB in ID", { id: "a\tb", signals: [sid("1")] }],
    ["no signals", { id: "crm42", signals: [] }],
    ["non-numeric trait ID", { id: "crm42", signals: [sid("abc")] }],
    ["non-numeric bare ic", { id: "crm42", signals: [{ kind: "ic", code: "x", bare: true }] }],
    ["comma in value (A14)", { id: "crm42", signals: [kv("city", "New York, NY")] }],
    ["quote in value (A14)", { id: "crm42", signals: [kv("title", 'say "hi"')] }],
    ["line break in value", { id: "crm42", signals: [kv("note", "a\nb")] }],
    ["empty value", { id: "crm42", signals: [kv("k", "")] }],
    ["= in key", { id: "crm42", signals: [kv("a=b", "c")] }],
    ["reserved key", { id: "crm42", signals: [kv("d_sid", "24")] }],
  ])("throws on %s", (_label, record) => {
    expect(() => formatRecord(record)).toThrow(TypeError);
  });
});

describe("round trip: parseLine(formatRecord(r)) gives r back", () => {
  it.each<[string, AamRecord]>([
    ["V1 style", { id: UUID, signals: [sid("24"), sid("26"), unsid("28")] }],
    ["removal flags", { id: UUID, signals: [{ kind: "sidFlag", traitId: "24", flag: "0" }, { kind: "sidFlag", traitId: "26", flag: "-1" }] }],
    ["bare ic", { id: UUID, signals: [{ kind: "ic", code: "30608", bare: true }] }],
    ["ic=", { id: DP, signals: [{ kind: "ic", code: "abc-1" }] }],
    ["key-values", { id: "crm-00042", signals: [kv("age", "32"), kv("model", "pickup truck"), kv("ServiceExpiryDate", "2013-01-26 00:00:00.000")] }],
    ["value with = and non-ASCII", { id: "crm-1", signals: [kv("expr", "a=b"), kv("name", "Ünïcödé ✓ 🎉")] }],
    ["odd but representable key", { id: "crm-1", signals: [kv("my.key!", "v")] }],
  ])("%s", (_label, record) => {
    const line = formatRecord(record);
    expect(parseLine(line, 1)).toEqual({ record, issues: [] });
    // and formatting is canonical: format(parse(line)) === line
    expect(formatRecord(parseLine(line, 1).record!)).toBe(line);
    expect(record.signals.map(formatSignal).join(",")).toBe(line.slice(line.indexOf("\t") + 1));
  });
});
