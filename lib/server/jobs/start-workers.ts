// Registers this process as a worker for every queue, runs the reaper that resumes submissions whose
// worker died, and purges expired rate-limit counters. Called once at server start (instrumentation.ts).
import "server-only";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { env } from "@/lib/server/env";
import { findOrphanedSubmissions } from "@/lib/server/submissions/lease";
import { enqueueProcessing } from "@/lib/server/processing/enqueue-processing";
import { findUnprocessedDeliveries } from "@/lib/server/processing/find-unprocessed-deliveries";
import { processSubmission } from "@/lib/server/submissions/process-submission";
import { startProcessingWorkers } from "@/lib/server/processing/start-processing-workers";
import { purgeExpiredRateLimits } from "@/lib/server/rate-limit/fixed-window";
import { guardConnectionLoss } from "./connection-loss-guard";

// Often enough that a dead worker's submission is taken over soon after its lease runs out.
const reapEveryMs = () => Math.min(15_000, env().LEASE_SECONDS * 500);
// Expired counters are harmless (the next hit restarts their window), only dead rows: hourly is plenty.
const PURGE_RATE_LIMITS_EVERY_MS = 3_600_000;

export async function startWorkers(): Promise<void> {
  guardConnectionLoss();
  const boss = await getBoss();
  await boss.work<{ submissionId: string }>(QUEUES.processSubmission, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    if (job) await processSubmission(job.data.submissionId);
  });
  await startProcessingWorkers(boss);
  const reap = async () => {
    for (const id of await findOrphanedSubmissions()) await enqueueProcessSubmission(id);
    for (const environmentId of await findUnprocessedDeliveries(env().LEASE_SECONDS * 1000)) await enqueueProcessing(environmentId, "delivered");
  };
  setInterval(() => void reap().catch((e: unknown) => console.error("[reaper]", e)), reapEveryMs()).unref();
  await reap();
  setInterval(() => void purgeExpiredRateLimits().catch((e: unknown) => console.error("[rate-limit purge]", e)), PURGE_RATE_LIMITS_EVERY_MS).unref();
}
