// Journeys act as a signed-in user without typing a password each time: a session row is written the
// way the server writes one (only the token's SHA-256 is stored) and the token is set as the cookie.
// The sign-in form itself is covered by tests/e2e/auth-journey.test.ts.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { inject } from "vitest";
import { E2E_ADMIN } from "../../support/global-e2e";

export async function sessionToken(email: string = E2E_ADMIN.email): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const r = await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT $1, id, now() + interval '1 hour' FROM "User" WHERE email = $2 RETURNING id`,
      [createHash("sha256").update(token).digest("hex"), email],
    );
    if (r.rowCount !== 1) throw new Error(`No user ${email} to sign in as`);
  } finally {
    await client.end();
  }
  return token;
}

export async function signedInContext(browser: Browser, options?: BrowserContextOptions, email?: string): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: "aam_session", value: await sessionToken(email), url: inject("appUrl"), httpOnly: true, sameSite: "Lax" }]);
  return context;
}

export async function signedInPage(browser: Browser, options?: BrowserContextOptions, email?: string): Promise<Page> {
  return (await signedInContext(browser, options, email)).newPage();
}
