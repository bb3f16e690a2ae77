// PostgreSQL ending a connection (restart, failover, pg_terminate_backend) rejects every promise waiting on
// it, including ones a library created and never awaited (seen: pg-pool's checkout promise when its client
// is terminated while connecting). Node ends the process on such an unhandled rejection, and the worker
// shares its process with the web server. Nobody waits on those promises, so nothing is lost by logging
// them: the work they belonged to fails on its own awaited query and is retried by its job. Any other
// unhandled rejection still ends the process, as Node's default does.
import "server-only";

// 57P01 admin shutdown/terminate, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions.
const LOST_CODES = new Set(["57P01", "57P02", "57P03", "08000", "08003", "08006"]);

export function isConnectionLoss(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const code = (reason as { code?: unknown }).code;
  if (typeof code === "string" && LOST_CODES.has(code)) return true;
  return /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(reason.message) || reason.message === "Client was closed and is not queryable";
}

let installed = false;

export function guardConnectionLoss(): void {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason) => {
    if (isConnectionLoss(reason)) {
      console.error("[db] a connection was lost under a query nobody awaited:", (reason as Error).message);
      return;
    }
    // Another listener (Next's) decides for itself; alone, we keep Node's default: end the process.
    if (process.listenerCount("unhandledRejection") > 1) return;
    throw reason;
  });
}
