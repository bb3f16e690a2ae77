// Status transitions are guarded updates against real PostgreSQL: forward only, retries are no-ops.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { advanceStatus, allowedPredecessors } from "@/lib/server/submissions/advance-status";
import { createDataSource } from "@/lib/server/data-sources/create-data-source";
import { SafeError } from "@/lib/server/errors";

let dataSourceId: string;
let environmentId: string;

beforeAll(async () => {
  const ds = await createDataSource({ name: `status-${Date.now()}`, dpid: 478, idType: "dpuuid", partnerFolder: "acme" }, "tester");
  dataSourceId = ds.id;
  const env = await db.environment.create({ data: { name: `env-${Date.now()}`, kind: "sandbox", bucket: "b", prefix: "p" } });
  environmentId = env.id;
});

let seconds = 1700000000;

async function newSubmission() {
  return db.submission.create({
    data: {
      createdBy: "tester", dataSourceId, environmentId, mode: "sync", aamTimestamp: ++seconds,
      originalName: "a.csv", originalSize: 10n, originalSha256: "0".repeat(64), mapping: { columns: [] },
    },
  });
}

describe("advanceStatus", () => {
  it.each([
    ["received", []],
    ["validated", ["received"]],
    ["delivered", ["received", "validated", "converted"]],
    ["failed", ["received", "validated", "converted", "delivered"]],
  ] as const)("%s may follow %j", (to, from) => {
    expect(allowedPredecessors(to)).toEqual(from);
  });

  it("moves forward, stamps each transition, and treats a repeat as a no-op", async () => {
    const s = await newSubmission();
    expect(await advanceStatus(s.id, "validated", { recordCount: 5 })).toBe(true);
    expect(await advanceStatus(s.id, "validated", { recordCount: 99 })).toBe(false);
    const row = await db.submission.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.status).toBe("validated");
    expect(row.recordCount).toBe(5);
    expect(row.validatedAt).toBeInstanceOf(Date);
    expect(row.convertedAt).toBeNull();
  });

  it("never moves backwards and never leaves failed", async () => {
    const s = await newSubmission();
    await advanceStatus(s.id, "converted");
    expect(await advanceStatus(s.id, "validated")).toBe(false);
    expect(await advanceStatus(s.id, "failed", { failureReason: "boom" })).toBe(true);
    expect(await advanceStatus(s.id, "delivered")).toBe(false);
    const row = await db.submission.findUniqueOrThrow({ where: { id: s.id } });
    expect([row.status, row.failureReason]).toEqual(["failed", "boom"]);
  });

  it("lets exactly one of two concurrent identical transitions win", async () => {
    const s = await newSubmission();
    const results = await Promise.all([advanceStatus(s.id, "validated"), advanceStatus(s.id, "validated")]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("createDataSource", () => {
  it("requires a target DPID for global device data sources", async () => {
    await expect(
      createDataSource({ name: `gaid-${Date.now()}`, dpid: 20914, idType: "gaid", partnerFolder: "acme" }, "tester"),
    ).rejects.toThrow(SafeError);
  });

  it("refuses a duplicate name and writes an audit entry for the first", async () => {
    const name = `dup-${Date.now()}`;
    const first = await createDataSource({ name, dpid: 21, idType: "dpuuid", partnerFolder: "acme" }, "tester");
    await expect(createDataSource({ name, dpid: 22, idType: "dpuuid", partnerFolder: "acme" }, "tester")).rejects.toThrow(/already exists/);
    const log = await db.auditLog.findMany({ where: { entityId: first.id } });
    expect(log.map((l) => [l.action, l.actor])).toEqual([["data_source.create", "tester"]]);
  });
});

describe("createWithUniqueTimestamp", () => {
  it("gives submissions of one data source distinct seconds, even when created at once", async () => {
    const { createWithUniqueTimestamp } = await import("@/lib/server/submissions/insert-with-timestamp");
    const ds = await createDataSource({ name: `ts-${Date.now()}`, dpid: 479, idType: "dpuuid", partnerFolder: "acme" }, "tester");
    const base = { createdBy: "tester", dataSourceId: ds.id, environmentId, mode: "sync" as const, originalName: "a.csv", originalSize: 1n, originalSha256: "0".repeat(64), mapping: {} };
    const before = Math.floor(Date.now() / 1000);
    const made = await Promise.all(Array.from({ length: 5 }, () => createWithUniqueTimestamp(base)));
    const stamps = made.map((m) => m.aamTimestamp).sort();
    expect(new Set(stamps).size).toBe(5);
    expect(stamps[0]).toBeGreaterThanOrEqual(before);
    expect(stamps[4]! - stamps[0]!).toBeLessThan(10);
  });
});
