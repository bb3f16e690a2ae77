import { describe, expect, it } from "vitest";
import { receiptSettingsSchema, traitInputSchema } from "@/lib/validation/trait";
import { idSyncCallSchema } from "@/lib/validation/id-sync";

const DS = "0b9f2a52-9a55-4b0e-9c38-8a2f5f3f8c11";

describe("traitInputSchema", () => {
  it("parses the rule into its parts", () => {
    const r = traitInputSchema.parse({ dataSourceId: DS, id: "", sid: "123", name: " Gold ", rule: 'tier == "gold"' });
    expect(r).toEqual({ dataSourceId: DS, sid: 123, name: "Gold", rule: 'tier == "gold"', parsedRule: { kind: "kv", key: "tier", value: "gold" } });
  });

  it.each([
    [{ sid: "abc", name: "x", rule: "d_sid" }, "sid"],
    [{ sid: "0", name: "x", rule: "d_sid" }, "sid"],
    [{ sid: "1", name: "", rule: "d_sid" }, "name"],
    [{ sid: "1", name: "a\tb", rule: "d_sid" }, "name"],
    [{ sid: "1", name: "x", rule: "tier gold" }, "rule"],
  ])("rejects %j on %s", (input, path) => {
    const r = traitInputSchema.safeParse({ dataSourceId: DS, ...input });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path).toEqual([path]);
  });
});

describe("receiptSettingsSchema", () => {
  it("splits addresses on lines, commas and spaces, and reads the checkbox", () => {
    expect(receiptSettingsSchema.parse({ id: DS, crossDevice: "on", receiptEmails: "a@x.test,\nb@y.test  " })).toEqual({ id: DS, crossDevice: true, receiptEmails: ["a@x.test", "b@y.test"] });
    expect(receiptSettingsSchema.parse({ id: DS, receiptEmails: "" })).toEqual({ id: DS, crossDevice: false, receiptEmails: [] });
    expect(receiptSettingsSchema.safeParse({ id: DS, receiptEmails: "not-an-address" }).success).toBe(false);
  });
});

describe("idSyncCallSchema", () => {
  it.each([
    [{ dpid: "21", dpuuid: "abc", redir: "https://x.test/?u=${DD_UUID}" }, true],
    [{ dpid: "21", dpuuid: "abc", redir: "javascript:alert(1)" }, false],
    [{ dpid: "21", dpuuid: "abc", redir: "//x.test/" }, false],
    [{ dpid: "21", dpuuid: "a:b" }, false],
    [{ dpid: "21", dpuuid: "a\u0001b" }, false],
    [{ dpid: "0", dpuuid: "a" }, false],
    [{ dpid: "99999999999", dpuuid: "a" }, false],
    [{ dpid: "21", dpuuid: "x".repeat(256) }, false],
    [{ dpid: "21", dpuuid: "a", gdpr: "1", gdprConsent: "CO-abc_123" }, true],
    [{ dpid: "21", dpuuid: "a", gdprConsent: "CO" }, false],
  ])("%j -> %s", (input, ok) => {
    expect(idSyncCallSchema.safeParse(input).success).toBe(ok);
  });
});
