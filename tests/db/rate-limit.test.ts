// Fixed-window rate limits against real PostgreSQL: the limit, the window's end (on a passed clock),
// exact counting under concurrency, reset, and the purge of dead counters, with the rows read back.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { hit, MAX_WINDOW_SECONDS, purgeExpiredRateLimits, reset } from "@/lib/server/rate-limit/fixed-window";

const key = (label: string) => `test:${label}:${randomUUID()}`;
const at = (iso: string) => new Date(iso);

describe("fixed-window rate limit", () => {
  it("allows `limit` hits in a window, then refuses with the seconds until the window ends", async () => {
    const k = key("limit");
    const t0 = at("2026-01-01T10:00:00.000Z");
    const results = [];
    for (const s of [0, 10, 20, 30]) results.push(await hit(k, 3, 60, { now: new Date(t0.getTime() + s * 1000) }));
    expect(results).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0 },
      { allowed: false, remaining: 0, retryAfterSeconds: 30 },
    ]);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: k } });
    expect(row).toEqual({ key: k, windowStart: t0, count: 4 });
  });

  it("starts a new window once the old one is over, and not a millisecond earlier", async () => {
    const k = key("expiry");
    const t0 = at("2026-01-01T10:00:00.000Z");
    await hit(k, 1, 60, { now: t0 });
    expect(await hit(k, 1, 60, { now: at("2026-01-01T10:00:59.999Z") })).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(await hit(k, 1, 60, { now: at("2026-01-01T10:01:00.000Z") })).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(await db.rateLimit.findUniqueOrThrow({ where: { key: k } })).toMatchObject({ windowStart: at("2026-01-01T10:01:00.000Z"), count: 1 });
  });

  it("uses the database clock when no time is passed (a short real window)", async () => {
    const k = key("clock");
    expect((await hit(k, 1, 1)).allowed).toBe(true);
    const refused = await hit(k, 1, 1);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await hit(k, 1, 1)).allowed).toBe(true);
    // Stored as UTC, as Prisma reads timestamp(3) columns.
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: k } });
    expect(Math.abs(row.windowStart.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it("counts concurrent hits exactly: 50 at once with limit 10 allow exactly 10", async () => {
    const k = key("concurrent");
    const results = await Promise.all(Array.from({ length: 50 }, () => hit(k, 10, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // Each hit saw its own count: the remaining values 9..0 each once among the allowed.
    expect(results.filter((r) => r.allowed).map((r) => r.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: k } })).count).toBe(50);
  });

  it("keeps keys apart, and reset() forgets one", async () => {
    const [a, b] = [key("a"), key("b")];
    await hit(a, 1, 60);
    expect((await hit(a, 1, 60)).allowed).toBe(false);
    expect((await hit(b, 1, 60)).allowed).toBe(true);
    await reset(a);
    expect(await db.rateLimit.findUnique({ where: { key: a } })).toBeNull();
    expect((await hit(a, 1, 60)).allowed).toBe(true);
    await reset("never-hit"); // no row: nothing to do, no error
  });

  it("purges only counters whose window is over for any allowed window length", async () => {
    const [old, live] = [key("old"), key("live")];
    const now = at("2026-03-01T12:00:00.000Z");
    await hit(old, 5, 60, { now: new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000 - 1) });
    await hit(live, 5, MAX_WINDOW_SECONDS, { now: new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000 + 1_000) });
    expect(await purgeExpiredRateLimits({ now })).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimit.findUnique({ where: { key: old } })).toBeNull();
    expect(await db.rateLimit.findUnique({ where: { key: live } })).not.toBeNull();
  });

  it.each([
    [1, 0],
    [1, MAX_WINDOW_SECONDS + 1],
    [-1, 60],
    [1.5, 60],
  ])("refuses limit %d with a %d s window", async (limit, windowSeconds) => {
    await expect(hit(key("bad"), limit, windowSeconds)).rejects.toThrow(RangeError);
  });
});
