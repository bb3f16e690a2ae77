import { describe, expect, it } from "vitest";
import { expandRedirect, isAamUuid, newAamUuid, parseIdSyncTarget } from "@/lib/aam/id-sync";

describe("parseIdSyncTarget", () => {
  it.each<[string, string, unknown]>([
    ["AAM's form", "/ibs:dpid=21&dpuuid=abc123", { dpid: "21", dpuuid: "abc123" }],
    ["encoded ID and redirect", "/ibs:dpid=21&dpuuid=User%20123&redir=https%3A%2F%2Fx.test%2Fs%3Fu%3D%24%7BDD_UUID%7D", { dpid: "21", dpuuid: "User 123", redir: "https://x.test/s?u=%24%7BDD_UUID%7D".replace("%24%7BDD_UUID%7D", "${DD_UUID}") }],
    ["old d_ form", "/ibs:d_dpid=21&d_dpuuid=abc", { dpid: "21", dpuuid: "abc" }],
    ["d_cid form", "/ibs:d_cid=21%01cust%2F9", { dpid: "21", dpuuid: "cust/9" }],
    ["unencoded redirect with its own query", "/ibs:dpid=21&dpuuid=a&redir=https://x.test/p?u=${DD_UUID}&v=1", { dpid: "21", dpuuid: "a", redir: "https://x.test/p?u=${DD_UUID}&v=1" }],
    ["GDPR after an unencoded redirect", "/ibs:dpid=21&dpuuid=a&redir=http://x.test/${DD_UUID}&gdpr=1&gdpr_consent=Q1", { dpid: "21", dpuuid: "a", redir: "http://x.test/${DD_UUID}", gdpr: "1", gdprConsent: "Q1" }],
  ])("%s", (_n, target, value) => {
    expect(parseIdSyncTarget(target)).toEqual({ ok: true, value });
  });

  it.each([
    ["/ibs:dpid=21", "needs dpid and dpuuid"],
    ["/ibsdpid=21&dpuuid=a", "starts with /ibs:"],
    ["/x/ibs:dpid=21&dpuuid=a", "starts with /ibs:"],
    ["/ibs:dpid=21&dpuuid=%E0%A4%A", "not valid percent-encoding"],
    ["/ibs:d_cid=21-abc", "d_cid must be"],
  ])("rejects %s", (target, message) => {
    const r = parseIdSyncTarget(target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe("expandRedirect", () => {
  it.each([
    ["https://x.test/?u=${DD_UUID}", "https://x.test/?u=U"],
    ["https://x.test/?u=%24%7BDD_UUID%7D&w=%24%7bdd_uuid%7d", "https://x.test/?u=U&w=U"],
    ["https://x.test/$%7BDD_UUID%7D", "https://x.test/U"],
    ["https://x.test/none", "https://x.test/none"],
  ])("%s", (redir, out) => {
    expect(expandRedirect(redir, "U")).toBe(out);
  });
});

it("newAamUuid makes 38 uniform digits from random bytes, skipping bytes >= 250", () => {
  let calls = 0;
  const id = newAamUuid((b) => {
    calls++;
    for (let i = 0; i < b.length; i++) b[i] = calls === 1 ? (i % 2 ? 255 : 13) : 7;
  });
  expect(id).toBe("3".repeat(24) + "7".repeat(14));
  expect(isAamUuid(id)).toBe(true);
  expect(isAamUuid("1".repeat(37))).toBe(false);
});
