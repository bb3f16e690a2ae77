// The /ibs redirect allow-list (issue 16): which redirects are followed, and which host entries a data
// source may save. The hostile variants are the usual open-redirect bypasses.
import { describe, expect, it } from "vitest";
import { allowedRedirect, MAX_REDIRECT_HOSTS, normalizeRedirectHost, redirectHostsSchema } from "@/lib/validation/redirect-hosts";

const HOSTS = ["partner.example", "*.sync.example", "xn--bcher-kva.example"];
const DS = "0b9f2a52-9a55-4b0e-9c38-8a2f5f3f8c11";

describe("allowedRedirect", () => {
  it.each([
    ["https://partner.example/sync?aam=123&x=1", "https://partner.example/sync?aam=123&x=1"],
    ["http://partner.example", "http://partner.example/"],
    ["HTTPS://PARTNER.EXAMPLE/Path", "https://partner.example/Path"],
    ["https://partner.example./p", "https://partner.example./p"],
    ["https://partner.example:8443/p", "https://partner.example:8443/p"],
    ["https://a.sync.example/p", "https://a.sync.example/p"],
    ["https://deep.a.sync.example/p", "https://deep.a.sync.example/p"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    ["https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"],
    // Percent-encoded host characters are decoded by the parser before the comparison.
    ["https://partner%2Eexample/", "https://partner.example/"],
    // An "@" after the host is path or query, not userinfo.
    ["https://partner.example/@evil.test", "https://partner.example/@evil.test"],
    ["https://partner.example/?next=https://evil.test", "https://partner.example/?next=https://evil.test"],
  ])("follows %s as %s", (target, href) => {
    expect(allowedRedirect(target, HOSTS)).toBe(href);
  });

  it.each([
    "https://evil.test/",
    "https://partner.example@evil.test/",
    "https://partner.example:pw@evil.test/",
    "https://user@partner.example/",
    "https://user:pw@partner.example/",
    "https://evil.test#@partner.example",
    "https://evil.test?@partner.example",
    "https://evil.test\\@partner.example",
    "https://partner.example\\@evil.test",
    "https://partner.example\\.evil.test",
    "https:\\\\evil.test",
    "https:/\\evil.test",
    "/\\evil.test",
    "//evil.test",
    "//partner.example",
    "https:evil.test",
    "https:partner.example",
    "https:/partner.example",
    "https:///partner.example",
    "http:/\\partner.example",
    "javascript:alert(1)//https://partner.example",
    "JaVaScRiPt://partner.example/%0aalert(1)",
    "data:text/html,https://partner.example",
    "ftp://partner.example/",
    "ws://partner.example/",
    " https://partner.example/",
    "https://partner.example /",
    "https://partner.example/\n",
    "https://partner.exam\tple/",
    "https://partner.example\u0000.evil.test/",
    "https://partner.example.evil.test/",
    "https://evilpartner.example/",
    "https://partner.example-evil.test/",
    "https://sync.example/",
    "https://evilsync.example/",
    "https://a.sync.example.evil.test/",
    "https://[::1]/",
    "https://127.0.0.1/",
    "https://0x7f000001/",
    "https://partner%2eexample.evil.test/",
    "https://evil.test%2fpartner.example",
    "not a url",
    "",
  ])("refuses %j", (target) => {
    expect(allowedRedirect(target, HOSTS)).toBeNull();
  });

  it("compares an address in the dotted form URL parsers rewrite every IPv4 spelling into", () => {
    expect(allowedRedirect("http://127.0.0.1:3000/p", ["127.0.0.1"])).toBe("http://127.0.0.1:3000/p");
    expect(allowedRedirect("http://0x7f000001/p", ["127.0.0.1"])).toBe("http://127.0.0.1/p");
    expect(allowedRedirect("http://127.0.0.2/p", ["127.0.0.1"])).toBeNull();
    expect(allowedRedirect("http://127.0.0.1.evil.test/p", ["127.0.0.1"])).toBeNull();
  });

  it("never redirects without an allow-list", () => {
    expect(allowedRedirect("https://partner.example/", [])).toBeNull();
  });

  it("does not let odd entries widen the list", () => {
    expect(allowedRedirect("https://evil.test/", ["", "*.", "*", "."])).toBeNull();
    expect(allowedRedirect("https://x.evil.test/", ["*."])).toBeNull();
  });
});

describe("normalizeRedirectHost", () => {
  it.each([
    ["Partner.Example", "partner.example"],
    ["  partner.example.  ", "partner.example"],
    ["*.Sync.Example", "*.sync.example"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["localhost", "localhost"],
    ["a-b.c0.example", "a-b.c0.example"],
    ["127.0.0.1", "127.0.0.1"],
    ["192.0.2.10.", "192.0.2.10"],
  ])("keeps %j as %j", (raw, value) => {
    expect(normalizeRedirectHost(raw)).toEqual({ ok: true, value });
  });

  it.each([
    "https://partner.example",
    "partner.example/path",
    "partner.example:8443",
    "user@partner.example",
    "partner.example?x",
    "partner.example#x",
    "partner\\example",
    "*",
    "*.",
    "*.com",
    "*.*.example",
    "a.*.example",
    "**.example",
    "-bad.example",
    "bad-.example",
    "bad..example",
    "bad_name.example",
    "*.0.0.1",
    "0x7f.1",
    "2130706433",
    "127.1",
    "127.000.0.1",
    "256.0.0.1",
    "[::1]",
    "example.123",
    "%65vil.example",
    `${"a".repeat(64)}.example`,
    `${"a.".repeat(127)}example`,
    "",
  ])("refuses %j", (raw) => {
    expect(normalizeRedirectHost(raw).ok).toBe(false);
  });
});

describe("redirectHostsSchema", () => {
  it("splits on lines, commas and spaces, normalises and drops duplicates", () => {
    expect(redirectHostsSchema.parse({ id: DS, redirectHosts: "Partner.Example\n*.sync.example, partner.example.  " })).toEqual({
      id: DS,
      redirectHosts: ["partner.example", "*.sync.example"],
    });
    expect(redirectHostsSchema.parse({ id: DS })).toEqual({ id: DS, redirectHosts: [] });
  });

  it("reports each bad entry on the field, by name", () => {
    const r = redirectHostsSchema.safeParse({ id: DS, redirectHosts: "ok.example\nhttps://evil.test/\n1.2.3" });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.path)).toEqual([["redirectHosts"], ["redirectHosts"]]);
      expect(r.error.issues[0]!.message).toContain('"https://evil.test/"');
      expect(r.error.issues[1]!.message).toContain("IPv4 address");
    }
  });

  it(`allows at most ${MAX_REDIRECT_HOSTS} hosts`, () => {
    const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}.example`).join("\n");
    expect(redirectHostsSchema.safeParse({ id: DS, redirectHosts: hosts(MAX_REDIRECT_HOSTS) }).success).toBe(true);
    expect(redirectHostsSchema.safeParse({ id: DS, redirectHosts: hosts(MAX_REDIRECT_HOSTS + 1) }).success).toBe(false);
    expect(redirectHostsSchema.safeParse({ id: DS, redirectHosts: "x".repeat(10_000) }).success).toBe(false);
  });
});
