// The daily run (AAM processes inbound files on a schedule): queues one processing job per environment
// the local processor serves.
import "server-only";
import { db } from "@/lib/server/db";
import { enqueueProcessing } from "./enqueue-processing";
import { isLocallyProcessed } from "./run-processing";

export async function processScheduled(): Promise<number> {
  const environments = await db.environment.findMany({ select: { id: true, kind: true, transport: true } });
  const targets = environments.filter(isLocallyProcessed);
  for (const e of targets) await enqueueProcessing(e.id, "schedule");
  return targets.length;
}
