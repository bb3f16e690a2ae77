// Sandbox environments with a delivered submission whose files no processing run has taken yet. The
// job queued after delivery normally takes them within seconds; these are the ones whose worker died
// before queueing it, or while running it (pg-boss would only retry that job when it expires, hours
// later). The reaper queues a run for each; a duplicate run finds nothing new and changes nothing.
import "server-only";
import { db } from "@/lib/server/db";

export async function findUnprocessedDeliveries(olderThanMs = 10_000, now = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT e.id::text AS id
    FROM "Submission" s
    JOIN "Environment" e ON e.id = s."environmentId"
    JOIN "SubmissionFile" sf ON sf."submissionId" = s.id
    WHERE s.status = 'delivered' AND e.kind = 'sandbox' AND e.transport = 's3'
      AND s."deliveredAt" < ${new Date(now.getTime() - olderThanMs)}
      AND NOT EXISTS (SELECT 1 FROM "ProcessedFile" pf WHERE pf."environmentId" = e.id AND pf."objectKey" = sf."objectKey")`;
  return rows.map((r) => r.id);
}
