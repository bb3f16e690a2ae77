import { describe, expect, it } from "vitest";
import { checkSameOrigin, publicOrigin, type OriginSettings } from "@/lib/server/auth/same-origin";

const direct: OriginSettings = { trustProxy: 0 };
const proxied: OriginSettings = { trustProxy: 1 };
const configured: OriginSettings = { trustProxy: 0, appUrl: "https://onboard.example.com" };

const h = (o: Record<string, string>) => new Headers(o);

describe("checkSameOrigin", () => {
  const rows: Array<[string, Record<string, string>, OriginSettings, boolean]> = [
    ["no Origin (curl, same-origin GET forms)", { host: "app:3000" }, direct, true],
    ["Origin equals Host", { host: "app:3000", origin: "http://app:3000" }, direct, true],
    ["Host compared case-insensitively", { host: "APP:3000", origin: "http://app:3000" }, direct, true],
    ["foreign Origin", { host: "app:3000", origin: "https://evil.example" }, direct, false],
    ["other port", { host: "app:3000", origin: "http://app:3001" }, direct, false],
    ["X-Forwarded-Host naming the foreign origin, TRUST_PROXY=0", { host: "app:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example" }, direct, false],
    ["X-Forwarded-Host from our proxy, TRUST_PROXY=1", { host: "10.0.0.5:3000", origin: "https://onboard.example.com", "x-forwarded-host": "onboard.example.com", "x-forwarded-proto": "https" }, proxied, true],
    ["only our proxy's (right-most) X-Forwarded-Host counts", { host: "10.0.0.5:3000", origin: "https://evil.example", "x-forwarded-host": "evil.example, onboard.example.com" }, proxied, false],
    ["APP_URL: same origin", { host: "10.0.0.5:3000", origin: "https://onboard.example.com" }, configured, true],
    ["APP_URL: scheme differs", { host: "onboard.example.com", origin: "http://onboard.example.com" }, configured, false],
    ["APP_URL: Host matching Origin does not help", { host: "evil.example", origin: "https://evil.example" }, configured, false],
    ["APP_URL ignores X-Forwarded-Host", { host: "x", origin: "https://evil.example", "x-forwarded-host": "evil.example" }, { ...configured, trustProxy: 1 }, false],
    ["Sec-Fetch-Site cross-site", { host: "app:3000", origin: "http://app:3000", "sec-fetch-site": "cross-site" }, direct, false],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { host: "app:3000", "sec-fetch-site": "same-site" }, direct, false],
    ["Sec-Fetch-Site none (typed in the address bar)", { host: "app:3000", "sec-fetch-site": "none" }, direct, true],
    ["Origin null (sandboxed frame, file:)", { host: "app:3000", origin: "null" }, direct, false],
    ["no Host at all", { origin: "http://app:3000" }, direct, false],
  ];
  it.each(rows)("%s", (_what, headers, settings, ok) => {
    const verdict = checkSameOrigin(h(headers), settings);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(5);
  });

  it("names where a refused request came from", () => {
    const v = checkSameOrigin(h({ host: "app:3000", origin: "https://evil.example" }), direct);
    expect(v).toEqual({ ok: false, reason: "it came from https://evil.example, not app:3000" });
  });
});

describe("publicOrigin (invitation links)", () => {
  it("is APP_URL when set, whatever the headers say", () => {
    expect(publicOrigin(h({ host: "evil.example", "x-forwarded-host": "evil.example" }), { ...configured, trustProxy: 1 })).toBe("https://onboard.example.com");
  });
  it("is the Host without trusted proxies, ignoring forged forwarded headers", () => {
    expect(publicOrigin(h({ host: "app:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }), direct)).toBe("http://app:3000");
  });
  it("follows our proxy's forwarded host and scheme under TRUST_PROXY", () => {
    expect(publicOrigin(h({ host: "10.0.0.5", "x-forwarded-host": "onboard.example.com", "x-forwarded-proto": "https" }), proxied)).toBe("https://onboard.example.com");
  });
  it("is null without any host", () => {
    expect(publicOrigin(h({}), direct)).toBeNull();
  });
});
