// The data source page's "redirect hosts" server action against real PostgreSQL, called as Next calls it
// (FormData in, ActionResult out) with the session read from a cookie: who may change a data source's
// /ibs allow-list (issue 16), what is saved and what the audit log says.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { createSession } from "@/lib/server/auth/sessions";
import { makeDataSource, uniqueIds } from "../support/processing";

const session = vi.hoisted(() => ({ token: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "aam_session" && session.token ? { name, value: session.token } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveRedirectHostsAction } = await import("@/app/data-sources/[id]/actions");

const stamp = Date.now();
async function signInAs(role: "admin" | "psm" | "marketer", partners: string[]) {
  const user = await db.user.create({ data: { email: `redir-${role}-${partners.join("-")}-${stamp}@example.com`, role, partners, passwordHash: "not-used-here" } });
  session.token = (await createSession(user.id)).token;
  return user;
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("saveRedirectHostsAction", () => {
  let dsId: string;
  beforeAll(async () => {
    // makeDataSource puts data sources in the "acme" partner folder.
    dsId = (await makeDataSource({ dpid: uniqueIds().dpid })).id;
  });

  it("saves the normalised list for a psm of the data source's partner, and audits it", async () => {
    const psm = await signInAs("psm", ["acme"]);
    const r = await saveRedirectHostsAction(null, form({ id: dsId, redirectHosts: "Partner.Example.\n*.Sync.Example, partner.example" }));
    expect(r).toEqual({ ok: true, data: undefined });
    expect((await db.dataSource.findUniqueOrThrow({ where: { id: dsId } })).redirectHosts).toEqual(["partner.example", "*.sync.example"]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "data_source.redirect_hosts", entityId: dsId }, orderBy: { id: "desc" } });
    expect([entry.actor, entry.details]).toEqual([psm.email, { redirectHosts: ["partner.example", "*.sync.example"] }]);

    // An empty box clears the list: /ibs never redirects for it again.
    expect((await saveRedirectHostsAction(null, form({ id: dsId, redirectHosts: "" }))).ok).toBe(true);
    expect((await db.dataSource.findUniqueOrThrow({ where: { id: dsId } })).redirectHosts).toEqual([]);
  });

  it("refuses bad hosts with field errors and changes nothing", async () => {
    await signInAs("admin", []);
    await db.dataSource.update({ where: { id: dsId }, data: { redirectHosts: ["kept.example"] } });
    const r = await saveRedirectHostsAction(null, form({ id: dsId, redirectHosts: "ok.example\nhttps://evil.test/x\n*.com" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.redirectHosts).toEqual([expect.stringContaining('"https://evil.test/x"'), expect.stringContaining("too broad")]);
    const many = Array.from({ length: 21 }, (_, i) => `h${i}.example`).join("\n");
    expect((await saveRedirectHostsAction(null, form({ id: dsId, redirectHosts: many }))).ok).toBe(false);
    expect((await db.dataSource.findUniqueOrThrow({ where: { id: dsId } })).redirectHosts).toEqual(["kept.example"]);
  });

  it("answers 'not found' to another partner's psm, refuses marketers and signed-out callers, and changes nothing", async () => {
    await db.dataSource.update({ where: { id: dsId }, data: { redirectHosts: ["kept.example"] } });
    const input = form({ id: dsId, redirectHosts: "evil.test" });

    await signInAs("psm", ["globex"]);
    expect(await saveRedirectHostsAction(null, input)).toMatchObject({ ok: false, code: "not_found" });
    await signInAs("marketer", ["acme"]);
    expect(await saveRedirectHostsAction(null, input)).toMatchObject({ ok: false, code: "forbidden" });
    session.token = undefined;
    expect(await saveRedirectHostsAction(null, input)).toMatchObject({ ok: false, code: "signed_out" });

    expect((await db.dataSource.findUniqueOrThrow({ where: { id: dsId } })).redirectHosts).toEqual(["kept.example"]);
    expect(await db.auditLog.count({ where: { action: "data_source.redirect_hosts", entityId: dsId, details: { equals: { redirectHosts: ["evil.test"] } } } })).toBe(0);
  });
});
