import "server-only";
import type { Role } from "@/lib/validation/auth";
import { db } from "@/lib/server/db";
import { newToken, tokenId } from "./tokens";

export type SessionUser = { id: string; email: string; name: string; role: Role; partners: string[]; sessionId: string };

// A session ends after 12 hours without use, and at the latest 7 days after sign-in, whatever the use.
export const IDLE_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Sliding the expiry on every request would write on every page view; once per 5 minutes is enough.
const TOUCH_MS = 5 * 60 * 1000;

export async function createSession(userId: string, userAgent = "", now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + IDLE_MS);
  await db.session.create({ data: { id: tokenId(token), userId, userAgent: userAgent.slice(0, 300), expiresAt, createdAt: now, lastSeenAt: now } });
  return { token, expiresAt };
}

/** The signed-in user for a cookie token, or null when unknown, expired or the account is disabled. */
export async function readSession(token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const id = tokenId(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: true } });
  if (!session) return null;
  const absoluteEnd = session.createdAt.getTime() + ABSOLUTE_MS;
  if (session.expiresAt <= now || absoluteEnd <= now.getTime() || session.user.disabledAt || !session.user.passwordHash) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + IDLE_MS, absoluteEnd));
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now, expiresAt } });
  }
  const { user } = session;
  return { id: user.id, email: user.email, name: user.name, role: user.role, partners: user.partners, sessionId: id };
}

export async function endSession(token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: tokenId(token) } });
}

/** "Sign out everywhere": every device of this user must sign in again. */
export async function endAllSessions(userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
