import { describe, expect, it } from "vitest";
import { classifyBucket, classifyHost, isProductionDestination } from "@/lib/aam/adobe-destinations";

describe("classifyHost", () => {
  it.each([
    ["ftp-in-gtw.demdex.com", "production"],
    ["FTP-IN-GTW.DEMDEX.COM", "production"],
    ["ftp-in-gtw.demdex.com.", "production"],
    ["ftp-in-gtw.demdex.com:22", "production"],
    ["sftp://user@Ftp-In-Gtw.demdex.com.:22/inbound", "production"],
    ["52.3.74.119", "production"],
    ["3.233.68.222", "production"],
    ["sandbox-ftp-in.demdex.com", "beta"],
    ["Sandbox-FTP-in.demdex.com.:21", "beta"],
    ["ftp-in.demdex.com", "deprecated"],
    ["FTP-IN.demdex.com.", "deprecated"],
    ["54.225.117.163", "deprecated"],
    ["ftp-out.demdex.com", "deprecated"],
    ["other.demdex.com", "production"],
    ["127.0.0.1", "not_adobe"],
    ["sftp.example.com", "not_adobe"],
    ["demdex.com.evil.example", "not_adobe"],
    ["", "not_adobe"],
  ])("%s is %s", (host, cls) => {
    expect(classifyHost(host).class).toBe(cls);
  });

  it("says why a deprecated host is deprecated and what replaces it", () => {
    expect(classifyHost("ftp-in.demdex.com").warning).toMatch(/deprecated.*ftp-in-gtw\.demdex\.com/);
  });
});

describe("classifyBucket", () => {
  it.each([
    ["demdex-s2s-clients", "production"],
    ["DEMDEX-S2S-CLIENTS", "production"],
    ["s3://demdex-s2s-clients/1234/acme", "production"],
    ["demdex-s2s-clients-sandbox-us-east-1", "beta"],
    ["demdex-s2s-customers-sandbox-us-east-1", "beta"],
    ["my-bucket", "not_adobe"],
  ])("%s is %s", (bucket, cls) => {
    expect(classifyBucket(bucket).class).toBe(cls);
  });

  it("flags the Spanish page's mistranslated beta bucket", () => {
    expect(classifyBucket("demdex-s2s-customers-sandbox-us-east-1").warning).toMatch(/demdex-s2s-clients-sandbox-us-east-1/);
  });
});

describe("isProductionDestination", () => {
  it.each([
    [{ kind: "custom", transport: "sftp", bucket: "", host: "ftp-in-gtw.demdex.com" }, true],
    [{ kind: "custom", transport: "ftp", bucket: "", host: "ftp-in.demdex.com" }, true],
    [{ kind: "sandbox", transport: "s3", bucket: "demdex-s2s-clients", host: null }, true],
    [{ kind: "custom", transport: "sftp", bucket: "", host: "sandbox-ftp-in.demdex.com" }, false],
    [{ kind: "custom", transport: "s3", bucket: "demdex-s2s-clients-sandbox-us-east-1", host: null }, false],
    [{ kind: "production", transport: "s3", bucket: "demdex-s2s-clients", host: null }, true],
    [{ kind: "custom", transport: "sftp", bucket: "", host: "127.0.0.1" }, false],
  ])("%o -> %s", (e, want) => {
    expect(isProductionDestination(e)).toBe(want);
  });
});
