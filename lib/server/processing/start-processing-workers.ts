// Workers for the local processor's queues, and the daily schedule (AAM processes inbound files daily).
import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/server/env";
import { QUEUES } from "@/lib/server/jobs/boss";
import type { ProcessInboundJob } from "./enqueue-processing";
import { processScheduled } from "./process-scheduled";
import { runProcessing } from "./run-processing";

export async function startProcessingWorkers(boss: PgBoss): Promise<void> {
  await boss.work<ProcessInboundJob>(QUEUES.processInbound, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    if (job) await runProcessing(job.data.environmentId, { actor: `processor:${job.data.trigger}` });
  });
  await boss.work(QUEUES.processInboundDaily, { pollingIntervalSeconds: 30, batchSize: 1 }, async () => {
    await processScheduled();
  });
  // One schedule per queue name: re-scheduling on every start just updates the cron.
  await boss.schedule(QUEUES.processInboundDaily, env().PROCESSING_CRON, {}, { tz: "UTC" });
}
