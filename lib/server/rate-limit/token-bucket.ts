// An in-memory token bucket per key, for endpoints too hot for a database write per request (ID sync).
// Per process: with several app processes each allows the configured rate, which is the point of a
// cheap flood guard, not an exact quota (lib/server/rate-limit/fixed-window.ts is the exact, shared one).
//
// Memory is bounded: at most `maxKeys` buckets, kept in a Map in least-recently-used order (a hit
// re-inserts its key at the end), and the oldest is dropped when a new key would exceed the bound. A
// flood of distinct client addresses therefore costs at most `maxKeys` entries; its price is that an
// evicted client comes back with a full bucket, which is why the bound should be well above the number of
// clients active within one refill period (burst / rate seconds).

export interface TokenBucketOptions {
  /** Tokens added per second (the sustained rate). */
  ratePerSecond: number;
  /** Bucket size: requests allowed at once after a quiet spell. */
  burst: number;
  /** Most keys tracked at once; least recently used are evicted beyond it. */
  maxKeys?: number;
  /** Milliseconds from a monotonic clock; injectable for tests. */
  now?: () => number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until a token is available again; 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const DEFAULT_MAX_KEYS = 10_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
    if (!(options.burst >= 1)) throw new RangeError("burst must be at least 1");
    this.rate = options.ratePerSecond;
    this.burst = options.burst;
    this.maxKeys = Math.max(1, Math.floor(options.maxKeys ?? DEFAULT_MAX_KEYS));
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes one token from `key`'s bucket if there is one. */
  take(key: string): TakeResult {
    const now = this.now();
    const previous = this.buckets.get(key);
    let bucket: Bucket;
    if (previous) {
      // Refill for the time since the last hit (never more than the bucket holds; a clock that went
      // backwards adds nothing).
      const elapsed = Math.max(0, now - previous.at) / 1000;
      bucket = { tokens: Math.min(this.burst, previous.tokens + elapsed * this.rate), at: now };
      this.buckets.delete(key);
    } else {
      bucket = { tokens: this.burst, at: now };
      // Make room first, so the map never holds more than maxKeys.
      while (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (oldest.done) break;
        this.buckets.delete(oldest.value);
      }
    }
    // Re-inserted at the end: Map iteration order is insertion order, so the first key is the LRU one.
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)) };
  }

  /** Number of keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  reset(key?: string): void {
    if (key === undefined) this.buckets.clear();
    else this.buckets.delete(key);
  }
}
