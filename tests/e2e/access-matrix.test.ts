// Every route of the app, found by walking app/, against the running server: a visitor without a
// session gets sign-in (pages) or 401 (API); partner B's marketer cannot read, download or submit
// anything of partner A through any of them; the admin can (a positive control, so a blanket 404 would
// fail too). A new route without a row in this table fails the first test.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { seedTwoPartners, type AuthFixture } from "./support/auth-fixture";
import { sessionToken } from "./support/session";

type Req = { method?: string; url: string; body?: unknown; headers?: Record<string, string> };
type Res = { status: number; location: string | null; text: string };
type Row = {
  /** What partner B's marketer asks for, aimed at partner A's things. */
  marketer: (f: Ctx) => Req[];
  /** What each answer must look like; it must also never contain partner A's names. */
  expectMarketer: (r: Res, f: Ctx) => void;
  /** Public routes skip the anonymous check, with the reason. */
  public?: string;
  /** The admin's answer to the first request, showing the route does serve A's data to those allowed. */
  admin?: (r: Res, f: Ctx) => void;
};
type Ctx = AuthFixture & { env: string; adminUpload: string };

const notFound = (r: Res) => expect(r.status).toBe(404);
const forbiddenPage = (r: Res) => {
  expect(r.status).toBe(307);
  expect(r.location).toMatch(/^\/forbidden\?from=/);
};
const okWithout = (r: Res) => expect(r.status).toBe(200);
const meta = (f: Ctx) => ({ dataSourceId: f.a.ds, environmentId: f.env, mode: "sync", mapping: { columns: [{ role: "id" }, { role: "kv", key: "tier" }], delimiter: "," }, patches: [] });

const ROUTES: Record<string, Row> = {
  "/": { marketer: () => [{ url: "/" }], expectMarketer: okWithout, admin: (r, f) => expect(r.text).toContain(f.a.name) },
  "/submissions": {
    marketer: (f) => [{ url: "/submissions" }, { url: `/submissions?dataSource=${f.a.ds}` }, { url: `/submissions?q=acme-secret` }],
    expectMarketer: okWithout,
    admin: (r, f) => expect(r.text).toContain(f.a.name),
  },
  "/submissions/[id]": { marketer: (f) => [{ url: `/submissions/${f.a.sub}` }], expectMarketer: notFound, admin: (r, f) => expect(r.text).toContain(f.a.name) },
  "/submissions/[id]/attach-receipt": { marketer: (f) => [{ url: `/submissions/${f.a.sub}/attach-receipt` }], expectMarketer: forbiddenPage, admin: (r) => expect(r.status).toBe(200) },
  "/submissions/new": { marketer: () => [{ url: "/submissions/new" }], expectMarketer: okWithout, admin: (r, f) => expect(r.text).toContain(f.a.dsName) },
  "/data-sources": { marketer: () => [{ url: "/data-sources" }], expectMarketer: okWithout, admin: (r, f) => expect(r.text).toContain(f.a.dsName) },
  "/data-sources/[id]": { marketer: (f) => [{ url: `/data-sources/${f.a.ds}` }], expectMarketer: notFound, admin: (r, f) => expect(r.text).toContain(f.a.dsName) },
  "/data-sources/[id]/traits": { marketer: (f) => [{ url: `/data-sources/${f.a.ds}/traits` }], expectMarketer: notFound, admin: (r, f) => expect(r.text).toContain(f.a.dsName) },
  "/environments": { marketer: () => [{ url: "/environments" }], expectMarketer: forbiddenPage, admin: (r) => expect(r.status).toBe(200) },
  "/processing": { marketer: () => [{ url: "/processing" }], expectMarketer: forbiddenPage, admin: (r) => expect(r.status).toBe(200) },
  "/users": { marketer: () => [{ url: "/users" }], expectMarketer: forbiddenPage, admin: (r) => expect(r.text).toContain("Invite a user") },
  "/audit": { marketer: () => [{ url: "/audit" }, { url: "/audit?group=download" }], expectMarketer: forbiddenPage, admin: (r) => expect(r.text).toContain("Filter the audit log") },
  // Only the viewer's own account: nothing of partner A's can appear (checked for every row).
  "/account": { marketer: () => [{ url: "/account" }], expectMarketer: (r) => expect(r.text).toContain("Change password"), admin: (r) => expect(r.text).toContain("Your account") },
  "/forbidden": { marketer: () => [{ url: "/forbidden?from=/users" }], expectMarketer: okWithout },
  "/sign-in": { public: "the sign-in form", marketer: () => [{ url: "/sign-in" }], expectMarketer: (r) => expect([307, 200]).toContain(r.status) },
  "/invite/[token]": { public: "opened before the account exists; the token is the credential", marketer: () => [{ url: `/invite/${"x".repeat(43)}` }], expectMarketer: (r) => expect(r.text).toContain("This invitation link cannot be used") },
  "/[ibs]": { public: "AAM's ID-sync call comes from browsers without a session", marketer: () => [{ url: "/ibs:dpid=9101&dpuuid=u1" }], expectMarketer: (r) => expect(r.status).toBeLessThan(500) },
  "/api/health": { public: "the load balancer's probe", marketer: () => [{ url: "/api/health" }], expectMarketer: (r) => expect(r.status).toBe(200) },
  "/api/submissions": {
    marketer: (f) => [{ method: "POST", url: "/api/submissions", body: { uploadId: f.adminUpload, meta: meta(f) } }],
    expectMarketer: (r) => {
      expect(r.status).toBe(404);
      expect(JSON.parse(r.text).error).toBe("That data source was not found, or you do not have access to it.");
    },
  },
  "/api/submissions/[id]/files/[part]": { marketer: (f) => [{ url: `/api/submissions/${f.a.sub}/files/1` }], expectMarketer: notFound },
  "/api/submissions/[id]/original": { marketer: (f) => [{ url: `/api/submissions/${f.a.sub}/original` }], expectMarketer: notFound },
  "/api/submissions/[id]/issues": { marketer: (f) => [{ url: `/api/submissions/${f.a.sub}/issues` }], expectMarketer: notFound, admin: (r) => expect(r.status).toBe(200) },
  "/api/receipts/[id]/[format]": {
    marketer: (f) => ["txt", "json", "csv"].map((fmt) => ({ url: `/api/receipts/${f.a.receipt}/${fmt}` })),
    expectMarketer: notFound,
    admin: (r) => expect(r.text).toBe("acme receipt text"),
  },
  "/api/uploads": {
    // Anyone signed in may start an upload of their own; it is useless without a data source they can see.
    marketer: () => [{ method: "POST", url: "/api/uploads", body: { fileName: "mine.csv", size: 10 } }],
    expectMarketer: (r) => expect(r.status).toBe(201),
  },
  "/api/uploads/[id]": { marketer: (f) => [{ url: `/api/uploads/${f.adminUpload}` }], expectMarketer: notFound },
  "/api/uploads/[id]/chunks/[index]": { marketer: (f) => [{ method: "PUT", url: `/api/uploads/${f.adminUpload}/chunks/0`, body: "a,b\n1,2\n" }], expectMarketer: notFound },
};

