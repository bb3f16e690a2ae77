import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { hit, reset } from "@/lib/server/rate-limit/fixed-window";
import { burnPasswordCheck, verifyPassword } from "./password";
import { createSession } from "./sessions";

// Guessing is slowed per account (whoever guesses) and per client (whatever account it tries).
export const SIGN_IN_LIMITS = { perEmail: 10, perClient: 50, windowSeconds: 15 * 60 };

export type SignInMeta = { client: string; userAgent: string };

/** One generic answer for a wrong e-mail or password, so the form does not reveal who has an account. */
export async function signIn(email: string, password: string, meta: SignInMeta): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const byEmail = await hit(`sign-in:email:${email}`, SIGN_IN_LIMITS.perEmail, SIGN_IN_LIMITS.windowSeconds);
  // Without a trustworthy address ("direct") every client would share one counter, and 50 bad guesses
  // would lock everyone out; then only the per-e-mail limit applies.
  const byClient =
    meta.client === "direct" ? byEmail : await hit(`sign-in:client:${meta.client}`, SIGN_IN_LIMITS.perClient, SIGN_IN_LIMITS.windowSeconds);
  if (!byEmail.allowed || !byClient.allowed) {
    const wait = Math.max(byEmail.allowed ? 0 : byEmail.retryAfterSeconds, byClient.allowed ? 0 : byClient.retryAfterSeconds);
    await audit(email, "auth.sign_in_limited", "User", null, { client: meta.client });
    throw new SafeError(`Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}.`, 429, "rate_limited");
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = user?.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await audit(email, "auth.sign_in_failed", "User", user?.id ?? null, { client: meta.client });
    throw new SafeError("That e-mail and password do not match an account.", 401, "bad_credentials");
  }
  await reset(`sign-in:email:${email}`);
  const session = await createSession(user.id, meta.userAgent);
  await audit(email, "auth.sign_in", "User", user.id, { client: meta.client });
  return { ...session, userId: user.id };
}
