import { describe, expect, it } from "vitest";
import { createTraitMatcher, formatTraitRule, parseTraitRule, type TraitRule } from "@/lib/aam/trait-rules";
import type { Signal } from "@/lib/aam/signals";

const own: TraitRule[] = [
  { id: "t24", sid: 24, rule: { kind: "sid" } },
  { id: "t52", sid: 52, rule: { kind: "ic", value: "52" } },
  { id: "tTab", sid: 60, rule: { kind: "kv", key: "product", value: "tablet" } },
  { id: "tTab2", sid: 61, rule: { kind: "kv", key: "Product", value: "Tablet" } },
];
const m = createTraitMatcher(own, [24, 99]);

describe("createTraitMatcher", () => {
  it.each<[string, Signal, unknown]>([
    ["d_sid of an own trait", { kind: "sid", traitId: "24" }, { kind: "add", ids: ["t24"] }],
    ["d_sid with a leading zero", { kind: "sid", traitId: "024" }, { kind: "add", ids: ["t24"] }],
    ["d_sid of an ic-rule trait still qualifies by ID", { kind: "sid", traitId: "52" }, { kind: "add", ids: ["t52"] }],
    ["d_unsid of an own trait", { kind: "unsid", traitId: "24" }, { kind: "remove", ids: ["t24"] }],
    ["24:-1 removes", { kind: "sidFlag", traitId: "24", flag: "-1" }, { kind: "remove", ids: ["t24"] }],
    ["d_sid of another data source's trait", { kind: "sid", traitId: "99" }, { kind: "foreign", sid: "99" }],
    ["d_unsid of another data source's trait", { kind: "unsid", traitId: "99" }, { kind: "foreign", sid: "99" }],
    ["own sid also in another source is own", { kind: "sid", traitId: "24" }, { kind: "add", ids: ["t24"] }],
    ["unknown trait ID", { kind: "sid", traitId: "77" }, { kind: "unused" }],
    ["non-numeric trait ID", { kind: "sid", traitId: "abc" }, { kind: "unused" }],
    ["ic=52", { kind: "ic", code: "52" }, { kind: "add", ids: ["t52"] }],
    ["bare 52", { kind: "ic", code: "52", bare: true }, { kind: "add", ids: ["t52"] }],
    ["ic=53", { kind: "ic", code: "53" }, { kind: "unused" }],
    ["kv matches both case variants", { kind: "kv", key: "PRODUCT", value: "tablet" }, { kind: "add", ids: ["tTab", "tTab2"] }],
    ["kv with another value", { kind: "kv", key: "product", value: "phone" }, { kind: "unused" }],
  ])("%s", (_name, signal, expected) => {
    const r = m.match(signal);
    const shown = r.kind === "add" ? { kind: "add", ids: r.traits.map((t) => t.id) } : r.kind === "remove" ? { kind: "remove", ids: [r.trait.id] } : r;
    expect(shown).toEqual(expected);
  });
});

describe("parseTraitRule / formatTraitRule", () => {
  it.each<[string, unknown]>([
    ["d_sid", { kind: "sid" }],
    ["", { kind: "sid" }],
    ['ic == "52"', { kind: "ic", value: "52" }],
    ["ic==52", { kind: "ic", value: "52" }],
    ['product == "tablet"', { kind: "kv", key: "product", value: "tablet" }],
    ['"model" = "pickup truck"', { kind: "kv", key: "model", value: "pickup truck" }],
  ])("parses %j", (text, rule) => {
    expect(parseTraitRule(text)).toEqual({ ok: true, rule });
  });

  it.each(["product", 'product == "a,b"', '123 == "x"', 'd_unsid == "4"', 'pro duct == "x"', 'k == ""'])("rejects %j", (text) => {
    expect(parseTraitRule(text).ok).toBe(false);
  });

  it("round-trips", () => {
    for (const t of own) expect(parseTraitRule(formatTraitRule(t.rule))).toEqual({ ok: true, rule: t.rule });
  });
});