/** Route patterns of every page.tsx and route.ts under app/, as Next maps them. */
function appRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...appRoutes(full, `${prefix}/${name}`));
    else if (/^(page|route)\.tsx?$/.test(name)) found.push(prefix || "/");
  }
  return found.sort();
}

async function send(req: Req, cookie?: string): Promise<Res> {
  const headers: Record<string, string> = { ...(cookie ? { cookie: `aam_session=${cookie}` } : {}), ...req.headers };
  const body = req.body === undefined ? undefined : typeof req.body === "string" ? req.body : JSON.stringify(req.body);
  if (body && typeof req.body !== "string") headers["content-type"] = "application/json";
  const r = await fetch(inject("appUrl") + req.url, { method: req.method ?? "GET", headers, body, redirect: "manual" });
  return { status: r.status, location: r.headers.get("location")?.replace(inject("appUrl"), "") ?? null, text: await r.text() };
}

describe("who can reach what", () => {
  let f: Ctx;
  let marketer: string;
  let admin: string;

  beforeAll(async () => {
    const fx = await seedTwoPartners(inject("databaseUrl"));
    const sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    const env = (await sql.query(`SELECT id FROM "Environment" WHERE kind = 'sandbox' LIMIT 1`)).rows[0].id as string;
    const email = `mark-${fx.tag}@example.com`;
    // A usable account without a real password: the matrix signs in through a session row, not the form.
    await sql.query(`INSERT INTO "User" (id, email, role, partners, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), $1, 'marketer', $2, 'scrypt$unused', now())`, [email, [fx.b.partner]]);
    await sql.end();
    marketer = await sessionToken(email);
    admin = await sessionToken();
    const upload = await send({ method: "POST", url: "/api/uploads", body: { fileName: "acme.csv", size: 8 } }, admin);
    expect(upload.status).toBe(201);
    f = { ...fx, env, adminUpload: JSON.parse(upload.text).id };
  });

  it("has a row for every route in app/", () => {
    expect(appRoutes()).toEqual(Object.keys(ROUTES).sort());
  });

  it("sends a visitor without a session to sign-in, or answers 401", async () => {
    for (const [route, row] of Object.entries(ROUTES)) {
      if (row.public) continue;
      for (const req of row.marketer(f)) {
        const r = await send(req);
        if (route.startsWith("/api/")) expect(r.status, `${req.method ?? "GET"} ${req.url}`).toBe(401);
        else {
          expect(r.status, req.url).toBe(307);
          const back = new URL(r.location ?? "", "http://h");
          expect(back.pathname, req.url).toBe("/sign-in");
          const next = new URL(back.searchParams.get("next") ?? "", "http://h");
          const asked = new URL(req.url, "http://h");
          expect([next.pathname, [...next.searchParams]], req.url).toEqual([asked.pathname, [...asked.searchParams]]);
        }
      }
    }
  });

  it("keeps partner B's marketer away from partner A's data on every route", async () => {
    for (const [route, row] of Object.entries(ROUTES)) {
      for (const req of row.marketer(f)) {
        const r = await send(req, marketer);
        row.expectMarketer(r, f);
        for (const secret of [f.a.name, f.a.dsName, "acme receipt text", "Acme template", f.a.partner])
          expect(r.text.includes(secret), `${route}: ${req.method ?? "GET"} ${req.url} shows ${secret}`).toBe(false);
      }
    }
  });

  it("serves the same things to the admin", async () => {
    for (const [route, row] of Object.entries(ROUTES)) {
      if (!row.admin) continue;
      const [req] = row.marketer(f);
      const r = await send(req!, admin);
      row.admin(r, f);
      expect(r.status, route).toBeLessThan(400);
    }
  });

  it("refuses a mutation from another site even with a valid session", async () => {
    const r = await send({ method: "POST", url: "/api/uploads", body: { fileName: "x.csv", size: 1 }, headers: { origin: "http://evil.example" } }, admin);
    expect(r.status).toBe(403);
    const s = await send({ method: "POST", url: "/api/uploads", body: { fileName: "x.csv", size: 1 }, headers: { "sec-fetch-site": "cross-site" } }, admin);
    expect(s.status).toBe(403);
  });
});
