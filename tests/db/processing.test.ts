// The local processor against real PostgreSQL: every receipt counter on small files with known answers,
// and the profile store read back after sync and overwrite files, split parts and the 200-line rule.
import { describe, expect, it } from "vitest";
import { storedByFormula, type ReceiptCounters } from "@/lib/aam/receipt";
import { db } from "@/lib/server/db";
import { runProcessing } from "@/lib/server/processing/run-processing";
import { errorSamplesSchema, receiptCountersSchema } from "@/lib/validation/receipt";
import { key, makeDataSource, makeEnvironment, memorySource, traitsOf, uniqueIds } from "../support/processing";

const TS = 1714521600; // 2024-05-01
const DAY = 86_400;

async function receiptOf(id: string) {
  const r = await db.receipt.findUniqueOrThrow({ where: { id } });
  return { ...r, counters: receiptCountersSchema.parse(r.counters), errorSamples: errorSamplesSchema.parse(r.errorSamples) };
}

function expectFormula(c: ReceiptCounters) {
  expect(c.storedRecords).toBe(storedByFormula(c));
}

describe("processor counters (a .sync file of a customer-ID data source)", () => {
  it("counts every field of AAM's receipt with known answers", async () => {
    const { dpid, sid } = uniqueIds();
    const other = await makeDataSource({ dpid: uniqueIds().dpid, traits: [{ sid: sid(900) }] });
    const ds = await makeDataSource({
      dpid,
      traits: [{ sid: sid(1) }, { sid: sid(2), rule: { ic: "52" } }, { sid: sid(3), rule: { key: "tier", value: "gold" } }],
      synced: ["u1", "u2", "u4", "u5"],
    });
    const env = await makeEnvironment();
    const text = [
      `u1\td_sid=${sid(1)},ic=52,tier=gold`, // stored: realises 3
      `u2\td_sid=${sid(1)},d_sid=${sid(900)},foo=bar`, // stored: 1 realised, 1 failed validation, 1 unused
      `u3 d_sid=${sid(1)}`, // format error: no TAB
      "", // format error: blank line
      `u4\td_sid=77`, // no trait realised (unused)
      `nomatch\td_sid=${sid(1)}`, // never ID-synced: no matching AAM ID
      `u1\td_unsid=${sid(1)}`, // stored: removes what line 1 realised
      `u5\td_sid=${sid(900)}`, // only another data source's trait: failed validation, no trait realised
    ].join("\n");
    const k = key(dpid, TS, "sync.gz");
    const result = await runProcessing(env.id, { source: memorySource({ [k]: text + "\n" }) });
    expect(result.rejected).toEqual([]);
    expect(result.receipts).toHaveLength(1);
    const r = await receiptOf(result.receipts[0]!.receiptId);
    expect(r.counters).toEqual({
      recordsReceived: 8,
      formatErrors: 2,
      invalidAamId: 0,
      invalidDeviceId: 0,
      noMatchingAamId: 1,
      noTraitRealized: 2,
      recordsProcessed: 8,
      storedRecords: 3,
      totalDevices: 2,
      totalSignals: 10,
      totalUnusedSignals: 2,
      totalRealizedTraits: 4,
      totalRemovedTraits: 0,
      traitsFailedValidation: 2,
      usersWithTraitsFailedValidation: 2,
    });
    expectFormula(r.counters);
    expect([r.dataSourceId, r.environmentId, r.source, r.files]).toEqual([ds.id, env.id, "processor", [`s3n://proc-test/${k}`]]);
    expect(r.startedAt.getTime()).toBeLessThanOrEqual(r.endedAt.getTime());
    expect(r.text).toContain(`Dear Adobe Partner: (ID:${dpid})`);
    expect(r.text).toContain("Records received: 8\nFormat Errors: 2\n");

    const name = k.split("/").pop()!;
    const s = r.errorSamples;
    expect(s.formatErrors?.map((e) => [e.key, e.count, e.samples[0]?.line])).toEqual([["BLANK_LINE", 1, 4], ["LINE_FORMAT", 1, 3]]);
    expect(s.noMatchingAamId).toEqual([{ key: "nomatch", count: 1, overcount: 0, samples: [{ file: name, line: 6, text: `nomatch has no ID-sync match for DPID ${dpid}` }] }]);
    expect(s.noTraitRealized?.map((e) => [e.key, e.count, e.samples[0]?.line])).toEqual([
      ["no trait for d_sid=77", 1, 5],
      [`only other data sources' traits (d_sid=${sid(900)})`, 1, 8],
    ]);
    expect(s.traitsFailedValidation?.map((e) => [e.key, e.count])).toEqual([[`d_sid=${sid(900)}`, 2]]);

    // The store: u1 lost trait 1 again (last mention wins), u2 has trait 1 only, nobody has the other source's trait.
    expect(await traitsOf(ds.id, "u1")).toEqual([sid(2), sid(3)]);
    expect(await traitsOf(ds.id, "u2")).toEqual([sid(1)]);
    expect(await db.profile.count({ where: { dataSourceId: ds.id } })).toBe(2);
    expect(await db.traitRealization.count({ where: { traitId: other.traits[sid(900)]! } })).toBe(0);
    expect(await db.processedFile.findMany({ where: { environmentId: env.id }, select: { objectKey: true, receiptId: true } })).toEqual([
      { objectKey: k, receiptId: r.id },
    ]);

    // A second run finds nothing new: no second receipt, nothing applied twice.
    const again = await runProcessing(env.id, { source: memorySource({ [k]: text }) });
    expect(again.receipts).toEqual([]);
    expect(await db.receipt.count({ where: { environmentId: env.id } })).toBe(1);
  });

  it("keeps unmatched records of a cross-device data source", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, crossDevice: true, traits: [{ sid: sid(1) }] });
    const env = await makeEnvironment();
    const res = await runProcessing(env.id, { source: memorySource({ [key(dpid, TS, "sync")]: `never-synced\td_sid=${sid(1)}\n` }) });
    const c = (await receiptOf(res.receipts[0]!.receiptId)).counters;
    expect([c.noMatchingAamId, c.storedRecords, c.totalDevices, c.totalRealizedTraits]).toEqual([0, 1, 1, 1]);
    expect(await traitsOf(ds.id, "never-synced")).toEqual([sid(1)]);
  });

  it("counts invalid AAM IDs in an AAM-UUID data source (no ID sync needed)", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, idType: "aam_uuid", traits: [{ sid: sid(1) }] });
    const env = await makeEnvironment();
    const good = "59767559181262060060278870901087098252";
    const text = [`${good}\td_sid=${sid(1)}`, `${good.slice(1)}\td_sid=${sid(1)}`, `${good.slice(1)}X\td_sid=${sid(1)}`].join("\n");
    const res = await runProcessing(env.id, { source: memorySource({ [key(dpid, TS, "sync")]: text }) });
    const r = await receiptOf(res.receipts[0]!.receiptId);
    expect([r.counters.invalidAamId, r.counters.storedRecords, r.counters.noMatchingAamId, r.counters.recordsReceived]).toEqual([2, 1, 0, 3]);
    expect(r.errorSamples.invalidAamId?.map((e) => e.key)).toEqual([good.slice(1), `${good.slice(1)}X`]);
    expect(await traitsOf(ds.id, good)).toEqual([sid(1)]);
  });

  it("counts invalid device IDs in a global device file (IDFA: upper case only)", async () => {
    const { dpid: target, sid } = uniqueIds();
    await makeDataSource({ dpid: 20915, targetDpid: target, idType: "idfa", traits: [{ sid: sid(1) }] });
    const env = await makeEnvironment();
    const text = `6D92078A-8246-4BA4-AE5B-76104861E7DC\td_sid=${sid(1)}\ne4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=${sid(1)}\n`;
    const res = await runProcessing(env.id, { source: memorySource({ [`inbound/acme/date=2024-05-01/ftp_dpm_20915_${target}_${TS}.sync`]: text }) });
    const c = (await receiptOf(res.receipts[0]!.receiptId)).counters;
    expect([c.invalidDeviceId, c.storedRecords, c.noMatchingAamId]).toEqual([1, 1, 0]);
  });
});

