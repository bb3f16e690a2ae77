// A plain pg pool for the processor's bulk work (COPY, set-based SQL in one transaction), which Prisma's
// query API cannot express. Same database as lib/server/db.ts; Prisma stays the app's one ORM client.
import "server-only";
import pg from "pg";
import { env } from "@/lib/server/env";

const globalForPool = globalThis as unknown as { processingPool?: pg.Pool };

export function processingPool(): pg.Pool {
  globalForPool.processingPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 3 });
  return globalForPool.processingPool;
}
