import { describe, expect, it } from "vitest";
import { suggestMapping } from "../../../lib/crm/mapping";

describe("suggestMapping", () => {
  it("a typical CRM export", () => {
    const header = ["Customer ID", "E-Mail", "First Name", "Last Name", "Mobile", "Country", "Loyalty Tier", "Segment IDs", "Newsletter", "Signup Date"];
    const rows = [
      ["000123", "anna@example.com", "Anna", "Müller", "+49 170 1234567", "DE", "gold", "123|456", "Y", "2023-01-05"],
      ["000124", "bo@example.com", "Bo", "Berg", "+46 70 123 45 67", "SE", "silver", "123", "N", "2023-02-11"],
      ["000125", "cy@example.com", "Cy", "Chen", "", "US", "", "789|123", "y", "2024-03-30"],
    ];
    const s = suggestMapping(header, rows);
    expect(s.mapping).toEqual({
      columns: [
        { role: "id" },
        { role: "ignore" },
        { role: "ignore" },
        { role: "ignore" },
        { role: "ignore" },
        { role: "kv", key: "country" },
        { role: "kv", key: "loyalty_tier" },
        { role: "traitId" },
        { role: "kv", key: "newsletter" },
        { role: "kv", key: "signup_date" },
      ],
      valueMaps: { 8: { Y: "true", N: null, y: "true" } },
      splitMultiValues: { 7: "|" },
    });
    expect(s.pii).toEqual([
      { column: 1, kind: "email" },
      { column: 4, kind: "phone" },
    ]);
    expect(s.reasons[0]).toBe('User ID: the header "Customer ID" names a customer ID and its values are unique and never empty.');
    expect(s.reasons[1]).toContain("e-mail addresses are personal data");
    expect(s.reasons[2]).toBe('Ignored: "First Name" looks like personal data (names, addresses, birth dates), which AAM does not accept.');
    expect(s.reasons[7]).toBe('Trait IDs (d_sid): the header "Segment IDs" names traits and the values are numbers, several per cell separated by "|".');
    expect(s.reasons[8]).toBe('Key-value pair newsletter=true: the values are yes/no, so "yes" rows send newsletter=true and "no" rows send nothing.');
    expect(s.reasons).toHaveLength(header.length);
  });

  const idCases: { name: string; header: string[]; rows: string[][]; id: number; pii?: number[] }[] = [
    { name: "dpuuid not first", header: ["email", "dpuuid", "tier"], rows: [["a@x.de", "u1", "g"], ["b@x.de", "u2", "s"]], id: 1, pii: [0] },
    { name: "user_id snake case", header: ["score", "user_id"], rows: [["1.5", "A1"], ["2.5", "A2"]], id: 1 },
    { name: "crm id holding e-mails is never the ID", header: ["CRM ID", "ref", "tier"], rows: [["a@x.de", "r-1", "g"], ["b@x.de", "r-2", "g"]], id: 1, pii: [0] },
    { name: "no ID header: unique, always filled column", header: ["email", "ref", "tier"], rows: [["a@x.de", "K-17", "g"], ["b@x.de", "K-18", "g"], ["c@x.de", "K-19", "s"]], id: 1, pii: [0] },
    { name: "nothing usable", header: ["email", "Name", "amount"], rows: [["a@x.de", "Anna A", "1.50"], ["b@x.de", "Bo B", "2.75"]], id: -1, pii: [0] },
    { name: "repeating values lose to a unique id-ish column", header: ["account_id", "member_no"], rows: [["A", "1"], ["A", "2"], ["B", "3"]], id: 1 },
    { name: "segment_id is a trait, not the person", header: ["segment_id", "kundennummer"], rows: [["5", "K1"], ["6", "K2"]], id: 1 },
    { name: "header only (no sample rows)", header: ["Email", "Customer Number", "Tier"], rows: [], id: 1, pii: [0] },
  ];
  for (const c of idCases) {
    it(c.name, () => {
      const s = suggestMapping(c.header, c.rows);
      expect(s.mapping.columns.findIndex((col) => col.role === "id")).toBe(c.id);
      expect(s.pii.map((p) => p.column)).toEqual(c.pii ?? []);
    });
  }

  it("keeps generated keys unique and ignores empty columns", () => {
    const s = suggestMapping(["id", "Tier", "tier!", "notes"], [["1", "a", "b", ""], ["2", "c", "d", ""]]);
    expect(s.mapping.columns).toEqual([{ role: "id" }, { role: "kv", key: "tier" }, { role: "kv", key: "tier_2" }, { role: "ignore" }]);
    expect(s.reasons[3]).toBe("Ignored: empty in all 2 sample rows.");
  });

  it("recognises removal trait columns and integration codes", () => {
    const s = suggestMapping(["id", "remove_trait_ids", "ic"], [["1", "12", "52"], ["2", "13", "53"]]);
    expect(s.mapping.columns).toEqual([{ role: "id" }, { role: "removeTraitId" }, { role: "ic" }]);
  });
});
