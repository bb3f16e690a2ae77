import { describe, expect, it } from "vitest";
import {
  buildInboundName,
  GLOBAL_DEVICE_DPIDS,
  idTypeForDpid,
  matchInboundName,
  parseInboundName,
  type InboundNameParts,
} from "@/lib/aam/file-name";

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe("parseInboundName: spec §1.3 valid names V1-V14", () => {
  it.each<[string, string, InboundNameParts]>([
    ["V1", "ftp_dpm_478_1366545717.sync.1.gz", { dpid: 478, timestamp: 1366545717, mode: "sync", split: 1, ext: "gz" }],
    ["V2", "ftp_dpm_478_1366545717.sync.2.gz", { dpid: 478, timestamp: 1366545717, mode: "sync", split: 2, ext: "gz" }],
    ["V3", "ftp_dpm_478_1366545717.sync", { dpid: 478, timestamp: 1366545717, mode: "sync" }],
    ["V4", "ftp_dpm_478_567_1366545717.sync.gz", { dpid: 478, targetDpid: 567, timestamp: 1366545717, mode: "sync", ext: "gz" }],
    ["V5", "ftp_dpm_478_1366545717.overwrite", { dpid: 478, timestamp: 1366545717, mode: "overwrite" }],
    ["V6", "ftp_dpm_33_21_1234567890.sync", { dpid: 33, targetDpid: 21, timestamp: 1234567890, mode: "sync" }],
    ["V7", "ftp_dpm_20914_21_1234567890.sync", { dpid: 20914, targetDpid: 21, timestamp: 1234567890, mode: "sync" }],
    ["V8", "ftp_dpm_20915_21_1234567890.sync", { dpid: 20915, targetDpid: 21, timestamp: 1234567890, mode: "sync" }],
    ["V9", "ftp_dpm_121963_21_1234567890.sync", { dpid: 121963, targetDpid: 21, timestamp: 1234567890, mode: "sync" }],
    ["V10", "ftp_dpm_999999_123_1700000000.sync.gz", { dpid: 999999, targetDpid: 123, timestamp: 1700000000, mode: "sync", ext: "gz" }],
    ["V11", "ftp_dpm_1234_1445374061.overwrite", { dpid: 1234, timestamp: 1445374061, mode: "overwrite" }],
    ["V12", "ftp_dpm_100_1234567890.sync.pgp", { dpid: 100, timestamp: 1234567890, mode: "sync", ext: "pgp" }],
    ["V13", "ftp_dpm_100_1234567890.overwrite.gpg", { dpid: 100, timestamp: 1234567890, mode: "overwrite", ext: "gpg" }],
    ["V14", "ftp_dpm_478_1366545717.overwrite.12.gz", { dpid: 478, timestamp: 1366545717, mode: "overwrite", split: 12, ext: "gz" }],
  ])("%s %s", (_id, name, parts) => {
    const r = parseInboundName(name);
    expect(r).toEqual({ ok: true, value: parts, issues: [] });
    // and the builder writes exactly the same name back
    expect(buildInboundName(parts)).toBe(name);
  });
});

describe("parseInboundName: spec §1.3 invalid names I1-I16, I19", () => {
  it.each<[string, string, string, RegExp]>([
    ["I1", "ftp_dpm_478_136654571.sync", "NAME_INVALID", /9-digit timestamp/],
    ["I2", "ftp_dpm_478_13665457170.sync", "NAME_INVALID", /11-digit timestamp/],
    ["I2 (ms)", "ftp_dpm_478_1366545717000.sync", "NAME_INVALID", /13-digit timestamp.*milliseconds/],
    ["I3", "ftp_dpm_478_1366545717.txt", "NAME_INVALID", /mode "\.txt"/],
    ["I4", "ftp_dpm_478_1366545717.sync.zip", "NAME_INVALID", /gzip \(\.gz\) only/],
    ["I5", "ftp_dpm_478_1366545717.gz.sync", "NAME_INVALID", /compression suffix before the mode/],
    ["I6", "ftp_dpm_478_1366545717.sync.gz.1", "NAME_INVALID", /part number after the compression suffix/],
    ["I7", "ftp_dpm_20914_1366545717.sync", "NAME_TARGET_REQUIRED", /global gaid data source/],
    ["I8 upper prefix", "FTP_DPM_478_1366545717.sync", "NAME_INVALID", /lower case/],
    ["I8 upper mode", "ftp_dpm_478_1366545717.SYNC", "NAME_INVALID", /lower case/],
    ["I9", "ftp-dpm-478-1366545717.sync", "NAME_INVALID", /underscores/],
    ["I10", "ftp_dpm_478_1366545717.sync.gz.pgp", "NAME_INVALID", /both gzipped and PGP/],
    ["I11", "ftp_dpm_478_1366545717", "NAME_INVALID", /missing the mode suffix/],
    ["I12", "ftp_dpm_abc_1366545717.sync", "NAME_INVALID", /not a plain number/],
    ["I13", "ftp_dpm_478_1366545717.sync.tar.gz", "NAME_INVALID", /tar/],
    ["I14", "ftp_dpm_478_1366545717.iter", "NAME_INVALID", /outbound label/],
    ["I15", "ftp_dpm_478_21_33_1366545717.sync", "NAME_INVALID", /3 DPIDs/],
    ["I16", "ftp_dpm_478_1366545717.sync.0.gz", "NAME_INVALID", /part number 0/],
    ["I19", "ftp_dpm_478_1366545717.sync ", "NAME_INVALID", /whitespace/],
    ["A4 9-digit doc example", "ftp_dpm_21_123456789.sync", "NAME_INVALID", /9-digit timestamp/],
    ["ODC family", "ftp_dpm_odc_12345_1556223815.sync", "NAME_INVALID", /Oracle Data Cloud/],
    ["ID-sync family", "adobe_id_0_12345_1476312152.sync", "NAME_INVALID", /ID-sync/],
    ["other prefix", "data_478_1366545717.sync", "NAME_INVALID", /must start with ftp_dpm_/],
    ["junk after mode", "ftp_dpm_478_1366545717.sync.gz.gz", "NAME_INVALID", /unexpected suffix/],
  ])("%s %j", (_id, name, code, message) => {
    const r = parseInboundName(name);
    expect(r.ok).toBe(false);
    expect(codes(r.issues)).toEqual([code]);
    expect(r.issues[0]!.severity).toBe("error");
    expect(r.issues[0]!.message).toMatch(message);
    expect(r.issues[0]!.value).toBe(name);
  });
});

