import "server-only";
import { randomBytes } from "node:crypto";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { hashPassword } from "./password";

/**
 * First run: with no account at all, create one admin and print how to sign in. ADMIN_PASSWORD, when set,
 * also (re)sets that admin's password on every start: the way back in after losing it.
 */
export async function bootstrapAdmin(): Promise<void> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: fixed } = env();
  if (fixed) {
    const passwordHash = await hashPassword(fixed);
    await db.user.upsert({ where: { email }, create: { email, role: "admin", name: "Admin", passwordHash }, update: { passwordHash, role: "admin", disabledAt: null } });
    return;
  }
  if ((await db.user.count()) > 0) return;
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  // createMany with skipDuplicates: two processes starting at once create one admin, not an error.
  const { count } = await db.user.createMany({ data: [{ email, role: "admin", name: "Admin", passwordHash }], skipDuplicates: true });
  if (count === 0) return;
  await audit("system", "user.bootstrap_admin", "User", null, { email });
  console.log(
    `\n  First run: created the admin account.\n  Sign in at /sign-in as ${email} with the password ${password}\n` +
      `  (shown once; set ADMIN_PASSWORD to choose one, then invite your team from the Users page).\n`,
  );
}
