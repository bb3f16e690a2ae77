// Every server action, called as partner B's marketer (and, where the role may act, partner B's
// partner solutions manager) with partner A's IDs, must refuse with "not found" or "forbidden" and change
// nothing of partner A's. The actions are the real modules on the real database; only Next's request
// context (cookies, headers, revalidatePath, redirect) is supplied, as Next would supply it.
// The table has one row per exported action of every "use server" file: a new action without a row fails.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ token: "" }));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name === "aam_session" && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
  headers: async () => new Headers({ host: "app.test", "user-agent": "cross-partner-test" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`NEXT_REDIRECT ${to}`), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  },
}));

import { db } from "@/lib/server/db";
import { createSession, readSession } from "@/lib/server/auth/sessions";
import { hashPassword } from "@/lib/server/auth/password";
import { templateFromMapping } from "@/lib/crm/template";

type Ids = { dsA: string; subA: string; templateA: string; traitA: string; envId: string; userA: string; emailA: string; partnerA: string };
type Outcome = { ok: boolean; code?: string; message?: string } | void;
interface Row {
  /** What the action is called with, built from partner A's IDs. */
  call: (action: (...args: never[]) => Promise<unknown>, ids: Ids) => Promise<unknown>;
  /** Which callers from partner B to try: the marketer always; the PSM where the role may act. */
  psm?: boolean;
  /** For actions that only ever touch the caller's own account or need no session: what to check instead. */
  ownAccountOnly?: string;
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const call = (a: (...args: never[]) => Promise<unknown>, ...args: unknown[]) => (a as (...x: unknown[]) => Promise<unknown>)(...args);
const templateBody = () => templateFromMapping(["id", "tier"], { columns: [{ role: "id" }, { role: "kv", key: "tier" }] }, { delimiter: "," });

const TABLE: Record<string, Row> = {
  "app/users/actions.ts#inviteUserAction": { call: (a, ids) => call(a, null, form({ email: "new@b.test", role: "marketer", partners: ids.partnerA })) },
  "app/users/actions.ts#userAccessAction": { call: (a, ids) => call(a, null, form({ userId: ids.userA, op: "disable" })) },
  "app/submissions/new/template-actions.ts#saveTemplateAction": { call: (a, ids) => call(a, { dataSourceId: ids.dsA, name: "stolen", body: templateBody() }) },
  "app/submissions/new/template-actions.ts#deleteTemplateAction": { call: (a, ids) => call(a, { id: ids.templateA }) },
  "app/submissions/[id]/actions.ts#resubmitAction": { call: (a, ids) => call(a, { sourceId: ids.subA, environmentId: ids.envId }) },
  "app/submissions/[id]/actions.ts#syncIdsAndReprocessAction": { call: (a, ids) => call(a, { submissionId: ids.subA }) },
  "app/submissions/[id]/attach-receipt/actions.ts#attachReceiptAction": { psm: true, call: (a, ids) => call(a, null, form({ submissionId: ids.subA, text: "Stored Records: 1" })) },
  "app/data-sources/actions.ts#createDataSourceAction": { call: (a, ids) => call(a, null, form({ name: "B's copy", dpid: "21", idType: "dpuuid", partnerFolder: ids.partnerA })) },
  "app/data-sources/[id]/traits/actions.ts#saveTraitAction": { psm: true, call: (a, ids) => call(a, null, form({ dataSourceId: ids.dsA, id: ids.traitA, sid: "999", name: "renamed" })) },
  "app/data-sources/[id]/traits/actions.ts#deleteTraitAction": { psm: true, call: (a, ids) => call(a, null, form({ dataSourceId: ids.dsA, id: ids.traitA })) },
  "app/data-sources/[id]/actions.ts#saveReceiptSettingsAction": { psm: true, call: (a, ids) => call(a, null, form({ id: ids.dsA, crossDevice: "on", receiptEmails: "thief@b.test" })) },
  "app/data-sources/[id]/actions.ts#saveRedirectHostsAction": { psm: true, call: (a, ids) => call(a, null, form({ id: ids.dsA, redirectHosts: "evil.example" })) },
  // Environments are shared by all partners (no partner owns one); a PSM may run processing, a marketer not.
  "app/processing/actions.ts#processNowAction": { call: (a, ids) => call(a, null, form({ environmentId: ids.envId })) },
  "app/environments/actions.ts#saveEnvironmentAction": { call: (a, ids) => call(a, { id: ids.envId, name: "hijacked", kind: "sandbox", transport: "s3", bucket: "evil-bucket" }) },
  "app/environments/actions.ts#checkConnectionAction": { call: (a, ids) => call(a, ids.envId) },
  "app/account/actions.ts#signOutAction": { ownAccountOnly: "ends the caller's session only", call: (a) => call(a) },
  "app/account/actions.ts#signOutEverywhereAction": { ownAccountOnly: "ends the caller's sessions only", call: (a) => call(a) },
  "app/account/actions.ts#changePasswordAction": {
    ownAccountOnly: "changes the caller's password only (the user comes from the session)",
    call: (a) => call(a, null, form({ current: "wrong-password-123", password: "a-new-password-456", confirm: "a-new-password-456" })),
  },
  "app/sign-in/actions.ts#signInAction": { ownAccountOnly: "signs in only with the right password", call: (a, ids) => call(a, null, form({ email: ids.emailA, password: "not-their-password" })) },
  "app/invite/[token]/actions.ts#acceptInviteAction": {
    ownAccountOnly: "the invitation token is the credential",
    call: (a) => call(a, null, form({ token: "A".repeat(43), password: "a-new-password-456", confirm: "a-new-password-456" })),
  },
};

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return serverActionFiles(full);
    return /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

const stamp = Date.now();
const ids = {} as Ids;
const callers: Record<"marketer" | "psm", string> = { marketer: "", psm: "" };
let sessionA = "";
let passwordHashA = "";

async function makeUser(email: string, role: "marketer" | "psm", partners: string[]) {
  return db.user.create({ data: { email, role, partners, passwordHash: await hashPassword("their-password-123") } });
}

/** Everything of partner A's that an action could change, as one comparable value. */
async function partnerAState() {
  const [ds, traits, templates, submissions, receipts, user, envs, dataSources, users, invites] = await Promise.all([
    db.dataSource.findUnique({ where: { id: ids.dsA } }),
    db.trait.findMany({ where: { dataSourceId: ids.dsA }, orderBy: { id: "asc" } }),
    db.mappingTemplate.findMany({ where: { dataSourceId: ids.dsA }, orderBy: { id: "asc" } }),
    db.submission.count({ where: { dataSourceId: ids.dsA } }),
    db.receipt.count({ where: { dataSourceId: ids.dsA } }),
    db.user.findUnique({ where: { id: ids.userA } }),
    db.environment.findMany({ orderBy: { id: "asc" } }),
    db.dataSource.count({ where: { partnerFolder: ids.partnerA } }),
    db.user.count(),
    db.invite.count(),
  ]);
  return JSON.parse(JSON.stringify({ ds, traits, templates, submissions, receipts, user, envs, dataSources, users, invites }, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
}

beforeAll(async () => {
  ids.partnerA = `partner-a-${stamp}`;
  const partnerB = `partner-b-${stamp}`;
  const env = await db.environment.create({ data: { name: `xp-env-${stamp}`, kind: "sandbox", bucket: "xp-bucket", prefix: "inbound" } });
  ids.envId = env.id;
  const dsA = await db.dataSource.create({ data: { name: `A-${stamp}`, dpid: 7001, partnerFolder: ids.partnerA } });
  await db.dataSource.create({ data: { name: `B-${stamp}`, dpid: 7002, partnerFolder: partnerB } });
  ids.dsA = dsA.id;
  ids.subA = (
    await db.submission.create({
      data: { createdBy: "a@a.test", dataSourceId: dsA.id, environmentId: env.id, mode: "sync", aamTimestamp: Math.floor(stamp / 1000), originalName: "a.csv", originalSize: 1n, originalSha256: "0".repeat(64), mapping: {}, status: "delivered" },
    })
  ).id;
  ids.templateA = (await db.mappingTemplate.create({ data: { dataSourceId: dsA.id, name: "A's template", header: ["id", "tier"], mapping: JSON.parse(JSON.stringify(templateBody())), createdBy: "a@a.test" } })).id;
  ids.traitA = (await db.trait.create({ data: { dataSourceId: dsA.id, sid: 4242, name: "A's trait", ruleKind: "sid" } })).id;
  ids.emailA = `marketer-a-${stamp}@a.test`;
  const userA = await makeUser(ids.emailA, "marketer", [ids.partnerA]);
  ids.userA = userA.id;
  passwordHashA = userA.passwordHash!;
  sessionA = (await createSession(userA.id)).token;
  const marketerB = await makeUser(`marketer-b-${stamp}@b.test`, "marketer", [partnerB]);
  const psmB = await makeUser(`psm-b-${stamp}@b.test`, "psm", [partnerB]);
  callers.marketer = marketerB.id;
  callers.psm = psmB.id;
});

describe("server actions called by another partner's users", () => {
  const root = path.resolve("app");
  const found = serverActionFiles(root).flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/^export async function (\w+)/gm)].map((m) => `${path.relative(process.cwd(), file).split(path.sep).join("/")}#${m[1]}`);
  });

