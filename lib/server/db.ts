// The one Prisma client. Prisma 7 talks to PostgreSQL through the pg driver adapter (no native engine),
// which works the same against the machine's PostgreSQL and the embedded PGlite socket server.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/server/env";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  // Cached on globalThis so Next's dev reloads do not open a new pool on every edit.
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }) });
  return globalForDb.prisma;
}

// Created on first use, not at import: `next build` imports server modules without any database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
