// A plain pg pool for the processor's bulk work (COPY, set-based SQL in one transaction), which Prisma's
// query API cannot express. Same database as lib/server/db.ts; Prisma stays the app's one ORM client.
import "server-only";
import pg from "pg";
import { env } from "@/lib/server/env";

const globalForPool = globalThis as unknown as { processingPool?: pg.Pool };

export function processingPool(): pg.Pool {
  if (!globalForPool.processingPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 3 });
    // An idle connection the server ends (restart, pg_terminate_backend) must not take the process
    // down with an unhandled 'error'; the pool drops it and opens a new one on the next checkout.
    pool.on("error", (e) => console.error("[processing pool] idle connection lost:", e.message));
    globalForPool.processingPool = pool;
  }
  return globalForPool.processingPool;
}
