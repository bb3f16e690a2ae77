// Runs every tests/bench/*.bench.ts in its own process (so one benchmark's heap never skews another's
// memory figures). Each prints JSON lines; this runner only forwards them and fails if one fails.
// `--conditions=react-server` lets benchmarks import lib/server modules (guarded by `server-only`).
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ["--expose-gc", "--conditions=react-server", "--import", "tsx", path.join(dir, file)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(JSON.stringify({ bench: file, error: `exited with ${r.status}` }));
  }
}
process.exit(failed ? 1 : 0);
