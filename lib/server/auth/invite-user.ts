import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { mailTransport } from "@/lib/server/mail/mail-transport";
import { env } from "@/lib/server/env";
import type { InviteInput } from "@/lib/validation/auth";
import { newToken, tokenId } from "./tokens";

export const INVITE_DAYS = 7;

/**
 * Creates the account (no password yet) and a one-time link to set one. The link is shown to the admin
 * and, when SMTP is configured, also e-mailed. Inviting again replaces earlier links.
 */
export async function inviteUser(input: InviteInput, adminEmail: string, origin: string): Promise<{ link: string; emailed: boolean }> {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing?.passwordHash) throw new SafeError(`${input.email} already has an account.`, 409, "exists");
  const token = newToken();
  const user = await db.$transaction(async (tx) => {
    const u = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, role: input.role, partners: input.partners, disabledAt: null } })
      : await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, partners: input.partners, invitedBy: adminEmail } });
    await tx.invite.deleteMany({ where: { userId: u.id } });
    await tx.invite.create({ data: { id: tokenId(token), userId: u.id, expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) } });
    return u;
  });
  await audit(adminEmail, "user.invite", "User", user.id, { email: input.email, role: input.role, partners: input.partners });
  const link = `${origin}/invite/${token}`;
  const transport = mailTransport();
  if (transport) {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: input.email,
      subject: "Your AAM Onboard invitation",
      text: `${adminEmail} invited you to AAM Onboard.\n\nSet your password within ${INVITE_DAYS} days:\n${link}\n`,
    });
  }
  return { link, emailed: Boolean(transport) };
}
