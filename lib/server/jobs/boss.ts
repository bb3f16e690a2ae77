// pg-boss on the app's own PostgreSQL (the embedded one too): durable jobs with retries that survive a
// restart, and that scale out to more worker processes by starting more servers. pg-boss 10 is the
// last major that runs on Node 20.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/server/env";

export const QUEUES = {
  processSubmission: "submission-process",
  // Issue 8: the local processor (one run per environment) and its daily fan-out.
  processInbound: "inbound-process",
  processInboundDaily: "inbound-process-daily",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

/** The started pg-boss instance of this process, with every queue created. */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.boss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, max: 4, schema: "pgboss" });
    boss.on("error", (error) => console.error("[jobs]", error));
    await boss.start();
    for (const name of Object.values(QUEUES)) await boss.createQueue(name);
    return boss;
  })();
  return globalForBoss.boss;
}
