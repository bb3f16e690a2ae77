// The ID-sync endpoint's flood guard: a token bucket per client address (ID_SYNC_RATE per second,
// ID_SYNC_BURST at once), in memory because the endpoint is too hot for a database write per request
// just to count it. Client addresses come from X-Forwarded-For only when TRUST_PROXY says a proxy of
// ours wrote it; otherwise every client shares one bucket, so deployments behind a proxy should set
// TRUST_PROXY (or raise ID_SYNC_RATE to the endpoint's total capacity).
import "server-only";
import { env } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/rate-limit/client-address";
import { TokenBucketLimiter } from "@/lib/server/rate-limit/token-bucket";

const SHARED_KEY = "*";

let limiter: TokenBucketLimiter | undefined;

/** A 429 response when this request's client is over its rate, otherwise null. */
export function idSyncRateLimit(request: Request): Response | null {
  const { ID_SYNC_RATE, ID_SYNC_BURST, TRUST_PROXY } = env();
  if (ID_SYNC_RATE === 0) return null;
  limiter ??= new TokenBucketLimiter({ ratePerSecond: ID_SYNC_RATE, burst: ID_SYNC_BURST });
  const result = limiter.take(clientAddress(request.headers, TRUST_PROXY) ?? SHARED_KEY);
  if (result.allowed) return null;
  return new Response("Too many ID-sync requests; retry later.\n", {
    status: 429,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(result.retryAfterSeconds) },
  });
}
