import { describe, expect, it } from "vitest";
import { checkMapping, normaliseEmail, normalisePhone, rowToRecord, sanitiseKey, type Mapping } from "../../../lib/crm/mapping";

const header = ["Customer ID", "Tier", "Segments", "Remove", "IC", "Newsletter", "Email"];
const mapping: Mapping = {
  columns: [
    { role: "id" },
    { role: "kv", key: "tier" },
    { role: "traitId" },
    { role: "removeTraitId" },
    { role: "ic" },
    { role: "traitFlag", traitId: "555" },
    { role: "ignore" },
  ],
  valueMaps: { 1: { gold: "g", none: null } },
  splitMultiValues: { 2: "|" },
};

describe("rowToRecord", () => {
  const cases: { name: string; fields: string[]; id: string; signals: unknown[] }[] = [
    {
      name: "every role",
      fields: ["0042", "gold", "123 | 456", "789", "52", "Y", "a@b.de"],
      id: "0042",
      signals: [
        { kind: "kv", key: "tier", value: "g" },
        { kind: "sid", traitId: "123" },
        { kind: "sid", traitId: "456" },
        { kind: "unsid", traitId: "789" },
        { kind: "ic", code: "52" },
        { kind: "sid", traitId: "555" },
      ],
    },
    { name: "empty values give no signal", fields: ["7", "", "", "", "", "", ""], id: "7", signals: [] },
    { name: "value mapped to null is dropped", fields: ["7", "none", "1||", " ", "", "n", ""], id: "7", signals: [{ kind: "sid", traitId: "1" }, { kind: "unsid", traitId: "555" }] },
    { name: "unmapped values pass through; unknown flags give nothing", fields: ["7", "silver", "", "", "", "maybe"], id: "7", signals: [{ kind: "kv", key: "tier", value: "silver" }] },
    { name: "empty id still yields a record for ID_EMPTY", fields: ["", "gold"], id: "", signals: [{ kind: "kv", key: "tier", value: "g" }] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(rowToRecord(c.fields, mapping)).toEqual({ id: c.id, signals: c.signals }));
  }

  it("bare integration codes", () => {
    expect(rowToRecord(["1", "52"], { columns: [{ role: "id" }, { role: "ic", bare: true }] })).toEqual({
      id: "1",
      signals: [{ kind: "ic", code: "52", bare: true }],
    });
  });

  it("returns null without an ID column", () => {
    expect(rowToRecord(["x"], { columns: [{ role: "kv", key: "k" }] })).toBeNull();
  });
});

describe("checkMapping", () => {
  it("accepts a good mapping", () => {
    expect(checkMapping(mapping, header)).toEqual([]);
  });

  const bad: { name: string; m: Mapping; header: string[]; rows?: string[][]; codes: string[] }[] = [
    { name: "width", m: { columns: [{ role: "id" }, { role: "kv", key: "a" }] }, header: ["id"], codes: ["MAPPING_WIDTH"] },
    { name: "no id", m: { columns: [{ role: "kv", key: "a" }] }, header: ["a"], codes: ["MAPPING_NO_ID"] },
    { name: "two ids", m: { columns: [{ role: "id" }, { role: "id" }, { role: "traitId" }] }, header: ["a", "b", "c"], codes: ["MAPPING_MULTIPLE_ID"] },
    { name: "bad keys", m: { columns: [{ role: "id" }, { role: "kv", key: "123" }, { role: "kv", key: "a b" }, { role: "kv", key: "-x" }] }, header: ["i", "a", "b", "c"], codes: ["MAPPING_KEY_INVALID", "MAPPING_KEY_INVALID", "MAPPING_KEY_INVALID"] },
    { name: "flag trait id", m: { columns: [{ role: "id" }, { role: "traitFlag", traitId: "abc" }] }, header: ["i", "f"], codes: ["MAPPING_TRAIT_ID_INVALID"] },
    { name: "no signals", m: { columns: [{ role: "id" }, { role: "ignore" }] }, header: ["i", "x"], codes: ["MAPPING_NO_SIGNALS"] },
    { name: "e-mail as id by header", m: { columns: [{ role: "id" }, { role: "traitId" }] }, header: ["E-Mail", "s"], codes: ["MAPPING_PII_ID"] },
    { name: "e-mail as id by data", m: { columns: [{ role: "id" }, { role: "traitId" }] }, header: ["login", "s"], rows: [["a@b.de", "1"], ["c@d.com", "2"]], codes: ["MAPPING_PII_ID"] },
    { name: "value map for a missing column", m: { columns: [{ role: "id" }, { role: "traitId" }], valueMaps: { 5: {} } }, header: ["i", "s"], codes: ["MAPPING_VALUE_MAP_COLUMN"] },
  ];
  for (const c of bad) {
    it(c.name, () => expect(checkMapping(c.m, c.header, c.rows).map((i) => i.code)).toEqual(c.codes));
  }
});

describe("normalisation", () => {
  const emails: [string, string][] = [
    ["  Jane.Doe@Example.COM ", "jane.doe@example.com"],
    ["a@b.de", "a@b.de"],
  ];
  for (const [input, out] of emails) it(`email ${JSON.stringify(input)}`, () => expect(normaliseEmail(input)).toBe(out));

  const phones: [string, string][] = [
    ["+49 (0)30 1234-567", "+49301234567"],
    ["+1 (555) 123-4567", "+15551234567"],
    ["0049 30 1234567", "+49301234567"],
    ["030 / 123 45 67", "0301234567"],
    ["(555) 123-4567", "5551234567"],
    ["  ", ""],
  ];
  for (const [input, out] of phones) it(`phone ${JSON.stringify(input)}`, () => expect(normalisePhone(input)).toBe(out));

  const keys: [string, string][] = [
    ["Loyalty Tier (2024)", "loyalty_tier_2024"],
    ["Größe", "groesse"],
    ["Café Visits", "cafe_visits"],
    ["lastPurchase", "last_purchase"],
    ["2024", "k_2024"],
    ["***", "column_4"],
    ["-segment-", "segment"],
  ];
  for (const [input, out] of keys) it(`key ${JSON.stringify(input)}`, () => expect(sanitiseKey(input, 3)).toBe(out));
});
