import { describe, expect, it } from "vitest";
import type { InboundMode } from "@/lib/aam/file-name";
import type { IdType } from "@/lib/aam/id-rules";
import { parseLine, type AamRecord } from "@/lib/aam/record";
import { validateRecord } from "@/lib/aam/validate";

/** What a file validator reports for one line: parser issues then record issues. */
function judge(line: string, idType: IdType, mode: InboundMode = "sync"): string[] {
  const { record, issues } = parseLine(line, 1);
  const all = record ? [...issues, ...validateRecord(record, { idType, mode, line: 1 })] : issues;
  return all.map((i) => `${i.code}:${i.severity}`);
}

const UUID = "59767559181262060060278870901087098252";
const DP = "DBwFoc3dhfMNCFBh2M4F9ZkJEXMNnRDh2PXvnI1";

describe("spec §2.5 valid lines: no errors for the file's ID type", () => {
  it.each<[string, string, IdType, string[]]>([
    ["V1", `${UUID}\td_sid=24,d_sid=26,d_sid=27,d_unsid=28,d_unsid=29`, "aam_uuid", []],
    ["V2", `${UUID}\t24:0,26:0,27:0`, "aam_uuid", []],
    ["V3", `${UUID}\t24:-1,26:-1,27:-1`, "aam_uuid", []],
    ["V4", `${UUID}\t30608,50354,50338,50352,30626`, "aam_uuid", []],
    ["V5", `${DP}\tic=52,ic=55`, "dpuuid", []],
    ["V6", `${DP}\tproduct=tablet,product=phone`, "dpuuid", []],
    ["V7", `${DP}\t"product"="tablet","product"="phone"`, "dpuuid", []],
    ["V8", "e4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=24,d_sid=25,d_sid=26", "gaid", []],
    ["V9", "6D92078A-8246-4BA4-AE5B-76104861E7DC\td_unsid=24,d_unsid=25,d_unsid=26", "idfa", []],
    ["V10", `crm-00042\t"age"="32","gender"=m,model="pickup truck",product=tablet`, "dpuuid", []],
    ["V11", `1060413022\t"ACCOUNT_TYPE"="HAC","Plans"="123","ServiceExpiryDate"="2013-01-26 00:00:00.000"`, "dpuuid", []],
    ["V12", "68079982765673198504052656074456196039\td_sid=12345,d_sid=23456", "dpuuid", []],
    ["V13", `${UUID} \t d_sid=24, d_sid=26`, "aam_uuid", ["LINE_WHITESPACE:warning"]],
  ])("%s", (_id, line, idType, expected) => {
    expect(judge(line, idType)).toEqual(expected);
  });
});

describe("spec §2.5 invalid lines I1-I15 (I16 and I17 are file-level, see file-validator.test.ts)", () => {
  it.each<[string, string, IdType, string[]]>([
    ["I1", "5976755918126206006027887090108709825\td_sid=24", "aam_uuid", ["ID_INVALID_UUID:error"]],
    ["I2", "5976755918126206006027887090108709825A\td_sid=24", "aam_uuid", ["ID_INVALID_UUID:error"]],
    ["I3", "e4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=24", "idfa", ["ID_INVALID_DEVICE:error"]],
    ["I4", "E4FE9BDE-CAA0-47B6-908D-FFBA3FA184F2\td_sid=24", "gaid", ["ID_INVALID_DEVICE:error"]],
    ["I5", "crm:42\td_sid=24", "dpuuid", ["ID_FORBIDDEN_CHAR:error"]],
    ["I6", "crm%3A42\td_sid=24", "dpuuid", ["ID_FORBIDDEN_CHAR:error"]],
    ["I7", "crm42 d_sid=24", "dpuuid", ["LINE_FORMAT:error"]],
    ["I8", "crm42\td_sid=24\td_sid=25", "dpuuid", ["LINE_FORMAT:error"]],
    ["I9", "crm42\td_sid=abc", "dpuuid", ["SIGNAL_INVALID_TRAIT_ID:error"]],
    ["I10", `crm42\t"city"="New York`, "dpuuid", ["SIGNAL_BAD_QUOTES:error", "SIGNAL_EMPTY:error"]],
    ["I11", "crm42\t\u201cgender\u201d=\u201dfemale\u201d", "dpuuid", ["SIGNAL_BAD_QUOTES:error", "SIGNAL_EMPTY:error"]],
    // §9 lists trailing whitespace as a warning; I12 calls it invalid only by inference from ID-sync files.
    ["I12", "crm42\td_sid=24 ", "dpuuid", ["LINE_WHITESPACE:warning"]],
    ["I13", "crm42\t", "dpuuid", ["SIGNAL_EMPTY:error"]],
    ["I14", "crm42\td_sid=24,", "dpuuid", ["SIGNAL_EMPTY:warning"]],
    ["I15", "jane.doe@example.com\td_sid=24", "dpuuid", ["ID_PII:warning"]],
  ])("%s", (_id, line, idType, expected) => {
    expect(judge(line, idType)).toEqual(expected);
  });
});

