// Accounts against real PostgreSQL: password hashing, sessions (idle and absolute expiry, sign-out,
// sign-out everywhere, disabled accounts), sign-in answers and its rate limit, invitations, the first
// admin, and the partner scope every list and lookup goes through.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { acceptInvite, findInvite } from "@/lib/server/auth/accept-invite";
import { assertDataSourceVisible, assertReceiptVisible, assertSubmissionVisible, assertTemplateVisible } from "@/lib/server/auth/assert-access";
import { inviteUser } from "@/lib/server/auth/invite-user";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { ABSOLUTE_MS, createSession, endAllSessions, endSession, IDLE_MS, readSession } from "@/lib/server/auth/sessions";
import { setUserDisabled } from "@/lib/server/auth/set-user-disabled";
import { signIn, SIGN_IN_LIMITS } from "@/lib/server/auth/sign-in";
import { getDataSource } from "@/lib/server/data-sources/get-data-source";
import { listDataSources } from "@/lib/server/data-sources/list-data-sources";
import { getSubmission } from "@/lib/server/submissions/get-submission";
import { listSubmissions, listSubmitters } from "@/lib/server/submissions/list-submissions";
import { listTemplates } from "@/lib/server/templates/list-templates";
import { changePasswordSchema, inviteSchema } from "@/lib/validation/auth";
import { changePassword, CHANGE_PASSWORD_LIMIT } from "@/lib/server/auth/change-password";
import { templateFromMapping } from "@/lib/crm/template";
import { listAuditLog } from "@/lib/server/audit-log/list-audit-log";

const stamp = Date.now();
const PASSWORD = "correct horse battery staple";
let userId: string;

async function makeUser(email: string, role: "admin" | "psm" | "marketer", partners: string[], password?: string) {
  return db.user.create({ data: { email, role, partners, passwordHash: password ? await hashPassword(password) : null } });
}

beforeAll(async () => {
  userId = (await makeUser(`ana-${stamp}@example.com`, "marketer", ["acme"], PASSWORD)).id;
});

afterEach(() => vi.useRealTimers());

describe("passwords", () => {
  it("verifies the right password only, with the parameters stored in the hash", async () => {
    const hash = await hashPassword("pässword with ümlauts");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("pässword with ümlauts", hash)).toBe(true);
    expect(await verifyPassword("pässword with umlauts", hash)).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(hash).not.toBe(await hashPassword("pässword with ümlauts"));
  });
});

describe("changing a password", () => {
  it("needs the current password, ends the other sessions and keeps this one", async () => {
    const user = await makeUser(`cole-${stamp}@example.com`, "marketer", ["acme"], PASSWORD);
    const here = await createSession(user.id);
    const other = await createSession(user.id);
    const me = (await readSession(here.token))!;
    await expect(changePassword(me, "not the password", "a brand new passphrase")).rejects.toMatchObject({ status: 400, message: "Your current password is not right." });
    expect(await readSession(other.token)).not.toBeNull(); // a refused change ends nothing

    await expect(changePassword(me, PASSWORD, "a brand new passphrase")).resolves.toEqual({ endedSessions: 1 });
    expect(await readSession(here.token)).not.toBeNull();
    expect(await readSession(other.token)).toBeNull();
    const stored = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(await verifyPassword("a brand new passphrase", stored)).toBe(true);
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
    const log = await db.auditLog.findMany({ where: { actor: user.email }, orderBy: { id: "asc" } });
    expect(log.map((l) => l.action)).toEqual(["auth.password_change_failed", "auth.password_change"]);
  });

  it(`stops guessing after ${CHANGE_PASSWORD_LIMIT.attempts} attempts in the window, without checking the password`, async () => {
    const user = await makeUser(`dana-${stamp}@example.com`, "marketer", ["acme"], PASSWORD);
    const me = (await readSession((await createSession(user.id)).token))!;
    for (let i = 0; i < CHANGE_PASSWORD_LIMIT.attempts; i++) await expect(changePassword(me, `guess ${i}`, "a brand new passphrase")).rejects.toMatchObject({ status: 400 });
    // Even the right password is refused now: the limit comes before the check.
    await expect(changePassword(me, PASSWORD, "a brand new passphrase")).rejects.toMatchObject({ status: 429, code: "rate_limited" });
    expect(await verifyPassword(PASSWORD, (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!)).toBe(true);
  }, 30_000);

  it("the form's schema wants the new password twice, and different from the current one", () => {
    const r = changePasswordSchema.safeParse({ current: "same old passphrase", password: "same old passphrase", confirm: "something else" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
      "confirm: The two passwords differ.",
      "password: Choose a password different from the current one.",
    ]);
  });
});

describe("sessions", () => {
  it("reads a live session, stores only the token's hash, and ends it on sign-out", async () => {
    const { token } = await createSession(userId, "vitest");
    expect(await db.session.count({ where: { id: token } })).toBe(0);
    const user = await readSession(token);
    expect(user).toMatchObject({ id: userId, role: "marketer", partners: ["acme"] });
    await endSession(token);
    expect(await readSession(token)).toBeNull();
  });

  it("expires after the idle time, and at the absolute limit even when used", async () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(userId, "", t0);
    expect(await readSession(token, new Date(t0.getTime() + IDLE_MS - 1000))).not.toBeNull();
    // That use slid the expiry forward: a second idle period later it is still alive.
    expect(await readSession(token, new Date(t0.getTime() + 2 * IDLE_MS - 2000))).not.toBeNull();
    expect(await readSession(token, new Date(t0.getTime() + 4 * IDLE_MS))).toBeNull();
    expect(await db.session.count({ where: { userId, createdAt: t0 } })).toBe(0);

    const kept = await createSession(userId, "", t0);
    for (let t = t0.getTime(); t < t0.getTime() + ABSOLUTE_MS; t += IDLE_MS / 2) expect(await readSession(kept.token, new Date(t))).not.toBeNull();
    expect(await readSession(kept.token, new Date(t0.getTime() + ABSOLUTE_MS + 1))).toBeNull();
  });

  it("ends every session at once (sign out everywhere), and a disabled account's sessions stop working", async () => {
    const a = await createSession(userId);
    const b = await createSession(userId);
    expect(await endAllSessions(userId)).toBeGreaterThanOrEqual(2);
    expect(await readSession(a.token)).toBeNull();
    expect(await readSession(b.token)).toBeNull();
    const c = await createSession(userId);
    const admin = await makeUser(`admin-${stamp}@example.com`, "admin", []);
    await setUserDisabled(userId, true, admin);
    expect(await readSession(c.token)).toBeNull();
    await expect(signIn(`ana-${stamp}@example.com`, PASSWORD, { client: "t1", userAgent: "" })).rejects.toThrow("do not match an account");
    await setUserDisabled(userId, false, admin);
    await expect(setUserDisabled(admin.id, true, admin)).rejects.toThrow("your own account");
  });
});

