// `npm run db:migrate` applies prisma/migrations; `npm run db:new-migration -- <name>` writes a new
// migration folder from the difference between schema.prisma and the committed migrations.
// `deploy` uses DATABASE_URL, or the embedded database under .data/ when it is unset; `new` needs no
// database: it diffs schema.prisma against prisma/migrations/schema.snapshot.prisma and updates the snapshot.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, diffSchemaAgainstMigrations, MIGRATIONS_DIR, SNAPSHOT_PATH } from "../lib/server/migrate";
import { startEmbeddedPostgres } from "../lib/server/embedded/postgres";

const [command, name] = process.argv.slice(2);
const embedded = process.env.DATABASE_URL || command !== "deploy" ? null : await startEmbeddedPostgres();
try {
  if (command === "deploy") {
    const url = process.env.DATABASE_URL ?? embedded!.url;
    const applied = await applyMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
    const { sql, schema } = await diffSchemaAgainstMigrations();
    if (!sql) {
      console.log("schema.prisma matches the migrations; nothing to write.");
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "migration.sql"), sql);
      await writeFile(SNAPSHOT_PATH, schema);
      console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } else {
    console.error("usage: db-migrate deploy | db-migrate new <snake_case_name>");
    process.exitCode = 2;
  }
} finally {
  await embedded?.stop();
}
