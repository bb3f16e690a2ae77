// A fresh, empty, migrated database for one test run: a new database on the server named by
// DATABASE_URL (CI: the machine's PostgreSQL), or an in-memory embedded PGlite when there is none.
// Starting from empty every run is what proves the committed migrations apply offline.
import pg from "pg";
import { applyMigrations } from "../../lib/server/migrate";
import { startEmbeddedPostgres } from "../../lib/server/embedded/postgres";

export interface TestDatabase {
  url: string;
  kind: "postgresql" | "embedded";
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const embedded = await startEmbeddedPostgres({ inMemory: true });
    await applyMigrations(embedded.url);
    return { url: embedded.url, kind: "embedded", drop: embedded.stop };
  }
  const name = `aam_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    kind: "postgresql",
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