describe("sign-in", () => {
  it("answers a wrong password and an unknown e-mail alike, and audits both", async () => {
    const email = `ana-${stamp}@example.com`;
    await expect(signIn(email, "wrong password", { client: "t2", userAgent: "" })).rejects.toMatchObject({ status: 401, message: "That e-mail and password do not match an account." });
    await expect(signIn(`nobody-${stamp}@example.com`, "wrong password", { client: "t2", userAgent: "" })).rejects.toMatchObject({ status: 401, message: "That e-mail and password do not match an account." });
    const ok = await signIn(email, PASSWORD, { client: "t2", userAgent: "" });
    expect((await readSession(ok.token))?.id).toBe(userId);
    const actions = await db.auditLog.findMany({ where: { actor: { in: [email, `nobody-${stamp}@example.com`] }, action: { startsWith: "auth." }, details: { path: ["client"], equals: "t2" } }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["auth.sign_in", "auth.sign_in_failed", "auth.sign_in_failed"]);
    // The audit page's filters find them: by person and kind, newest first, and nothing under another kind.
    const page = await listAuditLog({ actor: email.toUpperCase(), group: "auth" });
    expect(page.rows[0]!.action).toBe("auth.sign_in");
    expect(page.rows.every((r) => r.action.startsWith("auth.") && r.actor === email)).toBe(true);
    expect((await listAuditLog({ actor: email, group: "download" })).rows).toEqual([]);
  });

  it("stops guessing on one account after the limit, even with the right password, and says when to retry", async () => {
    const email = `limited-${stamp}@example.com`;
    await makeUser(email, "marketer", ["acme"], PASSWORD);
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await expect(signIn(email, `guess ${i}`, { client: `c${i}`, userAgent: "" })).rejects.toMatchObject({ status: 401 });
    await expect(signIn(email, PASSWORD, { client: "fresh", userAgent: "" })).rejects.toMatchObject({ status: 429, message: expect.stringMatching(/^Too many sign-in attempts\. Try again in 1[05] minutes\.$/) });
  });
});

describe("invitations", () => {
  it("creates the account, lets the link set a password once, and signs the user in", async () => {
    const input = inviteSchema.parse({ email: ` Bea-${stamp}@Example.com `, role: "psm", partners: ["acme", "globex"] });
    expect(input.email).toBe(`bea-${stamp}@example.com`);
    const { link, emailed } = await inviteUser(input, "admin@example.com", "http://127.0.0.1:3000");
    expect(emailed).toBe(false);
    const token = link.split("/invite/")[1]!;
    expect(await findInvite(token)).not.toBeNull();
    const session = await acceptInvite(token, "a long new password", "vitest");
    expect(await readSession(session.token)).toMatchObject({ email: `bea-${stamp}@example.com`, role: "psm", partners: ["acme", "globex"] });
    await expect(acceptInvite(token, "another long password", "")).rejects.toMatchObject({ status: 410 });
    await expect(inviteUser(input, "admin@example.com", "http://x")).rejects.toThrow("already has an account");
  });

  it("refuses a marketer without exactly one partner and a manager without any", () => {
    expect(inviteSchema.safeParse({ email: "m@example.com", role: "marketer", partners: [] }).success).toBe(false);
    expect(inviteSchema.safeParse({ email: "m@example.com", role: "marketer", partners: ["a", "b"] }).success).toBe(false);
    expect(inviteSchema.safeParse({ email: "m@example.com", role: "psm", partners: [] }).success).toBe(false);
    expect(inviteSchema.safeParse({ email: "m@example.com", role: "psm", partners: ["../etc"] }).success).toBe(false);
  });

  it("an expired link cannot be used", async () => {
    const { link } = await inviteUser(inviteSchema.parse({ email: `late-${stamp}@example.com`, role: "marketer", partners: ["acme"] }), "admin@example.com", "http://x");
    const token = link.split("/invite/")[1]!;
    await db.invite.updateMany({ where: { user: { email: `late-${stamp}@example.com` } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findInvite(token)).toBeNull();
    await expect(acceptInvite(token, "a long new password", "")).rejects.toMatchObject({ status: 410 });
  });
});

describe("partner scope", () => {
  const ids = { acme: "", globex: "", acmeSub: "", globexSub: "", globexTemplate: "", globexReceipt: "" };
  const acmeMarketer = { id: "m", role: "marketer" as const, partners: [`acme-${stamp}`] };
  const psm = { id: "p", role: "psm" as const, partners: [`acme-${stamp}`, `globex-${stamp}`] };
  const admin = { id: "a", role: "admin" as const, partners: [] };

  beforeAll(async () => {
    const env = await db.environment.create({ data: { name: `scope-env-${stamp}`, kind: "sandbox", bucket: "b" } });
    for (const p of ["acme", "globex"] as const) {
      const ds = await db.dataSource.create({ data: { name: `${p}-scope-${stamp}`, dpid: 5000, partnerFolder: `${p}-${stamp}` } });
      ids[p] = ds.id;
      const s = await db.submission.create({
        data: { createdBy: `${p}@example.com`, dataSourceId: ds.id, environmentId: env.id, mode: "sync", aamTimestamp: Math.floor(stamp / 1000) + (p === "acme" ? 0 : 1), originalName: `${p}.csv`, originalSize: 1n, originalSha256: "0".repeat(64), mapping: {} },
      });
      ids[`${p}Sub`] = s.id;
    }
    ids.globexTemplate = (await db.mappingTemplate.create({ data: { dataSourceId: ids.globex, name: "t", header: ["id"], mapping: JSON.parse(JSON.stringify(templateFromMapping(["id"], { columns: [{ role: "id" }] }, { delimiter: "," }))), createdBy: "x" } })).id;
    ids.globexReceipt = (await db.receipt.create({ data: { environmentId: env.id, dataSourceId: ids.globex, startedAt: new Date(), endedAt: new Date(), counters: {}, text: "" } })).id;
  });

  it("lists and finds only the viewer's partners", async () => {
    const names = (v: typeof admin | typeof psm | typeof acmeMarketer) => listSubmissions(v, { q: "" }).then((p) => p.rows.map((r) => r.originalName).filter((n) => ["acme.csv", "globex.csv"].includes(n)).sort());
    expect(await names(acmeMarketer)).toEqual(["acme.csv"]);
    expect(await names(psm)).toEqual(["acme.csv", "globex.csv"]);
    expect((await listDataSources(acmeMarketer)).map((d) => d.id)).toEqual([ids.acme]);
    expect(await listSubmitters(acmeMarketer)).toEqual(["acme@example.com"]);
    expect(await getSubmission(ids.globexSub, acmeMarketer)).toBeNull();
    expect(await getSubmission(ids.globexSub, psm)).not.toBeNull();
    expect(await getDataSource(ids.globex, acmeMarketer)).toBeNull();
    expect((await listTemplates(acmeMarketer)).some((t) => t.id === ids.globexTemplate)).toBe(false);
    expect((await listTemplates(admin)).some((t) => t.id === ids.globexTemplate)).toBe(true);
  });

  it("refuses another partner's IDs with the same answer as a missing one", async () => {
    for (const check of [
      () => assertDataSourceVisible(acmeMarketer, ids.globex),
      () => assertSubmissionVisible(acmeMarketer, ids.globexSub),
      () => assertTemplateVisible(acmeMarketer, ids.globexTemplate),
      () => assertReceiptVisible(acmeMarketer, ids.globexReceipt),
    ])
      await expect(check()).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/was not found, or you do not have access to it\.$/) });
    await expect(assertSubmissionVisible(acmeMarketer, ids.acmeSub)).resolves.toBeUndefined();
    await expect(assertReceiptVisible(psm, ids.globexReceipt)).resolves.toBeUndefined();
  });

  it("lets a database failure through instead of answering 'not found'", async () => {
    const count = vi.spyOn(db.dataSource, "count").mockRejectedValueOnce(new Error("connection lost"));
    try {
      await expect(assertReceiptVisible(acmeMarketer, ids.globexReceipt)).rejects.toThrow("connection lost");
    } finally {
      count.mockRestore();
    }
  });
});
