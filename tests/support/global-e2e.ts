// Global setup for browser journeys: a fresh database, a real S3-compatible server on loopback, a
// production build of the app started with `next start`, and Debian's Chromium. Everything stops after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedS3 } from "../../lib/server/embedded/s3";
import { createTestDatabase } from "./database";
import { findChromium } from "./chromium";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");

export const E2E_BUCKETS = { storage: "e2e-uploads", sandbox: "e2e-sandbox", prefix: "inbound" };
// AAM's production and beta bucket names, served by the local S3 server: journeys point those
// environments at it, so nothing ever leaves 127.0.0.1.
export const AAM_BUCKETS = ["demdex-s2s-clients", "demdex-s2s-clients-sandbox-us-east-1"];
// A partner key pair the local S3 server accepts (it knows only its own key unless told otherwise).
// The admin that the server creates on start (ADMIN_PASSWORD set), whom the journeys act as.
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };
export const PARTNER_KEYS = { accessKeyId: "AKIAE2EPARTNERKEY001", secretAccessKey: "e2e-partner-secret-Zq8v1Lx9Pw" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy at ${url} within ${ms} ms`);
}

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  project.provide("chromiumPath", chromium ?? "");
  if (!chromium) {
    console.warn("\n[e2e] Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH): browser journeys are skipped.\n");
    return;
  }
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, [NEXT, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const db = await createTestDatabase("e2e");
  const s3Dir = await mkdtemp(path.join(tmpdir(), "aam-e2e-s3-"));
  const s3 = await startEmbeddedS3({ dataDir: s3Dir, buckets: [E2E_BUCKETS.storage, E2E_BUCKETS.sandbox, ...AAM_BUCKETS] });
  const { default: account } = await import("s3rver/lib/models/account.js");
  account.DUMMY_ACCOUNT.createKeyPair(PARTNER_KEYS.accessKeyId, PARTNER_KEYS.secretAccessKey);
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, [NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: db.url,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
      STORAGE_BUCKET: E2E_BUCKETS.storage,
      SANDBOX_BUCKET: E2E_BUCKETS.sandbox,
      SANDBOX_PREFIX: E2E_BUCKETS.prefix,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
    },
  });
  await waitForHealth(appUrl, app, 60_000);
  project.provide("appUrl", appUrl);
  project.provide("s3Endpoint", s3.endpoint);
  project.provide("databaseUrl", db.url);
  return async () => {
    app.kill("SIGTERM");
    await new Promise((r) => (app.exitCode !== null ? r(null) : app.once("exit", r)));
    await s3.stop();
    await rm(s3Dir, { recursive: true, force: true });
    await db.drop();
  };
}
