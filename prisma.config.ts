// Prisma 7 reads the datasource URL from here, not from schema.prisma. Only Prisma's own CLI uses this
// file; the app connects through lib/server/db.ts and migrations run through scripts/db-migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/postgres" },
});