describe("parseInboundName: semantic checks", () => {
  it.each([...GLOBAL_DEVICE_DPIDS.keys()])("global device DPID %i needs a target", (dpid) => {
    expect(codes(parseInboundName(`ftp_dpm_${dpid}_1366545717.sync`).issues)).toEqual(["NAME_TARGET_REQUIRED"]);
    expect(parseInboundName(`ftp_dpm_${dpid}_21_1366545717.sync`).ok).toBe(true);
  });

  it.each<[string, string, "warning" | "info"]>([
    ["ftp_dpm_0478_1366545717.sync", "NAME_LEADING_ZERO", "warning"],
    ["ftp_dpm_478_021_1366545717.sync", "NAME_LEADING_ZERO", "warning"],
    ["ftp_dpm_0_1366545717.sync", "NAME_DPID_ZERO", "warning"],
    ["ftp_dpm_478_1366545717.sync.2.pgp", "NAME_SPLIT_PGP", "info"],
  ])("%s is accepted with %s (%s)", (name, code, severity) => {
    const r = parseInboundName(name);
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([[code, severity]]);
  });

  it("warns about a timestamp more than a day in the future only when the clock is given", () => {
    const name = "ftp_dpm_478_1900000000.sync";
    expect(parseInboundName(name).issues).toEqual([]);
    expect(codes(parseInboundName(name, { nowSeconds: 1_800_000_000 }).issues)).toEqual(["NAME_TIMESTAMP_RANGE"]);
    expect(parseInboundName(name, { nowSeconds: 1_899_990_000 }).issues).toEqual([]);
  });

  it("matchInboundName still reads the parts of a name that fails a semantic check", () => {
    expect(matchInboundName("ftp_dpm_20914_1366545717.sync")).toEqual({ dpid: 20914, timestamp: 1366545717, mode: "sync" });
    expect(matchInboundName("ftp_dpm_478_136654571.sync")).toBeNull();
  });
});

describe("buildInboundName", () => {
  it.each<[string, InboundNameParts]>([
    ["non-integer DPID", { dpid: 4.5, timestamp: 1366545717, mode: "sync" }],
    ["negative target", { dpid: 478, targetDpid: -1, timestamp: 1366545717, mode: "sync" }],
    ["global DPID without target", { dpid: 20915, timestamp: 1366545717, mode: "sync" }],
    ["9-digit timestamp", { dpid: 478, timestamp: 136654571, mode: "sync" }],
    ["millisecond timestamp", { dpid: 478, timestamp: 1366545717000, mode: "sync" }],
    ["split 0", { dpid: 478, timestamp: 1366545717, mode: "sync", split: 0 }],
    ["bad mode", { dpid: 478, timestamp: 1366545717, mode: "full" as "sync" }],
  ])("throws on %s", (_label, parts) => {
    expect(() => buildInboundName(parts)).toThrow(RangeError);
  });
});

describe("GLOBAL_DEVICE_DPIDS and idTypeForDpid", () => {
  it.each<[number, string]>([
    [20914, "gaid"],
    [20915, "idfa"],
    [121963, "rida"],
    [389146, "maid"],
    [963906, "tifa"],
    [488258, "fire_tv"],
    [1171485, "lgudid"],
    [1171489, "vizio_ifa"],
    [478, "dpuuid"],
    [999999, "dpuuid"],
  ])("DPID %i -> %s", (dpid, type) => {
    expect(idTypeForDpid(dpid)).toBe(type);
  });
  it("lists exactly the eight global device sources of §1.1", () => {
    expect(GLOBAL_DEVICE_DPIDS.size).toBe(8);
  });
});
