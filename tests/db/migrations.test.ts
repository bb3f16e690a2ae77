// The committed migrations (applied by the global setup to an empty database, offline, through the WASM
// engine) must produce exactly the database schema.prisma describes, and record themselves like Prisma.
import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSchemaSql, MIGRATIONS_DIR } from "@/lib/server/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/server/embedded/postgres";

const SHAPE_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
                ORDER BY 1, 2`,
  // Only the app's schema: pg-boss keeps its own enum (job_state) in its "pgboss" schema of the same database.
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1, 3`,
};

async function shape(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [k, q] of Object.entries(SHAPE_QUERIES)) out[k] = (await c.query(q)).rows;
    return out;
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  let fresh: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    // A second empty database built straight from schema.prisma, to compare against.
    if (inject("databaseKind") === "embedded") {
      const e: EmbeddedPostgres = await startEmbeddedPostgres({ inMemory: true });
      fresh = e;
    } else {
      const base = new URL(inject("databaseUrl"));
      const name = `${base.pathname.slice(1)}_fromschema`;
      const admin = new pg.Client({ connectionString: base.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      fresh = {
        url: url.toString(),
        stop: async () => {
          const c = new pg.Client({ connectionString: base.toString() });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await c.end();
        },
      };
    }
    const c = new pg.Client({ connectionString: fresh.url });
    await c.connect();
    await c.query(await createSchemaSql());
    await c.end();
  }, 120_000);

  afterAll(async () => fresh?.stop());

  it("record every committed migration in _prisma_migrations, finished and not rolled back", async () => {
    const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const c = new pg.Client({ connectionString: inject("databaseUrl") });
    await c.connect();
    const rows = (await c.query(`SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count, length(checksum) AS checksum_len FROM _prisma_migrations ORDER BY migration_name`)).rows;
    await c.end();
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const r of rows) expect(r).toMatchObject({ finished: true, rolled_back_at: null, applied_steps_count: 1, checksum_len: 64 });
  });

  it("produce the same tables, columns, indexes, constraints and enums as schema.prisma", async () => {
    const [migrated, fromSchema] = await Promise.all([shape(inject("databaseUrl")), shape(fresh.url)]);
    expect(migrated.columns!.length).toBeGreaterThan(50);
    expect(migrated).toEqual(fromSchema);
  });
});
