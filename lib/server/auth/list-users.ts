import "server-only";
import { db } from "@/lib/server/db";

export async function listUsers() {
  const [users, partners] = await Promise.all([
    db.user.findMany({
      orderBy: { email: "asc" },
      select: {
        id: true, email: true, name: true, role: true, partners: true, disabledAt: true, createdAt: true, passwordHash: true,
        _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
        invites: { where: { usedAt: null }, select: { expiresAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      },
    }),
    db.dataSource.findMany({ distinct: ["partnerFolder"], select: { partnerFolder: true }, orderBy: { partnerFolder: "asc" } }),
  ]);
  return {
    // The hash never leaves this function: the page only needs to know whether a password is set.
    users: users.map(({ passwordHash, _count, invites, ...u }) => ({ ...u, active: Boolean(passwordHash), sessions: _count.sessions, inviteExpiresAt: invites[0]?.expiresAt ?? null })),
    partners: partners.map((p) => p.partnerFolder),
  };
}
