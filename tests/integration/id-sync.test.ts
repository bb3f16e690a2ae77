// The /ibs: ID-sync route handler behind a real HTTP server on 127.0.0.1, driven by real requests that
// carry the cookie the previous response set, as a browser would. (The e2e receipt journey also calls
// it through the built Next app, to prove the routing of the colon-joined path.)
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/[ibs]/route";
import { db } from "@/lib/server/db";
import { runProcessing } from "@/lib/server/processing/run-processing";
import { key, makeDataSource, makeEnvironment, memorySource, uniqueIds } from "../support/processing";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    // As Next does: the raw request target, and the first path segment (decoded) as the [ibs] param.
    const url = `http://${req.headers.host}${req.url}`;
    const segment = decodeURIComponent((req.url ?? "/").slice(1).split(/[/?]/)[0] ?? "");
    const request = new Request(url, { headers: req.headers as Record<string, string> });
    const response = await GET(request, { params: Promise.resolve({ ibs: segment }) });
    res.statusCode = response.status;
    response.headers.forEach((v, k) => {
      if (k !== "set-cookie") res.setHeader(k, v);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("set-cookie", cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  if (!a || typeof a === "string") throw new Error("no port");
  base = `http://127.0.0.1:${a.port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A browser's cookie jar, for one host. */
class Jar {
  cookies = new Map<string, string>();
  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
}

async function call(jar: Jar, target: string) {
  const res = await fetch(base + target, { redirect: "manual", headers: jar.header() });
  jar.take(res);
  return res;
}

describe("/ibs: ID sync", () => {
  it("assigns a 38-digit demdex cookie, records the match and redirects with the macro replaced", async () => {
    const { dpid } = uniqueIds();
    await makeDataSource({ dpid, redirectHosts: ["partner.test"] });
    const jar = new Jar();
    const redir = encodeURIComponent("https://partner.test/sync?aam=${DD_UUID}&x=1");
    const res = await call(jar, `/ibs:dpid=${dpid}&dpuuid=Cust%2042&redir=${redir}`);
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^demdex=\d{38}; Max-Age=15552000; Path=\/; HttpOnly; SameSite=Lax$/);
    const uuid = jar.cookies.get("demdex")!;
    expect(res.headers.get("location")).toBe(`https://partner.test/sync?aam=${uuid}&x=1`);
    const match = await db.idSyncMatch.findUniqueOrThrow({ where: { dpid_dpuuid: { dpid, dpuuid: "Cust 42" } } });
    expect(match.aamUuid).toBe(uuid);

    // The same browser keeps its UUID for the next sync (the d_cid form, and a URL-encoded macro).
    const again = await call(jar, `/ibs:d_cid=${dpid}%01other-id&redir=${encodeURIComponent("http://partner.test/p/%24%7BDD_UUID%7D")}`);
    expect(again.headers.get("location")).toBe(`http://partner.test/p/${uuid}`);
    expect(jar.cookies.get("demdex")).toBe(uuid);
    expect((await db.idSyncMatch.findUniqueOrThrow({ where: { dpid_dpuuid: { dpid, dpuuid: "other-id" } } })).aamUuid).toBe(uuid);

    // Another browser syncing the same customer ID gets its own UUID, and the match follows it.
    const other = new Jar();
    await call(other, `/ibs:dpid=${dpid}&dpuuid=Cust%2042`);
    expect(other.cookies.get("demdex")).not.toBe(uuid);
    expect((await db.idSyncMatch.findUniqueOrThrow({ where: { dpid_dpuuid: { dpid, dpuuid: "Cust 42" } } })).aamUuid).toBe(other.cookies.get("demdex"));
  });

  it("answers a call without redirect with a 1x1 GIF (for image tags) and replaces a malformed cookie", async () => {
    const jar = new Jar();
    jar.cookies.set("demdex", "not-a-uuid");
    const res = await call(jar, "/ibs:dpid=4102&dpuuid=img-user");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect(jar.cookies.get("demdex")).toMatch(/^\d{38}$/);
  });

  // Issue 16: /ibs was an open redirect. A redirect to a host the DPID's data sources do not list gets the
  // pixel, exactly as a call without one (the sync itself is valid and still recorded), never a 3xx.
  describe("redirect allow-list", () => {
    async function pixelOnly(target: string) {
      const jar = new Jar();
      const res = await call(jar, target);
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.get("content-type")).toBe("image/gif");
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");
      expect(jar.cookies.get("demdex")).toMatch(/^\d{38}$/);
      return jar;
    }

    it.each([
      "https://evil.test/steal?u=${DD_UUID}",
      "https://partner.test@evil.test/",
      "https://partner.test.evil.test/",
      "https://evil.test\\@partner.test/",
      "https://partner.test%2f@evil.test/",
      "HTTPS://EVIL.TEST./",
      "https://sub.partner.test/",
    ])("answers the pixel, records the sync and does not redirect to %s", async (redir) => {
      const { dpid } = uniqueIds();
      await makeDataSource({ dpid, redirectHosts: ["partner.test", "*.wild.test"] });
      const jar = await pixelOnly(`/ibs:dpid=${dpid}&dpuuid=u-1&redir=${encodeURIComponent(redir)}`);
      const match = await db.idSyncMatch.findUniqueOrThrow({ where: { dpid_dpuuid: { dpid, dpuuid: "u-1" } } });
      expect(match.aamUuid).toBe(jar.cookies.get("demdex"));
    });

    it("never redirects for a DPID whose data sources list no host, or that has no data source", async () => {
      const { dpid } = uniqueIds();
      await makeDataSource({ dpid });
      await pixelOnly(`/ibs:dpid=${dpid}&dpuuid=u-2&redir=${encodeURIComponent("https://partner.test/")}`);
      // A host another DPID allows does not count for this one.
      await makeDataSource({ dpid: uniqueIds().dpid, redirectHosts: ["partner.test"] });
      await pixelOnly(`/ibs:dpid=${dpid}&dpuuid=u-3&redir=${encodeURIComponent("https://partner.test/")}`);
      await pixelOnly(`/ibs:dpid=${uniqueIds().dpid}&dpuuid=u-4&redir=${encodeURIComponent("https://partner.test/")}`);
    });

    it("follows a wildcard to subdomains, an unencoded redirect and a port, as the URL it parsed to", async () => {
      const { dpid } = uniqueIds();
      await makeDataSource({ dpid, redirectHosts: ["*.wild.test"] });
      const jar = new Jar();
      const res = await call(jar, `/ibs:dpid=${dpid}&dpuuid=u-5&redir=https://A.Wild.Test:8443/s?u=\${DD_UUID}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`https://a.wild.test:8443/s?u=${jar.cookies.get("demdex")}`);
      await pixelOnly(`/ibs:dpid=${dpid}&dpuuid=u-6&redir=${encodeURIComponent("https://wild.test/")}`);
    });
  });

  it.each([
    ["/ibs:dpid=4103&dpuuid=a&redir=javascript%3Aalert(1)", 400, "redir must be an http(s) URL"],
    ["/ibs:dpid=4103&dpuuid=a&redir=data%3Atext%2Fhtml%2Cx", 400, "redir must be an http(s) URL"],
    ["/ibs:dpid=4103&dpuuid=a&redir=https%3Aevil.test", 400, "redir must be an http(s) URL"],
    ["/ibs:dpid=4103&dpuuid=a&redir=%2F%2Fevil.test", 400, "redir must be an http(s) URL"],
    ["/ibs:dpid=4103&dpuuid=crm%3A42", 400, "must not contain ':'"],
    ["/ibs:dpid=abc&dpuuid=a", 400, "numeric data provider ID"],
    ["/ibs:dpid=4103", 400, "needs dpid and dpuuid"],
    ["/ibs:dpid=4103&dpuuid=a&gdpr=1", 400, "go together"],
    ["/robots.txt", 404, "Not found"],
  ])("refuses %s", async (target, status, message) => {
    const jar = new Jar();
    const res = await call(jar, target);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(message);
    expect(jar.cookies.size).toBe(0);
    expect(await db.idSyncMatch.count({ where: { dpid: 4103 } })).toBe(0);
  });

  it("turns 'No Matching AAM ID' into stored records once the customer ID is synced", async () => {
    const { dpid, sid } = uniqueIds();
    await makeDataSource({ dpid, traits: [{ sid: sid(1) }] });
    const env = await makeEnvironment();
    const line = `crm-77\td_sid=${sid(1)}\n`;
    const before = await runProcessing(env.id, { source: memorySource({ [key(dpid, 1714521600, "sync")]: line }) });
    expect(before.receipts[0]!.counters.noMatchingAamId).toBe(1);
    await call(new Jar(), `/ibs:dpid=${dpid}&dpuuid=crm-77`);
    const after = await runProcessing(env.id, { source: memorySource({ [key(dpid, 1714521601, "sync")]: line }) });
    expect([after.receipts[0]!.counters.noMatchingAamId, after.receipts[0]!.counters.storedRecords]).toEqual([0, 1]);
  });
});