describe("sync vs overwrite over two days (spec §4.1)", () => {
  async function setup() {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [1, 2, 3, 4, 5].map((n) => ({ sid: sid(n) })), synced: ["a", "b"] });
    const env = await makeEnvironment();
    const day1 = { [key(dpid, TS, "sync")]: `a\td_sid=${sid(1)},d_sid=${sid(2)},d_sid=${sid(3)}\nb\td_sid=${sid(1)}\n` };
    await runProcessing(env.id, { source: memorySource(day1) });
    return { dpid, sid, ds, env, day1 };
  }

  it("day 2 .sync with c,d,e leaves a,b,c,d,e", async () => {
    const { dpid, sid, ds, env, day1 } = await setup();
    const day2 = { ...day1, [key(dpid, TS + DAY, "sync")]: `a\td_sid=${sid(3)},d_sid=${sid(4)},d_sid=${sid(5)}\n` };
    const res = await runProcessing(env.id, { source: memorySource(day2) });
    expect(await traitsOf(ds.id, "a")).toEqual([1, 2, 3, 4, 5].map(sid));
    expect(await traitsOf(ds.id, "b")).toEqual([sid(1)]);
    const c = (await receiptOf(res.receipts[0]!.receiptId)).counters;
    expect([c.totalRealizedTraits, c.totalRemovedTraits, c.storedRecords]).toEqual([3, 0, 1]);
  });

  it("day 2 .overwrite with c,d,e leaves c,d,e, ignores d_unsid, and leaves users not in the file alone", async () => {
    const { dpid, sid, ds, env, day1 } = await setup();
    const day2 = { ...day1, [key(dpid, TS + DAY, "overwrite")]: `a\td_sid=${sid(3)},d_sid=${sid(4)},d_unsid=${sid(3)}\na\td_sid=${sid(5)}\n` };
    const res = await runProcessing(env.id, { source: memorySource(day2) });
    expect(await traitsOf(ds.id, "a")).toEqual([3, 4, 5].map(sid));
    expect(await traitsOf(ds.id, "b")).toEqual([sid(1)]);
    const c = (await receiptOf(res.receipts[0]!.receiptId)).counters;
    // a had 1,2,3 and now has 3,4,5: 2 removed; d_unsid is an unused signal in an overwrite file.
    expect([c.totalRealizedTraits, c.totalRemovedTraits, c.totalUnusedSignals, c.storedRecords, c.totalDevices]).toEqual([3, 2, 1, 2, 1]);
  });

  it("applies both days in timestamp order when one run finds them together", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [1, 2, 3].map((n) => ({ sid: sid(n) })), synced: ["a"] });
    const env = await makeEnvironment();
    const res = await runProcessing(env.id, {
      source: memorySource({
        [key(dpid, TS + DAY, "overwrite")]: `a\td_sid=${sid(3)}\n`,
        [key(dpid, TS, "sync")]: `a\td_sid=${sid(1)},d_sid=${sid(2)}\n`,
      }),
    });
    expect(await traitsOf(ds.id, "a")).toEqual([sid(3)]);
    const r = await receiptOf(res.receipts[0]!.receiptId);
    expect(r.files.map((f) => f.split("/").pop())).toEqual([`ftp_dpm_${dpid}_${TS}.sync`, `ftp_dpm_${dpid}_${TS + DAY}.overwrite`]);
    expect([r.counters.recordsReceived, r.counters.totalRealizedTraits, r.counters.totalRemovedTraits, r.counters.totalDevices]).toEqual([2, 3, 2, 1]);
  });
});

