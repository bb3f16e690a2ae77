// Statuses only move forward. Each transition is one conditional UPDATE (WHERE status IN the states it
// may come from), so a retried or duplicated step changes nothing and reports false.
import "server-only";
import type { Prisma, SubmissionStatus } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export const STATUS_ORDER = ["received", "validated", "converted", "delivered", "processed"] as const;

type Forward = (typeof STATUS_ORDER)[number];
const AT_FIELD = {
  received: "receivedAt",
  validated: "validatedAt",
  converted: "convertedAt",
  delivered: "deliveredAt",
  processed: "processedAt",
  failed: "failedAt",
} as const satisfies Record<SubmissionStatus, string>;

export function allowedPredecessors(to: SubmissionStatus): SubmissionStatus[] {
  if (to === "failed") return ["received", "validated", "converted", "delivered"];
  const i = STATUS_ORDER.indexOf(to as Forward);
  return STATUS_ORDER.slice(0, i);
}

export async function advanceStatus(
  id: string,
  to: SubmissionStatus,
  data: Omit<Prisma.SubmissionUpdateManyMutationInput, "status"> = {},
): Promise<boolean> {
  const from = allowedPredecessors(to);
  if (from.length === 0) return false;
  const result = await db.submission.updateMany({
    where: { id, status: { in: from } },
    data: { ...data, status: to, [AT_FIELD[to]]: new Date() },
  });
  return result.count === 1;
}
