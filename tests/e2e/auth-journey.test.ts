// Accounts in Chromium: a visitor is sent to sign-in and back, a wrong password gets one generic
// answer, the admin invites a marketer who sets a password from the link, the marketer meets a
// forbidden page and another partner's submission as "not found", and sign-out, sign-out everywhere
// and an expired session each end access on the server, not only in the browser.
import { createHash } from "node:crypto";
import pg from "pg";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { E2E_ADMIN } from "../support/global-e2e";
import { seedTwoPartners, type AuthFixture } from "./support/auth-fixture";
import { signedInContext } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");

describe.skipIf(!chromiumPath)("sign-in and roles", () => {
  const health = pageHealth();
  let browser: Browser;
  let fx: AuthFixture;
  const appUrl = inject("appUrl");

  beforeAll(async () => {
    browser = await health.launch();
    fx = await seedTwoPartners(inject("databaseUrl"));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("signs in, invites a marketer, and keeps them to their own partner", async () => {
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(`${appUrl}/submissions`);
    expect(new URL(admin.url()).pathname).toBe("/sign-in");
    expect(new URL(admin.url()).searchParams.get("next")).toBe("/submissions");

    await admin.getByLabel("E-mail").fill(E2E_ADMIN.email);
    await admin.getByLabel("Password").fill("not the password");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => admin.getByRole("form", { name: "Sign in" }).getByRole("alert").textContent()).toBe("That e-mail and password do not match an account.");
    await admin.getByLabel("Password").fill(E2E_ADMIN.password);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.waitForURL(`${appUrl}/submissions`);
    await expect.poll(() => admin.getByRole("navigation", { name: "Main" }).textContent()).toContain(`${E2E_ADMIN.email} · Admin`);

    // The admin invites a marketer of partner B; the link is shown (no SMTP here).
    const email = `mia-${fx.tag}@example.com`;
    await admin.goto(`${appUrl}/users`);
    const invite = admin.getByRole("form", { name: "Invite a user" });
    await invite.getByLabel("E-mail").fill(email);
    await invite.getByLabel("Role").selectOption("marketer");
    await invite.getByLabel("Partner", { exact: true }).fill(fx.b.partner);
    await invite.getByRole("button", { name: "Invite" }).click();
    const link = await expect.poll(() => invite.getByLabel("Invitation link").inputValue()).toMatch(/\/invite\/[\w-]{43}$/).then(() => invite.getByLabel("Invitation link").inputValue());

    const mia = await (await browser.newContext()).newPage();
    await mia.goto(link);
    await mia.getByLabel("New password (at least 12 characters)").fill("mia's long passphrase");
    await mia.getByLabel("The same password again").fill("mia's long passphrase");
    await mia.getByRole("button", { name: "Set password and sign in" }).click();
    await mia.waitForURL(`${appUrl}/`);
    const nav = mia.getByRole("navigation", { name: "Main" });
    await expect.poll(() => nav.textContent()).toContain(`${email} · Marketer`);
    expect(await nav.getByRole("link", { name: "Environments" }).count()).toBe(0);
    // The link is spent.
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await expect.poll(() => again.getByRole("heading", { level: 1 }).textContent()).toBe("This invitation link cannot be used");

    // A forbidden URL, another partner's submission, and the data sources list.
    await mia.goto(`${appUrl}/environments`);
    await expect.poll(() => mia.getByRole("heading", { level: 1 }).textContent()).toBe("You do not have access to this page");
    expect(await mia.getByRole("main").textContent()).toContain("/environments is not open to your role (Marketer)");
    // Another partner's submission answers 404 (Chromium also logs it as a failed load): expected here.
    health.allow(new RegExp(`(HTTP 404 GET|status of 404 .*)[^\\n]*/submissions/${fx.a.sub}`));
    const response = await mia.goto(`${appUrl}/submissions/${fx.a.sub}`);
    expect(response?.status()).toBe(404);
    expect(await mia.content()).not.toContain(fx.a.name);
    await mia.goto(`${appUrl}/data-sources`);
    await expect.poll(() => mia.getByRole("cell", { name: fx.b.dsName }).count()).toBe(1);
    expect(await mia.getByRole("cell", { name: fx.a.dsName }).count()).toBe(0);
    expect(await mia.getByRole("heading", { name: "Add a data source" }).count()).toBe(0);

    // Sign out: the old cookie no longer works anywhere, not just in this browser.
    const [cookie] = await mia.context().cookies();
    await mia.getByRole("button", { name: "Sign out", exact: true }).click();
    await mia.waitForURL(/\/sign-in/);
    const replay = await browser.newContext();
    await replay.addCookies([{ ...cookie!, url: appUrl, domain: undefined, path: undefined } as never]);
    const replayed = await replay.newPage();
    await replayed.goto(`${appUrl}/data-sources`);
    expect(new URL(replayed.url()).pathname).toBe("/sign-in");
  });

  it("signs out everywhere, and an expired session sends the user to sign-in", async () => {
    const laptop = await (await signedInContext(browser)).newPage();
    const phone = await (await signedInContext(browser)).newPage();
    const expiring = await signedInContext(browser);
    const token = (await expiring.cookies())[0]!.value;
    const sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    try {
      await sql.query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [createHash("sha256").update(token).digest("hex")]);
      const expired = await expiring.newPage();
      await expired.goto(`${appUrl}/submissions`);
      expect(new URL(expired.url()).pathname).toBe("/sign-in");

      // A separate admin so the journey's own admin sessions in other files are untouched.
      const email = `sam-${Date.now()}@example.com`;
      await sql.query(`INSERT INTO "User" (id, email, role, partners, "passwordHash", "updatedAt") SELECT gen_random_uuid(), $1, 'admin', '{}', "passwordHash", now() FROM "User" WHERE email = $2`, [email, E2E_ADMIN.email]);
      const a = await (await signedInContext(browser, undefined, email)).newPage();
      const b = await (await signedInContext(browser, undefined, email)).newPage();
      await a.goto(`${appUrl}/`);
      await b.goto(`${appUrl}/`);
      await a.getByRole("button", { name: "Everywhere" }).click();
      await a.waitForURL(/\/sign-in/);
      await b.reload();
      expect(new URL(b.url()).pathname).toBe("/sign-in");
      // Other users' sessions are untouched.
      await laptop.goto(`${appUrl}/`);
      await phone.goto(`${appUrl}/submissions`);
      expect(new URL(laptop.url()).pathname).toBe("/");
      expect(new URL(phone.url()).pathname).toBe("/submissions");
      const audit = await sql.query(`SELECT action FROM "AuditLog" WHERE actor = $1 ORDER BY at`, [email]);
      expect(audit.rows.map((r) => r.action)).toEqual(["auth.sign_out_everywhere"]);
    } finally {
      await sql.end();
    }
  });

  it("changes the password from the account page: a wrong current one is refused, other sessions end, the new one signs in", async () => {
    const sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    try {
      // A user of its own (with the admin's password), so other journeys' admin sessions are untouched.
      const email = `pat-${Date.now()}@example.com`;
      await sql.query(`INSERT INTO "User" (id, email, role, partners, "passwordHash", "updatedAt") SELECT gen_random_uuid(), $1, 'marketer', ARRAY[$3], "passwordHash", now() FROM "User" WHERE email = $2`, [email, E2E_ADMIN.email, fx.b.partner]);
      const here = await (await signedInContext(browser, undefined, email)).newPage();
      const elsewhere = await (await signedInContext(browser, undefined, email)).newPage();
      await here.goto(`${appUrl}/`);
      await here.getByRole("link", { name: `${email} · Marketer` }).click();
      await here.waitForURL(`${appUrl}/account`);
      const form = here.getByRole("form", { name: "Change password" });
      await expect.poll(() => here.getByRole("main").textContent()).toContain(fx.b.partner);

      await form.getByLabel("Current password").fill("not my password");
      await form.getByLabel("New password (at least 12 characters)").fill("pat's new long passphrase");
      await form.getByLabel("The new password again").fill("pat's new long passphrase");
      await form.getByRole("button", { name: "Change password" }).click();
      // scrypt (0.3 s a check) runs once to refuse and twice to change: longer than expect.poll's 1 s default.
      await expect.poll(() => form.getByRole("status").textContent(), { timeout: 10_000 }).toBe("Your current password is not right.");

      // React resets the form after each submission, so every field is typed again.
      expect(await form.getByLabel("New password (at least 12 characters)").inputValue()).toBe("");
      await form.getByLabel("Current password").fill(E2E_ADMIN.password);
      await form.getByLabel("New password (at least 12 characters)").fill("pat's new long passphrase");
      await form.getByLabel("The new password again").fill("pat's new long passphrase");
      await form.getByRole("button", { name: "Change password" }).click();
      await expect.poll(() => form.getByRole("status").textContent(), { timeout: 10_000 }).toBe("Password changed. Your 1 other session was signed out.");
      expect(await form.getByLabel("Current password").inputValue()).toBe(""); // the fields are cleared

      await elsewhere.goto(`${appUrl}/submissions`);
      expect(new URL(elsewhere.url()).pathname).toBe("/sign-in");
      await here.goto(`${appUrl}/submissions`);
      expect(new URL(here.url()).pathname).toBe("/submissions");

      // The old password no longer signs in; the new one does.
      const fresh = await (await browser.newContext()).newPage();
      await fresh.goto(`${appUrl}/sign-in`);
      await fresh.getByLabel("E-mail").fill(email);
      await fresh.getByLabel("Password").fill(E2E_ADMIN.password);
      await fresh.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => fresh.getByRole("form", { name: "Sign in" }).getByRole("alert").textContent(), { timeout: 10_000 }).toBe("That e-mail and password do not match an account.");
      await fresh.getByLabel("Password").fill("pat's new long passphrase");
      await fresh.getByRole("button", { name: "Sign in" }).click();
      await fresh.waitForURL(`${appUrl}/`);

      const audit = await sql.query(`SELECT action FROM "AuditLog" WHERE actor = $1 ORDER BY at, id`, [email]);
      expect(audit.rows.map((r) => r.action)).toEqual(["auth.password_change_failed", "auth.password_change", "auth.sign_in_failed", "auth.sign_in"]);
    } finally {
      await sql.end();
    }
  });
});
