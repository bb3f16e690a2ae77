import { describe, expect, it } from "vitest";
import { checkOutputParts, SIZE_LIMITS } from "@/lib/aam/size-rules";
import { envSchema } from "@/lib/server/env-schema";

describe("checkOutputParts", () => {
  it("passes parts within AAM's limits, even outside the optimal band", () => {
    expect(checkOutputParts([
      { name: "ftp_dpm_21_1700000000.sync.1.gz", bytes: 250e6, rawBytes: 1.2e9 },
      { name: "ftp_dpm_21_1700000000.sync.2.gz", bytes: 1.5e9, rawBytes: 4.9e9 },
      { name: "ftp_dpm_21_1700000000.sync.3.gz", bytes: 10, rawBytes: 30 },
    ])).toEqual([]);
  });

  it("names each part above a hard limit", () => {
    const out = checkOutputParts([
      { name: "ftp_dpm_21_1700000000.sync.1.gz", bytes: 100e6, rawBytes: 400e6 },
      { name: "ftp_dpm_21_1700000000.sync.2.gz", bytes: SIZE_LIMITS.maxCompressedBytes + 1, rawBytes: 4e9 },
      { name: "ftp_dpm_21_1700000000.sync.3.gz", bytes: 900e6, rawBytes: SIZE_LIMITS.maxUncompressedBytes + 1 },
      { name: "ftp_dpm_21_1700000000.sync", bytes: 5.5e9, rawBytes: 5.5e9 },
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^ftp_dpm_21_1700000000\.sync\.2\.gz: .*3 GB/);
    expect(out[1]).toMatch(/^ftp_dpm_21_1700000000\.sync\.3\.gz: .*5 GB/);
    expect(out[2]).toMatch(/^ftp_dpm_21_1700000000\.sync: .*5 GB/);
  });
});

describe("MAX_PART_BYTES default", () => {
  it("sits inside AAM's optimal compressed band (spec §2.4)", () => {
    const parsed = envSchema.shape.MAX_PART_BYTES.parse(undefined);
    expect(parsed).toBeGreaterThanOrEqual(SIZE_LIMITS.optimalCompressedMinBytes);
    expect(parsed).toBeLessThanOrEqual(SIZE_LIMITS.optimalCompressedMaxBytes);
  });
});
