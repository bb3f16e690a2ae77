import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { hashPassword } from "./password";
import { createSession } from "./sessions";
import { tokenId } from "./tokens";

export async function findInvite(token: string) {
  const invite = await db.invite.findUnique({ where: { id: tokenId(token) }, include: { user: true } });
  if (!invite || invite.usedAt || invite.expiresAt <= new Date() || invite.user.disabledAt) return null;
  return invite;
}

/** Sets the password, spends the link (a second use fails), and signs the new user in. */
export async function acceptInvite(token: string, password: string, userAgent: string): Promise<{ token: string; expiresAt: Date }> {
  const invite = await findInvite(token);
  if (!invite) throw new SafeError("This invitation link has expired or was already used. Ask an admin for a new one.", 410, "invite_invalid");
  const passwordHash = await hashPassword(password);
  const spent = await db.invite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count !== 1) throw new SafeError("This invitation link was already used.", 410, "invite_invalid");
  await db.user.update({ where: { id: invite.userId }, data: { passwordHash } });
  await audit(invite.user.email, "user.accept_invite", "User", invite.userId);
  return createSession(invite.userId, userAgent);
}
