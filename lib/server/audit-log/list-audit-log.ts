import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import type { AuditQuery } from "@/lib/validation/audit";

export const AUDIT_PAGE = 100;

// Which recorded actions each filter group means (actions are "<entity>.<verb>" strings).
const GROUP_WHERE: Record<NonNullable<AuditQuery["group"]>, Prisma.AuditLogWhereInput> = {
  auth: { action: { startsWith: "auth." } },
  user: { action: { startsWith: "user." } },
  submission: { OR: [{ action: { startsWith: "submission." } }, { action: "receipt.attach" }, { action: { startsWith: "processing." } }] },
  environment: { action: { startsWith: "environment." } },
  credential: { action: { startsWith: "credential." } },
  download: { action: { endsWith: ".download" } },
  "data-source": { OR: [{ action: { startsWith: "data_source." } }, { action: { startsWith: "trait." } }, { action: { startsWith: "template." } }] },
};

/** Admins only (the page checks): the newest entries first, by ID, which only grows. */
export async function listAuditLog(query: AuditQuery) {
  const rows = await db.auditLog.findMany({
    where: {
      ...(query.actor ? { actor: query.actor.toLowerCase() } : {}),
      ...(query.group ? GROUP_WHERE[query.group] : {}),
      ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE);
  return {
    rows: page.map((r) => ({ ...r, id: r.id.toString() })),
    nextBefore: rows.length > AUDIT_PAGE ? page[page.length - 1]!.id.toString() : null,
  };
}
