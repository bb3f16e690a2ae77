// Applies prisma/migrations offline through Prisma's WASM schema engine: the native engine that
// `prisma migrate deploy` downloads cannot be fetched here (../shared/design.md). The engine records each
// migration in _prisma_migrations exactly as `prisma migrate deploy` would, so both stay interchangeable.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { SchemaEngine, MigrationList } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  entries.sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  const lock = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lock },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      entries.map(async (name) => {
        const file = path.join(dir, name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (ok) => ({ tag: "ok" as const, value: ok }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

// The package is built for bundlers (it imports the .wasm file as a module), which Node cannot load;
// instantiating the module by hand is what its generated entry file does.
let engineModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;
function loadEngineModule() {
  engineModule ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const wasmPath = path.join(path.dirname(entry), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return engineModule;
}

async function openEngine(databaseUrl: string): Promise<{ engine: SchemaEngine; log: string[] }> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const log: string[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const { SchemaEngine } = await loadEngineModule();
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => log.push(line),
    adapter,
  );
  return { engine, log };
}

/** Applies every migration not yet recorded; returns the names it applied (empty when up to date). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine } = await openEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The schema that the committed migrations produce. The WASM engine cannot introspect a live database
 * through the driver adapter (it fails on PostgreSQL's "char" type), so new migrations are diffed
 * between two datamodels: this snapshot and schema.prisma. `db:new-migration` updates it; the db test
 * tier checks that migrations and schema.prisma produce the same database.
 */
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

/** SQL from the committed migrations' schema to the current schema.prisma ("" when they match). */
export async function diffSchemaAgainstMigrations(): Promise<{ sql: string; schema: string }> {
  const [snapshot, schema] = await Promise.all([readFile(SNAPSHOT_PATH, "utf8"), readFile(SCHEMA_PATH, "utf8")]);
  return withScratchEngine(async (engine) => {
    const out = await engine.diff({
      from: { tag: "schemaDatamodel", files: [{ path: SNAPSHOT_PATH, content: snapshot }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = out.stdout ?? "";
    return { sql: /^\s*(--[^\n]*\n\s*)*$/.test(sql) || sql.includes("This is an empty migration") ? "" : sql, schema };
  });
}

/** The engine insists on a connection even for datamodel-to-datamodel diffs; a throwaway PGlite serves. */
async function withScratchEngine<T>(fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { startEmbeddedPostgres } = await import("./embedded/postgres");
  const scratch = await startEmbeddedPostgres({ inMemory: true });
  try {
    const { engine } = await openEngine(scratch.url);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    await scratch.stop();
  }
}

/** SQL that creates the whole current schema on an empty database (for the drift check). */
export async function createSchemaSql(): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return withScratchEngine(async (engine) => {
    const out = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return out.stdout ?? "";
  });
}