describe("split parts and the 200-line rule", () => {
  it("processes the parts of one overwrite file as one file", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [1, 2, 3].map((n) => ({ sid: sid(n) })), synced: ["a"] });
    const env = await makeEnvironment();
    await runProcessing(env.id, { source: memorySource({ [key(dpid, TS, "sync")]: `a\td_sid=${sid(3)}\n` }) });
    const res = await runProcessing(env.id, {
      source: memorySource({
        [key(dpid, TS + DAY, "overwrite.2.gz")]: `a\td_sid=${sid(2)}\n`,
        [key(dpid, TS + DAY, "overwrite.1.gz")]: `a\td_sid=${sid(1)}\nb\tnot-a-trait=1\n`,
      }),
    });
    // Were the parts separate files, part 2 would have overwritten part 1's trait.
    expect(await traitsOf(ds.id, "a")).toEqual([sid(1), sid(2)]);
    expect(res.receipts).toHaveLength(1);
    const r = await receiptOf(res.receipts[0]!.receiptId);
    expect(r.files.map((f) => f.split("/").pop())).toEqual([`ftp_dpm_${dpid}_${TS + DAY}.overwrite.1.gz`, `ftp_dpm_${dpid}_${TS + DAY}.overwrite.2.gz`]);
    expect([r.counters.recordsReceived, r.counters.storedRecords, r.counters.noMatchingAamId, r.counters.totalRemovedTraits]).toEqual([3, 2, 1, 1]);
    expect(r.errorSamples.noMatchingAamId?.[0]?.samples[0]).toMatchObject({ file: `ftp_dpm_${dpid}_${TS + DAY}.overwrite.1.gz`, line: 2 });
  });

  it("discards lines after the 200th for one user, across parts", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [1, 2].map((n) => ({ sid: sid(n) })), synced: ["heavy", "light"] });
    const env = await makeEnvironment();
    const part1 = Array.from({ length: 150 }, () => `heavy\td_sid=${sid(1)}`).join("\n") + "\n";
    const part2 = [...Array.from({ length: 50 }, () => `heavy\td_sid=${sid(1)}`), ...Array.from({ length: 5 }, () => `heavy\td_sid=${sid(2)}`), `light\td_sid=${sid(2)}`].join("\n");
    const res = await runProcessing(env.id, { source: memorySource({ [key(dpid, TS, "sync.1.gz")]: part1, [key(dpid, TS, "sync.2.gz")]: part2 }) });
    expect(await traitsOf(ds.id, "heavy")).toEqual([sid(1)]);
    expect(await traitsOf(ds.id, "light")).toEqual([sid(2)]);
    const r = await receiptOf(res.receipts[0]!.receiptId);
    expect([r.counters.recordsReceived, r.counters.recordsProcessed, r.counters.storedRecords, r.counters.totalRealizedTraits]).toEqual([206, 201, 201, 201]);
    expectFormula(r.counters);
    expect(r.errorSamples.overUserLineLimit?.map((e) => [e.key, e.count, e.samples[0]?.line])).toEqual([["heavy", 5, 51]]);
  });
});