  it("every exported server action has a row in the table, and every row an action", () => {
    expect(found.length).toBeGreaterThanOrEqual(20);
    expect(found.filter((k) => !TABLE[k]), "actions without a row: add one to TABLE").toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !found.includes(k)), "rows for actions that no longer exist").toEqual([]);
  });

  it.each(Object.keys(TABLE))("%s", async (key) => {
    const row = TABLE[key]!;
    const [file, name] = key.split("#") as [string, string];
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, (...args: never[]) => Promise<unknown>>;
    const action = mod[name];
    expect(typeof action, `${key} is exported`).toBe("function");
    const who = row.psm ? (["marketer", "psm"] as const) : (["marketer"] as const);
    for (const role of who) {
      const before = await partnerAState();
      request.token = (await createSession(callers[role])).token;
      let outcome: Outcome = undefined;
      let thrown: unknown;
      try {
        outcome = (await row.call(action!, ids)) as Outcome;
      } catch (e) {
        thrown = e;
      }
      if (row.ownAccountOnly) {
        // Sign-out redirects (Next's redirect throws); anything else thrown is a failure.
        if (thrown) expect(String((thrown as { digest?: string }).digest), `${key}: ${String(thrown)}`).toMatch(/^NEXT_REDIRECT/);
        if (outcome) expect(outcome.ok, `${key} as ${role}`).toBe(false);
      } else {
        expect(thrown, `${key} as ${role} threw instead of answering`).toBeUndefined();
        expect(outcome, `${key} as ${role}`).toMatchObject({ ok: false });
        expect(["not_found", "forbidden"], `${key} as ${role} answered ${JSON.stringify(outcome)}`).toContain((outcome as { code?: string }).code);
      }
      expect(await partnerAState(), `${key} as ${role} changed partner A's data`).toEqual(before);
      // Partner A's own session and password are untouched whatever B did with their own account.
      expect((await readSession(sessionA))?.id).toBe(ids.userA);
      expect((await db.user.findUnique({ where: { id: ids.userA } }))?.passwordHash).toBe(passwordHashA);
    }
  });
});
