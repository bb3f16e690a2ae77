// `npm run dev` / `npm start`: runs the app on its embedded defaults. With no DATABASE_URL it starts the
// embedded PostgreSQL (PGlite, data in .data/pg); with no S3_ENDPOINT and no S3 credentials it starts the
// embedded S3 server (data in .data/s3) and creates the buckets. Then it applies migrations and runs Next.
import { spawn } from "node:child_process";
import path from "node:path";
import { envSchema } from "../lib/server/env-schema";
import { applyMigrations } from "../lib/server/migrate";
import { startEmbeddedPostgres } from "../lib/server/embedded/postgres";
import { startEmbeddedS3 } from "../lib/server/embedded/s3";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = process.env.PORT ?? "3000";
const childEnv: NodeJS.ProcessEnv = { ...process.env };
const stops: (() => Promise<void>)[] = [];

if (!process.env.DATABASE_URL) {
  const pg = await startEmbeddedPostgres({ port: Number(process.env.EMBEDDED_PG_PORT ?? 0) });
  stops.push(pg.stop);
  childEnv.DATABASE_URL = pg.url;
  console.log(`Embedded PostgreSQL (PGlite) on ${pg.url.replace(/:[^:@/]+@/, ":***@")}, data in .data/pg`);
}
if (!process.env.S3_ENDPOINT && !process.env.S3_ACCESS_KEY_ID) {
  const defaults = envSchema.partial({ DATABASE_URL: true }).parse(process.env);
  const s3 = await startEmbeddedS3({ buckets: [defaults.STORAGE_BUCKET, defaults.SANDBOX_BUCKET] });
  stops.push(s3.stop);
  Object.assign(childEnv, {
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  });
  console.log(`Embedded S3 server on ${s3.endpoint}, data in .data/s3`);
}

const applied = await applyMigrations(childEnv.DATABASE_URL!);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, mode, "--port", port, "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: childEnv,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));
