import { describe, expect, it } from "vitest";
import { checkFileSize } from "@/lib/aam/size-rules";

describe("checkFileSize (spec §2.4, A1, §9)", () => {
  it.each<[string, { gzip: boolean; bytes: number; rawBytes?: number }, Array<[string, string]>]>([
    ["small gzip file: no issue (the band only guides splitting)", { gzip: true, bytes: 5_000_000, rawBytes: 40_000_000 }, []],
    ["gzip inside the optimal 200-300 MB band", { gzip: true, bytes: 250_000_000, rawBytes: 1_200_000_000 }, []],
    ["gzip at exactly 300 MB", { gzip: true, bytes: 300_000_000 }, []],
    ["gzip above the band", { gzip: true, bytes: 300_000_001 }, [["SIZE_BAND", "warning"]]],
    ["gzip over 1 GB (A1: the compression page's limit)", { gzip: true, bytes: 1_500_000_000 }, [["SIZE_LIMIT", "warning"]]],
    ["gzip over 3 GB", { gzip: true, bytes: 3_000_000_001 }, [["SIZE_LIMIT", "error"]]],
    ["gzip whose content is over 5 GB", { gzip: true, bytes: 250_000_000, rawBytes: 5_000_000_001 }, [["SIZE_LIMIT", "error"]]],
    ["plain file of 1 GB", { gzip: false, bytes: 1_000_000_000 }, []],
    ["plain file above 1 GB: gzip and split", { gzip: false, bytes: 1_000_000_001 }, [["SIZE_BAND", "warning"]]],
    ["plain file over 5 GB", { gzip: false, bytes: 5_000_000_001 }, [["SIZE_LIMIT", "error"]]],
  ])("%s", (_label, input, expected) => {
    expect(checkFileSize(input).map((i) => [i.code, i.severity])).toEqual(expected);
  });
});
