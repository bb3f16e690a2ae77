// The line-level counters of a receipt, on small inputs with known answers.
import { describe, expect, it } from "vitest";
import { createErrorSampler } from "@/lib/aam/error-samples";
import { createInboundClassifier, type ClassifiedRecord } from "@/lib/aam/inbound-classifier";
import type { IdType } from "@/lib/aam/id-rules";
import { createTraitMatcher, type TraitRule } from "@/lib/aam/trait-rules";

const traits: TraitRule[] = [
  { id: "t1", sid: 1, rule: { kind: "sid" } },
  { id: "t2", sid: 2, rule: { kind: "ic", value: "52" } },
  { id: "t3", sid: 3, rule: { kind: "kv", key: "tier", value: "gold" } },
];

function run(lines: string[], idType: IdType = "dpuuid", mode: "sync" | "overwrite" = "sync") {
  const sampler = createErrorSampler();
  const records: ClassifiedRecord[] = [];
  const c = createInboundClassifier({ idType, mode, matcher: createTraitMatcher(traits, [900]), sampler, onRecord: (r) => records.push(r) });
  c.startPart("ftp_dpm_21_1714521600.sync");
  for (const l of lines) c.line(l, 0);
  return { tally: { ...c.tally }, records, samples: sampler.result() };
}

const UUID = "59767559181262060060278870901087098252";

describe("inbound classifier counters", () => {
  it("counts format errors, signals, unused signals and failed validation with known answers", () => {
    const { tally, records, samples } = run([
      "u1\td_sid=1,ic=52,tier=gold", // 3 signals, all used
      "u2\td_sid=1,d_sid=900,foo=bar", // 1 used, 1 foreign, 1 unused
      "u3 d_sid=1", // no TAB: format error
      "u4\td_sid=1\td_sid=2", // two TABs: format error
      "", // blank line: format error
      'u5\t"city"="New York', // bad quotes: format error
      "crm:42\td_sid=1", // forbidden ':' in a DPUUID: format error
      "u6\td_sid=77,53", // 2 unused: no trait realised (decided later, when stored)
      "u7\t", // no signals
    ]);
    expect(tally).toEqual({
      recordsReceived: 9, recordsProcessed: 9, formatErrors: 5, invalidAamId: 0, invalidDeviceId: 0,
      totalSignals: 8, totalUnusedSignals: 3, traitsFailedValidation: 1, usersWithTraitsFailedValidation: 1, overUserLineLimit: 0,
    });
    expect(records.map((r) => [r.rec, r.userId, r.line, r.plan.adds.map((t) => t.id), r.noTraitKey])).toEqual([
      [1, "u1", 1, ["t1", "t2", "t3"], undefined],
      [2, "u2", 2, ["t1"], undefined],
      [3, "u6", 8, [], "no trait for d_sid=77"],
      [4, "u7", 9, [], "no signals"],
    ]);
    expect(samples.formatErrors?.map((e) => [e.key, e.count])).toEqual([["LINE_FORMAT", 2], ["BLANK_LINE", 1], ["ID_FORBIDDEN_CHAR", 1], ["SIGNAL_BAD_QUOTES", 1]]);
    expect(samples.traitsFailedValidation).toEqual([{ key: "d_sid=900", count: 1, overcount: 0, samples: [{ file: "ftp_dpm_21_1714521600.sync", line: 2, text: "u2" }] }]);
  });

  it("counts invalid AAM IDs in an AAM UUID file", () => {
    const { tally, records, samples } = run([`${UUID}\td_sid=1`, `${UUID.slice(1)}\td_sid=1`, `${UUID.slice(1)}A\td_sid=1`], "aam_uuid");
    expect([tally.invalidAamId, tally.formatErrors, records.length, tally.totalSignals]).toEqual([2, 0, 1, 1]);
    expect(samples.invalidAamId?.map((e) => e.key)).toEqual([UUID.slice(1), `${UUID.slice(1)}A`]);
  });

  it("counts invalid device IDs in an IDFA file (lower case is not an IDFA)", () => {
    const { tally } = run(["6D92078A-8246-4BA4-AE5B-76104861E7DC\td_sid=1", "e4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=1"], "idfa");
    expect([tally.invalidDeviceId, tally.recordsProcessed]).toEqual([1, 2]);
  });

  it("discards lines after the 200th per user: received but not processed", () => {
    const lines = [...Array.from({ length: 205 }, (_, i) => `heavy\td_sid=${i === 204 ? 2 : 1}`), "light\td_sid=1"];
    const { tally, records, samples } = run(lines);
    expect([tally.recordsReceived, tally.recordsProcessed, tally.overUserLineLimit, records.length]).toEqual([206, 201, 5, 201]);
    expect(samples.overUserLineLimit).toEqual([
      { key: "heavy", count: 5, overcount: 0, samples: [201, 202, 203].map((line) => ({ file: "ftp_dpm_21_1714521600.sync", line, text: "heavy\td_sid=1" })) },
    ]);
  });

  it("counts the 200 lines per user across split parts of one file", () => {
    const sampler = createErrorSampler();
    let n = 0;
    const c = createInboundClassifier({ idType: "dpuuid", mode: "sync", matcher: createTraitMatcher(traits), sampler, onRecord: () => n++ });
    c.startPart("ftp_dpm_21_1714521600.sync.1.gz");
    for (let i = 0; i < 150; i++) c.line("u\td_sid=1", 0);
    c.startPart("ftp_dpm_21_1714521600.sync.2.gz");
    for (let i = 0; i < 60; i++) c.line("u\td_sid=1", 0);
    expect([n, c.tally.overUserLineLimit]).toEqual([200, 10]);
    expect(sampler.result().overUserLineLimit?.[0]?.samples[0]).toEqual({ file: "ftp_dpm_21_1714521600.sync.2.gz", line: 51, text: "u\td_sid=1" });
  });

  it("ignores d_unsid in overwrite files (unused) and tolerates CRLF and a BOM", () => {
    const { tally, records } = run(["\ufeffu1\td_sid=1,d_unsid=2\r", "u2\td_unsid=1"], "dpuuid", "overwrite");
    expect([tally.formatErrors, tally.totalUnusedSignals]).toEqual([0, 2]);
    expect(records.map((r) => [r.userId, r.plan.adds.length, r.plan.removes.length, r.noTraitKey])).toEqual([
      ["u1", 1, 0, undefined],
      ["u2", 0, 0, "no trait for d_unsid=1"],
    ]);
  });

  it("treats an over-long line as a format error", () => {
    const { tally } = run([`u\t"k"="${"x".repeat(102_400)}"`]);
    expect([tally.formatErrors, tally.recordsProcessed]).toEqual([1, 1]);
  });
});
