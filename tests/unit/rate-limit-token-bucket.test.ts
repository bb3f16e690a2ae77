// The in-memory token bucket behind the ID-sync flood guard, on a fake clock: burst, refill, retry
// advice, per-key isolation, and the bound on how many keys it holds however many clients appear.
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/server/rate-limit/client-address";
import { TokenBucketLimiter } from "@/lib/server/rate-limit/token-bucket";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("TokenBucketLimiter", () => {
  it("allows the burst at once, then refuses with the time until the next token", () => {
    const c = clock();
    const bucket = new TokenBucketLimiter({ ratePerSecond: 2, burst: 3, now: c.now });
    expect([1, 2, 3].map(() => bucket.take("a"))).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0 },
    ]);
    expect(bucket.take("a")).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it.each([
    // [rate/s, burst, ms waited after emptying the bucket, requests then allowed]
    [2, 3, 0, 0],
    [2, 3, 499, 0],
    [2, 3, 500, 1],
    [2, 3, 1_000, 2],
    [2, 3, 60_000, 3], // never more than the burst, however long the pause
    [0.5, 1, 1_999, 0],
    [0.5, 1, 2_000, 1],
    [1000, 5, 3, 3],
  ])("rate %d/s, burst %d: %d ms later allows %d", (rate, burst, waited, allowed) => {
    const c = clock();
    const bucket = new TokenBucketLimiter({ ratePerSecond: rate, burst, now: c.now });
    for (let i = 0; i < burst; i++) expect(bucket.take("k").allowed).toBe(true);
    c.advance(waited);
    let n = 0;
    while (bucket.take("k").allowed) n++;
    expect(n).toBe(allowed);
  });

  it("advises a Retry-After that is long enough for a slow rate", () => {
    const c = clock();
    const bucket = new TokenBucketLimiter({ ratePerSecond: 0.1, burst: 1, now: c.now });
    bucket.take("k");
    const refused = bucket.take("k");
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 10 });
    c.advance(9_999);
    expect(bucket.take("k").allowed).toBe(false);
    c.advance(1);
    expect(bucket.take("k").allowed).toBe(true);
  });

  it("keeps keys apart and ignores a clock that goes backwards", () => {
    const c = clock(10_000);
    const bucket = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, now: c.now });
    expect(bucket.take("a").allowed).toBe(true);
    expect(bucket.take("b").allowed).toBe(true);
    expect(bucket.take("a").allowed).toBe(false);
    c.advance(-5_000);
    expect(bucket.take("a").allowed).toBe(false);
  });

  it("holds at most maxKeys buckets under a flood of distinct clients, evicting the least recently used", () => {
    const c = clock();
    const bucket = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 100, now: c.now });
    bucket.take("regular");
    for (let i = 0; i < 10_000; i++) {
      bucket.take(`flood-${i}`);
      // A client that keeps calling stays recently used and keeps its (empty) bucket.
      if (i % 50 === 0) expect(bucket.take("regular").allowed).toBe(false);
      expect(bucket.size).toBeLessThanOrEqual(100);
    }
    expect(bucket.size).toBe(100);
    // The oldest flood keys were evicted: they come back with a full bucket; the newest are still empty.
    expect(bucket.take("flood-0").allowed).toBe(true);
    expect(bucket.take("flood-9999").allowed).toBe(false);
  });

  it.each([
    [{ ratePerSecond: 0, burst: 1 }],
    [{ ratePerSecond: -1, burst: 1 }],
    [{ ratePerSecond: 1, burst: 0 }],
    [{ ratePerSecond: Number.NaN, burst: 1 }],
  ])("refuses nonsense options %o", (options) => {
    expect(() => new TokenBucketLimiter(options)).toThrow(RangeError);
  });
});

describe("clientAddress", () => {
  it.each([
    // [X-Forwarded-For, trusted proxies, key]
    ["203.0.113.9", 0, null],
    [null, 1, null],
    ["", 1, null],
    ["203.0.113.9", 1, "203.0.113.9"],
    // A client-sent entry on the left is ignored: the trusted proxy appended the address it saw.
    ["6.6.6.6, 203.0.113.9", 1, "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["203.0.113.9", 3, "203.0.113.9"],
    ["203.0.113.9:5120", 1, "203.0.113.9"],
    ["[2001:DB8::1]:443", 1, "2001:db8::1"],
    ["2001:DB8::1", 1, "2001:db8::1"],
    ["x".repeat(500), 1, "x".repeat(64)],
  ])("X-Forwarded-For %j with %d trusted proxies -> %j", (xff, proxies, expected) => {
    const headers = new Headers(xff === null ? {} : { "x-forwarded-for": xff });
    expect(clientAddress(headers, proxies)).toBe(expected);
  });
});