describe("validateRecord: signal rules", () => {
  const rec = (...signals: AamRecord["signals"]): AamRecord => ({ id: "crm42", signals });

  it.each<[string, AamRecord, InboundMode, string[]]>([
    ["d_unsid in an overwrite file is ignored by AAM", rec({ kind: "sid", traitId: "1" }, { kind: "unsid", traitId: "2" }), "overwrite", ["UNSID_IN_OVERWRITE:warning"]],
    ["a removal flag in an overwrite file too", rec({ kind: "sidFlag", traitId: "2", flag: "-1" }), "overwrite", ["UNSID_IN_OVERWRITE:warning"]],
    ["d_unsid in a sync file is fine", rec({ kind: "unsid", traitId: "2" }), "sync", []],
    ["d_sid with d_unsid is one style", rec({ kind: "sid", traitId: "1" }, { kind: "unsid", traitId: "2" }), "sync", []],
    ["trait IDs mixed with key-values", rec({ kind: "sid", traitId: "1" }, { kind: "kv", key: "k", value: "v" }), "sync", ["SIGNAL_MIXED_STYLES:warning"]],
    ["ic mixed with key-values", rec({ kind: "ic", code: "5" }, { kind: "kv", key: "k", value: "v" }), "sync", ["SIGNAL_MIXED_STYLES:warning"]],
    ["non-numeric ic codes are allowed (A10)", rec({ kind: "ic", code: "gold-tier" }), "sync", []],
    ["bare ic must be numeric", rec({ kind: "ic", code: "gold", bare: true }), "sync", ["SIGNAL_INVALID_TRAIT_ID:error"]],
    ["ic code with a space", rec({ kind: "ic", code: "a b" }), "sync", ["VALUE_UNREPRESENTABLE:error"]],
    ["removal flag with a non-numeric trait", rec({ kind: "sidFlag", traitId: "x", flag: "0" }), "sync", ["SIGNAL_INVALID_TRAIT_ID:error"]],
    ["no signals", rec(), "sync", ["SIGNAL_EMPTY:error"]],
    ["comma in a value (A14)", rec({ kind: "kv", key: "city", value: "New York, NY" }), "sync", ["VALUE_UNREPRESENTABLE:error"]],
    ["quote in a value (A14)", rec({ kind: "kv", key: "t", value: 'a"b' }), "sync", ["VALUE_UNREPRESENTABLE:error"]],
    ["TAB in a value", rec({ kind: "kv", key: "t", value: "a\tb" }), "sync", ["VALUE_UNREPRESENTABLE:error"]],
    ["empty value", rec({ kind: "kv", key: "t", value: "" }), "sync", ["SIGNAL_EMPTY:error"]],
    ["e-mail in a value", rec({ kind: "kv", key: "contact", value: "jane@example.com" }), "sync", ["VALUE_PII:warning"]],
    ["phone number in a value", rec({ kind: "kv", key: "tel", value: "+1 555 123 4567" }), "sync", ["VALUE_PII:warning"]],
    ["a date is not a phone number", rec({ kind: "kv", key: "d", value: "2013-01-26 00:00:00.000" }), "sync", []],
    ["reserved key", rec({ kind: "kv", key: "ic", value: "5" }), "sync", ["SIGNAL_INVALID_KEY:error"]],
    ["key with a comma", rec({ kind: "kv", key: "a,b", value: "5" }), "sync", ["VALUE_UNREPRESENTABLE:error"]],
  ])("%s", (_label, record, mode, expected) => {
    expect(validateRecord(record, { idType: "dpuuid", mode }).map((i) => `${i.code}:${i.severity}`)).toEqual(expected);
  });

  it.each<[string, "read" | "write", string[]]>([
    ["gender", "read", []],
    ["gender", "write", []],
    ["my.key!", "read", ["SIGNAL_INVALID_KEY:warning"]], // §9: odd keys in a file we read are a warning
    ["my.key!", "write", ["SIGNAL_INVALID_KEY:error"]], // §2.6: the writer rejects them
    ["123", "read", ["SIGNAL_INVALID_KEY:warning"]], // digits only [KEYN]
    ["-product", "write", ["SIGNAL_INVALID_KEY:error"]], // AAM drops a leading "-"
  ])("key %j when the purpose is %s", (key, purpose, expected) => {
    const issues = validateRecord({ id: "crm42", signals: [{ kind: "kv", key, value: "v" }] }, { idType: "dpuuid", mode: "sync", purpose });
    expect(issues.map((i) => `${i.code}:${i.severity}`)).toEqual(expected);
  });
});

describe("validateRecord: line length (102,400 bytes including the LF)", () => {
  // "crm42" + TAB + `"k"="` + value + `"` + LF = 5 + 1 + 5 + n + 1 + 1 bytes
  const recordOf = (value: string): AamRecord => ({ id: "crm42", signals: [{ kind: "kv", key: "k", value }] });
  it.each<[string, string, boolean]>([
    ["exactly 102,400 bytes", "v".repeat(102_400 - 13), false],
    ["one byte over", "v".repeat(102_400 - 12), true],
    ["multi-byte characters counted as bytes (3 bytes each)", "€".repeat(34_000), false],
    ["multi-byte characters over the limit", "€".repeat(34_130), true],
  ])("%s", (_label, value, tooLong) => {
    const codes = validateRecord(recordOf(value), { idType: "dpuuid", mode: "sync" }).map((i) => i.code);
    expect(codes.includes("LINE_TOO_LONG")).toBe(tooLong);
  });

  it("uses the caller's measured length when given", () => {
    const issues = validateRecord(recordOf("v"), { idType: "dpuuid", mode: "sync", lineBytes: 102_401, line: 4 });
    expect(issues).toEqual([expect.objectContaining({ code: "LINE_TOO_LONG", severity: "error", line: 4 })]);
  });
});
