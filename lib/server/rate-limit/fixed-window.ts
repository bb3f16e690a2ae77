// Fixed-window counters in PostgreSQL (the RateLimit table), shared by every app process: for limits
// that must hold across processes and restarts, such as sign-in attempts per address and per e-mail.
//
// One statement per hit: the upsert either starts a new window or adds one to the current one, and
// returns the new count. PostgreSQL serialises concurrent upserts of one key on its row lock, so N
// concurrent hits get the counts 1..N exactly once each and exactly `limit` of them are allowed; there is
// no read-then-write race to lose. Time is the database's clock unless the caller passes `now` (tests),
// so processes with skewed clocks still agree on where a window starts.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** Seconds until the window ends and hits are allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * The longest window hit() accepts. purgeExpiredRateLimits() deletes rows whose window started more than
 * this long ago, so it can never cut a live window short.
 */
export const MAX_WINDOW_SECONDS = 24 * 3600;

/** Keeps the counter well inside int4 under a flood (the exact count above the limit does not matter). */
const COUNT_CAP = 1_000_000_000;

/**
 * The current time as SQL: the database's clock, or the caller's `now` (tests). Columns are Prisma's
 * timestamp(3) holding UTC, hence AT TIME ZONE 'UTC' (the session's zone may differ).
 */
function sqlNow(now: Date | undefined): Prisma.Sql {
  return now ? Prisma.sql`(to_timestamp(${now.getTime()}::float8 / 1000) AT TIME ZONE 'UTC')` : Prisma.sql`(now() AT TIME ZONE 'UTC')`;
}

/** Counts one hit against `key` and says whether it is within `limit` hits per `windowSeconds`. */
export async function hit(key: string, limit: number, windowSeconds: number, options: { now?: Date } = {}): Promise<RateLimitResult> {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError("limit must be a non-negative integer");
  if (!(windowSeconds > 0 && windowSeconds <= MAX_WINDOW_SECONDS)) throw new RangeError(`windowSeconds must be in (0, ${MAX_WINDOW_SECONDS}]`);
  const now = sqlNow(options.now);
  // EXCLUDED."windowStart" is this statement's now; every SET expression sees the row as it was before.
  const expired = Prisma.sql`"RateLimit"."windowStart" <= EXCLUDED."windowStart" - make_interval(secs => ${windowSeconds}::float8)`;
  const rows = await db.$queryRaw<{ count: number; windowStartMs: number; nowMs: number }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${expired} THEN 1 ELSE LEAST("RateLimit"."count", ${COUNT_CAP}::int) + 1 END,
      "windowStart" = CASE WHEN ${expired} THEN EXCLUDED."windowStart" ELSE "RateLimit"."windowStart" END
    RETURNING "count",
      (extract(epoch FROM "windowStart") * 1000)::float8 AS "windowStartMs",
      (extract(epoch FROM ${now}) * 1000)::float8 AS "nowMs"`;
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  const allowed = row.count <= limit;
  const windowEndsInMs = row.windowStartMs + windowSeconds * 1000 - row.nowMs;
  return {
    allowed,
    remaining: Math.max(0, limit - row.count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(windowEndsInMs / 1000)),
  };
}

/** Forgets `key`'s window, e.g. after a successful sign-in. */
export async function reset(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Deletes counters whose window is over for any allowed window length; returns how many. */
export async function purgeExpiredRateLimits(options: { now?: Date } = {}): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowStart" < ${sqlNow(options.now)} - make_interval(secs => ${MAX_WINDOW_SECONDS}::float8)`;
}
