// Queues a processing run for an environment ("process now", the daily schedule, a sandbox delivery).
import "server-only";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";

export interface ProcessInboundJob {
  environmentId: string;
  trigger: "delivered" | "manual" | "schedule";
}

export async function enqueueProcessing(environmentId: string, trigger: ProcessInboundJob["trigger"]): Promise<void> {
  const boss = await getBoss();
  // Runs of one environment serialise on an advisory lock, so a duplicate run only finds nothing new.
  await boss.send(QUEUES.processInbound, { environmentId, trigger } satisfies ProcessInboundJob, {
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 4 * 3600,
  });
}

/**
 * Called once a submission is delivered: in the local sandbox the receipt should follow in seconds. Never
 * throws: a delivery stays delivered even if the queue is unavailable (the schedule picks the files up).
 */
export async function enqueueProcessingAfterDelivery(environment: { id: string; kind: string }): Promise<void> {
  if (environment.kind !== "sandbox") return;
  await enqueueProcessing(environment.id, "delivered").catch((e: unknown) => console.error("[processing] could not queue", environment.id, e));
}
