import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { hit } from "@/lib/server/rate-limit/fixed-window";
import { hashPassword, verifyPassword } from "./password";
import type { SessionUser } from "./sessions";

// A stolen session must not turn into a stolen account: the current password is required, guesses at it
// are limited like sign-in guesses, and every other session ends (this one stays signed in).
export const CHANGE_PASSWORD_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };

export async function changePassword(user: SessionUser, current: string, next: string): Promise<{ endedSessions: number }> {
  const limit = await hit(`password-change:${user.id}`, CHANGE_PASSWORD_LIMIT.attempts, CHANGE_PASSWORD_LIMIT.windowSeconds);
  if (!limit.allowed) {
    await audit(user.email, "auth.password_change_limited", "User", user.id);
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new SafeError(`Too many attempts. Try again in ${minutes} minute${minutes > 1 ? "s" : ""}.`, 429, "rate_limited");
  }
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row?.passwordHash || !(await verifyPassword(current, row.passwordHash))) {
    await audit(user.email, "auth.password_change_failed", "User", user.id);
    throw new SafeError("Your current password is not right.", 400, "bad_credentials");
  }
  const passwordHash = await hashPassword(next);
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } }),
  ]);
  await audit(user.email, "auth.password_change", "User", user.id, { endedSessions: ended.count });
  return { endedSessions: ended.count };
}