describe("file checks and links", () => {
  it("rejects badly named and encrypted files without a receipt, and never retries them", async () => {
    const { dpid } = uniqueIds();
    await makeDataSource({ dpid });
    const env = await makeEnvironment();
    const files = {
      [`inbound/acme/date=2024-05-01/ftp_dpm_${dpid}_${TS}.sync.zip`]: "x\td_sid=1\n",
      [`inbound/acme/date=2024-05-01/ftp_dpm_${dpid}_${TS}.sync.pgp`]: "x",
      [`inbound/acme/date=2024-05-01/ftp_dpm_999999991_${TS}.sync`]: "x\td_sid=1\n",
    };
    const res = await runProcessing(env.id, { source: memorySource(files) });
    expect(res.receipts).toEqual([]);
    expect(res.rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining("gzip (.gz) only"),
      expect.stringContaining("PGP"),
      expect.stringContaining("No data source with DPID 999999991"),
    ]);
    expect(await db.processedFile.count({ where: { environmentId: env.id, receiptId: null } })).toBe(3);
    expect((await runProcessing(env.id, { source: memorySource(files) })).rejected).toEqual([]);
  });

  it("links the receipt to the submission whose files it covered and marks it processed", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [{ sid: sid(1) }], synced: ["a"] });
    const env = await makeEnvironment();
    const k1 = key(dpid, TS, "sync.1.gz");
    const k2 = key(dpid, TS, "sync.2.gz");
    const sub = await db.submission.create({
      data: {
        createdBy: "t", dataSourceId: ds.id, environmentId: env.id, mode: "sync", aamTimestamp: TS, originalName: "a.csv", originalSize: 1n,
        originalSha256: "0".repeat(64), mapping: {}, status: "delivered",
        files: { create: [k1, k2].map((objectKey, i) => ({ part: i + 1, aamName: objectKey.split("/").pop()!, objectKey, bytes: 1n, records: 1, sha256: "0".repeat(64) })) },
      },
    });
    // Only part 1 has landed: the receipt links the submission, which is not processed yet.
    const first = await runProcessing(env.id, { source: memorySource({ [k1]: `a\td_sid=${sid(1)}\n` }) });
    expect(first.receipts[0]!.submissionIds).toEqual([sub.id]);
    expect((await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("delivered");
    await runProcessing(env.id, { source: memorySource({ [k1]: "", [k2]: `a\td_sid=${sid(1)}\n` }) });
    const after = await db.submission.findUniqueOrThrow({ where: { id: sub.id }, include: { receipts: true } });
    expect(after.status).toBe("processed");
    expect(after.processedAt).toBeInstanceOf(Date);
    expect(after.receipts).toHaveLength(2);
  });
});
