import { describe, expect, it } from "vitest";
import { buildInboundKey, formatUtcDate, isCalendarDate, parseInboundKey } from "@/lib/aam/s3-key";

describe("formatUtcDate", () => {
  it.each<[number, string]>([
    [0, "1970-01-01"],
    [1366545717, "2013-04-21"],
    [1709164800, "2024-02-29"], // leap day, 00:00:00 UTC
    [1709251199, "2024-02-29"], // 23:59:59 UTC
    [1709251200, "2024-03-01"],
    [9999999999, "2286-11-20"],
  ])("%i -> %s", (ts, date) => {
    expect(formatUtcDate(ts)).toBe(date);
  });
});

describe("isCalendarDate", () => {
  it.each<[string, boolean]>([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-02-30", false],
    ["2024-04-31", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["2024-5-9", false],
  ])("%s -> %s", (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });
});

describe("parseInboundKey", () => {
  it("V15: accepts the documented layout, warning that folder date and timestamp differ (A5)", () => {
    const r = parseInboundKey("aam-client/acme/date=2016-05-09/ftp_dpm_478_1366545717.sync.1.gz");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      prefix: "aam-client",
      partner: "acme",
      date: "2016-05-09",
      name: "ftp_dpm_478_1366545717.sync.1.gz",
      parts: { dpid: 478, timestamp: 1366545717, mode: "sync", split: 1, ext: "gz" },
    });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["KEY_DATE_MISMATCH", "warning"]]);
  });

  it("accepts a matching date with no issue, and a multi-segment prefix", () => {
    const r = parseInboundKey("demdex-path/sub/acme/date=2013-04-21/ftp_dpm_478_1366545717.sync");
    expect(r).toMatchObject({ ok: true, issues: [], value: { prefix: "demdex-path/sub", partner: "acme" } });
  });

  it.each<[string, string, RegExp]>([
    ["I17", "p/acme/2024-05-09/ftp_dpm_478_1366545717.sync", /date=2024-05-09/],
    ["I18", "p/acme/date=2024-5-9/ftp_dpm_478_1366545717.sync", /two-digit month and day/],
    ["impossible date", "p/acme/date=2024-02-30/ftp_dpm_478_1366545717.sync", /not a real calendar date/],
    ["no partner folder", "date=2013-04-21/ftp_dpm_478_1366545717.sync", /no partner folder/],
    ["no folder at all", "ftp_dpm_478_1366545717.sync", /date=YYYY-MM-DD/],
    ["URI instead of key", "s3://demdex-s2s-clients/p/acme/date=2013-04-21/ftp_dpm_478_1366545717.sync", /relative to the bucket/],
    ["leading slash", "/p/acme/date=2013-04-21/ftp_dpm_478_1366545717.sync", /empty/],
    ["double slash", "p//acme/date=2013-04-21/ftp_dpm_478_1366545717.sync", /empty/],
    ["dot-dot segment", "p/../acme/date=2013-04-21/ftp_dpm_478_1366545717.sync", /"\.\."/],
  ])("%s: %s -> KEY_INVALID", (_label, key, message) => {
    const r = parseInboundKey(key);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["KEY_INVALID"]);
    expect(r.issues[0]!.message).toMatch(message);
  });

  it("reports the file name's own issue when the folder is fine", () => {
    const r = parseInboundKey("p/acme/date=2013-04-21/ftp_dpm_20914_1366545717.sync");
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["NAME_TARGET_REQUIRED"]);
  });
});

describe("buildInboundKey", () => {
  it.each<[string, string]>([
    ["aam-client", "aam-client/acme/date=2024-05-09/ftp_dpm_478_1366545717.sync.gz"],
    ["a/b/c", "a/b/c/acme/date=2024-05-09/ftp_dpm_478_1366545717.sync.gz"],
    ["", "acme/date=2024-05-09/ftp_dpm_478_1366545717.sync.gz"],
  ])("prefix %j", (prefix, key) => {
    const name = "ftp_dpm_478_1366545717.sync.gz";
    expect(buildInboundKey({ prefix, partner: "acme", date: "2024-05-09", name })).toBe(key);
    // round trip
    const r = parseInboundKey(key);
    expect(r.ok && { prefix: r.value.prefix, partner: r.value.partner, date: r.value.date, name: r.value.name }).toEqual({
      prefix,
      partner: "acme",
      date: "2024-05-09",
      name,
    });
  });

  it.each<[string, { prefix: string; partner: string; date: string; name: string }]>([
    ["leading slash in prefix", { prefix: "/a", partner: "acme", date: "2024-05-09", name: "ftp_dpm_478_1366545717.sync" }],
    ["trailing slash in prefix", { prefix: "a/", partner: "acme", date: "2024-05-09", name: "ftp_dpm_478_1366545717.sync" }],
    ["dot-dot in prefix", { prefix: "a/../b", partner: "acme", date: "2024-05-09", name: "ftp_dpm_478_1366545717.sync" }],
    ["empty partner", { prefix: "a", partner: "", date: "2024-05-09", name: "ftp_dpm_478_1366545717.sync" }],
    ["slash in partner", { prefix: "a", partner: "ac/me", date: "2024-05-09", name: "ftp_dpm_478_1366545717.sync" }],
    ["impossible date", { prefix: "a", partner: "acme", date: "2024-02-30", name: "ftp_dpm_478_1366545717.sync" }],
    ["invalid name", { prefix: "a", partner: "acme", date: "2024-05-09", name: "ftp_dpm_478_1366545717.zip" }],
  ])("throws on %s", (_label, p) => {
    expect(() => buildInboundKey(p)).toThrow(RangeError);
  });
});
