// A time-limited claim on a submission, renewed while a worker converts or delivers it. Taking the
// lease is one conditional UPDATE, so two workers never process one submission at once; a lease that
// expires marks a dead worker, and the reaper hands the submission to another.
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

const leaseMs = () => env().LEASE_SECONDS * 1000;
export const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export async function acquireLease(id: string, owner = WORKER_ID): Promise<boolean> {
  const now = new Date();
  const r = await db.submission.updateMany({
    where: {
      id,
      status: { in: ["received", "validated", "converted"] },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs()), attempts: { increment: 1 } },
  });
  return r.count === 1;
}

/** Keeps the lease alive until the returned function is called, which also releases it. */
export function holdLease(id: string, owner = WORKER_ID): () => Promise<void> {
  const timer = setInterval(() => {
    void db.submission
      .updateMany({ where: { id, leaseOwner: owner }, data: { leaseExpiresAt: new Date(Date.now() + leaseMs()) } })
      .catch((e: unknown) => console.error("[lease] renew failed", id, e));
  }, leaseMs() / 3);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await db.submission.updateMany({ where: { id, leaseOwner: owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
  };
}

/** Submissions whose worker died (lease expired) or that were never picked up. */
export async function findOrphanedSubmissions(now = new Date(), unclaimedAfterMs = 60_000): Promise<string[]> {
  const rows = await db.submission.findMany({
    where: {
      status: { in: ["received", "validated", "converted"] },
      OR: [
        { leaseExpiresAt: { lt: now } },
        { leaseExpiresAt: null, receivedAt: { lt: new Date(now.getTime() - unclaimedAfterMs) } },
      ],
    },
    select: { id: true },
    take: 100,
  });
  return rows.map((r) => r.id);
}
