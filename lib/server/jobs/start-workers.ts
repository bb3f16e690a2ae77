// Registers this process as a worker for every queue, runs the reaper that resumes submissions whose
// worker died, and purges expired rate-limit counters. Called once at server start (instrumentation.ts).
import "server-only";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { findOrphanedSubmissions } from "@/lib/server/submissions/lease";
import { processSubmission } from "@/lib/server/submissions/process-submission";
import { startProcessingWorkers } from "@/lib/server/processing/start-processing-workers";
import { purgeExpiredRateLimits } from "@/lib/server/rate-limit/fixed-window";

const REAP_EVERY_MS = 15_000;
// Expired counters are harmless (the next hit restarts their window), only dead rows: hourly is plenty.
const PURGE_RATE_LIMITS_EVERY_MS = 3_600_000;

export async function startWorkers(): Promise<void> {
  const boss = await getBoss();
  await boss.work<{ submissionId: string }>(QUEUES.processSubmission, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    if (job) await processSubmission(job.data.submissionId);
  });
  await startProcessingWorkers(boss);
  const reap = async () => {
    for (const id of await findOrphanedSubmissions()) await enqueueProcessSubmission(id);
  };
  setInterval(() => void reap().catch((e: unknown) => console.error("[reaper]", e)), REAP_EVERY_MS).unref();
  await reap();
  setInterval(() => void purgeExpiredRateLimits().catch((e: unknown) => console.error("[rate-limit purge]", e)), PURGE_RATE_LIMITS_EVERY_MS).unref();
}
