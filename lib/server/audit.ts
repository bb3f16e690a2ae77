import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export async function audit(
  actor: string,
  action: string,
  entityType: string,
  entityId: string | null,
  details: Prisma.InputJsonValue = {},
): Promise<void> {
  await db.auditLog.create({ data: { actor, action, entityType, entityId, details } });
}
