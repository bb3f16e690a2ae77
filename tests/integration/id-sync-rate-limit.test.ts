// The ID-sync route's flood guard through the real route handler: a client gets ID_SYNC_BURST calls at
// once, then 429 with Retry-After (and no cookie, no database write), while a client at another trusted
// address is unaffected. Its own file, because the limits are read from the environment once per process.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Set before the route's first call reads the environment (env() is read lazily and cached), and
// restored after, so no later file in this worker sees them.
vi.stubEnv("ID_SYNC_RATE", "1");
vi.stubEnv("ID_SYNC_BURST", "5");
vi.stubEnv("TRUST_PROXY", "1");
afterAll(() => vi.unstubAllEnvs());

const { GET } = await import("@/app/[ibs]/route");
const { db } = await import("@/lib/server/db");

function call(target: string, forwardedFor?: string): Promise<Response> {
  const url = `http://127.0.0.1${target}`;
  const ibs = decodeURIComponent(target.slice(1).split(/[/?]/)[0] ?? "");
  const headers = new Headers(forwardedFor ? { "x-forwarded-for": forwardedFor } : {});
  return GET(new Request(url, { headers }), { params: Promise.resolve({ ibs }) });
}

describe("/ibs: rate limit", () => {
  beforeAll(async () => db.idSyncMatch.deleteMany({ where: { dpid: 4150 } }));
  afterAll(async () => db.idSyncMatch.deleteMany({ where: { dpid: 4150 } }));

  it("answers 429 with Retry-After after the burst, per client address", async () => {
    const statuses: number[] = [];
    // A forged entry on the left is ignored: the trusted proxy's entry (the right-most) is the key.
    for (let i = 0; i < 5; i++) statuses.push((await call(`/ibs:dpid=4150&dpuuid=burst-${i}`, `10.9.9.${i}, 198.51.100.7`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await call("/ibs:dpid=4150&dpuuid=over", "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await refused.text()).toContain("Too many ID-sync requests");
    expect(await db.idSyncMatch.findUnique({ where: { dpid_dpuuid: { dpid: 4150, dpuuid: "over" } } })).toBeNull();
    expect(await db.idSyncMatch.count({ where: { dpid: 4150 } })).toBe(5);

    // Another client is not held up by the first one's flood.
    expect((await call("/ibs:dpid=4150&dpuuid=other-client", "203.0.113.20")).status).toBe(200);

    // One token a second: after a second the first client gets one more call, and only one.
    await new Promise((r) => setTimeout(r, 1_050));
    expect((await call("/ibs:dpid=4150&dpuuid=later", "198.51.100.7")).status).toBe(200);
    expect((await call("/ibs:dpid=4150&dpuuid=later-2", "198.51.100.7")).status).toBe(429);
  });

  it("does not count paths that are not ID-sync calls", async () => {
    for (let i = 0; i < 10; i++) expect((await call("/robots.txt", "192.0.2.1")).status).toBe(404);
    expect((await call("/ibs:dpid=4150&dpuuid=after-404s", "192.0.2.1")).status).toBe(200);
  });
});
