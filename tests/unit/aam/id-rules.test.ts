import { describe, expect, it } from "vitest";
import { checkId, ID_TYPES, looksLikePhone, type IdType } from "@/lib/aam/id-rules";

const summary = (id: string, type: IdType) => checkId(id, type).map((i) => `${i.code}:${i.severity}`);

const LOWER = "e4fe9bde-caa0-47b6-908d-ffba3fa184f2";
const UPPER = "6D92078A-8246-4BA4-AE5B-76104861E7DC";

describe("checkId: valid IDs per type (spec §3)", () => {
  it.each<[IdType, string]>([
    ["aam_uuid", "59767559181262060060278870901087098252"],
    ["aam_uuid", "07955261652886032950143702505894272138"], // leading zero is significant
    ["gaid", LOWER],
    ["rida", LOWER],
    ["fire_tv", LOWER],
    ["lgudid", LOWER],
    ["idfa", UPPER],
    ["maid", "7XCBNROQJQPYW"],
    ["tifa", "abc123DEF"],
    ["vizio_ifa", "7XCBNROQJQPYW"],
    ["dpuuid", "DBwFoc3dhfMNCFBh2M4F9ZkJEXMNnRDh2PXvnI1"],
    ["dpuuid", "crm-00042"],
    ["dpuuid", "1060413022"], // a bare 10-digit number is a normal CRM ID, not a phone number
    ["dpuuid", "68079982765673198504052656074456196039"],
    ["dpuuid", "a".repeat(255)],
  ])("%s %s", (type, id) => {
    expect(checkId(id, type)).toEqual([]);
  });
});

describe("checkId: invalid IDs per type", () => {
  it.each<[string, IdType, string, string[], RegExp]>([
    ["I1 37 digits", "aam_uuid", "5976755918126206006027887090108709825", ["ID_INVALID_UUID:error"], /has 37 digits/],
    ["I2 letter", "aam_uuid", "5976755918126206006027887090108709825A", ["ID_INVALID_UUID:error"], /other than digits/],
    ["39 digits", "aam_uuid", "597675591812620600602788709010870982520", ["ID_INVALID_UUID:error"], /has 39 digits/],
    ["I3 lower-case IDFA", "idfa", LOWER, ["ID_INVALID_DEVICE:error"], /upper case \(E4FE9BDE-CAA0/],
    ["I4 upper-case GAID", "gaid", UPPER, ["ID_INVALID_DEVICE:error"], /lower case \(6d92078a-/],
    ["upper-case RIDA", "rida", UPPER, ["ID_INVALID_DEVICE:error"], /Roku RIDA/],
    ["upper-case Fire TV", "fire_tv", UPPER, ["ID_INVALID_DEVICE:error"], /Fire TV/],
    ["upper-case LGUDID", "lgudid", UPPER, ["ID_INVALID_DEVICE:error"], /LGUDID/],
    ["hashed GAID", "gaid", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ["ID_INVALID_DEVICE:error"], /raw and unhashed/],
    ["GAID without dashes", "gaid", LOWER.replaceAll("-", ""), ["ID_INVALID_DEVICE:error"], /8-4-4-4-12/],
    ["GAID with a non-hex letter", "gaid", LOWER.replace("e4", "g4"), ["ID_INVALID_DEVICE:error"], /36 characters/],
    ["MAID with dashes", "maid", LOWER, ["ID_INVALID_DEVICE:error"], /letters and digits only/],
    ["Vizio IFA with a space", "vizio_ifa", "7XCB NROQ", ["ID_INVALID_DEVICE:error"], /Vizio/],
    ["I5 colon", "dpuuid", "crm:42", ["ID_FORBIDDEN_CHAR:error"], /contains ":"/],
    ["I6 encoded colon", "dpuuid", "crm%3A42", ["ID_FORBIDDEN_CHAR:error"], /%3A/],
    ["encoded colon, lower case", "dpuuid", "crm%3a42", ["ID_FORBIDDEN_CHAR:error"], /%3A/],
    ["TAB inside", "dpuuid", "crm\t42", ["ID_FORBIDDEN_CHAR:error"], /TAB/],
    ["I15 e-mail", "dpuuid", "jane.doe@example.com", ["ID_PII:warning"], /e-mail/],
    ["bare @", "dpuuid", "user@corp", ["ID_PII:warning"], /@/],
    ["formatted phone", "dpuuid", "+1 (555) 123-4567", ["ID_PII:warning", "ID_FORBIDDEN_CHAR:warning"], /phone/],
    ["dashed phone", "dpuuid", "555-123-4567", ["ID_PII:warning"], /phone/],
    ["international phone", "dpuuid", "+447911123456", ["ID_PII:warning"], /phone/],
    ["space (A24 default)", "dpuuid", "crm 42", ["ID_FORBIDDEN_CHAR:warning"], /a space/],
    ["comma (A24 default)", "dpuuid", "crm,42", ["ID_FORBIDDEN_CHAR:warning"], /","/],
    ["percent (A24 default)", "dpuuid", "crm%2042", ["ID_FORBIDDEN_CHAR:warning"], /"%"/],
    ["non-ASCII (A24 default)", "dpuuid", "crmé42", ["ID_FORBIDDEN_CHAR:warning"], /"é"/],
    ["over 255 characters", "dpuuid", "a".repeat(256), ["ID_TOO_LONG:warning"], /256 characters/],
  ])("%s", (_label, type, id, expected, message) => {
    const issues = checkId(id, type, { line: 7 });
    expect(issues.map((i) => `${i.code}:${i.severity}`)).toEqual(expected);
    expect(issues[0]!.message).toMatch(message);
    expect(issues[0]!.line).toBe(7);
  });

  it.each(ID_TYPES)("an empty %s is ID_EMPTY", (type) => {
    expect(summary("", type)).toEqual(["ID_EMPTY:error"]);
  });
});

describe("looksLikePhone", () => {
  it.each<[string, boolean]>([
    ["+1 (555) 123-4567", true],
    ["555.123.4567", true],
    ["(555) 123 4567", true],
    ["+33612345678", true],
    ["5551234567", false], // bare digits: could be any customer number
    ["2013-01-26", false], // a date: 8 digits
    ["2013-01-26 00:00:00.000", false],
    ["123-45", false],
    ["+1234", false],
  ])("%s -> %s", (s, expected) => {
    expect(looksLikePhone(s)).toBe(expected);
  });
});
