// `npm test`: type checks, unit tests, then database and integration tests, then browser journeys, one tier after the
// other (the machine has 2 cores, and the journeys build the app). Ends with one plain summary line.
// With no DATABASE_URL the db tier uses an embedded PGlite; without Chromium the journeys are skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const tiers = process.argv.slice(2).length ? process.argv.slice(2) : ["unit", "db", "e2e"];
const out = mkdtempSync(path.join(tmpdir(), "aam-test-"));
let passed = 0;
let failed = 0;
let skipped = 0;
let exit = 0;
// Types first: the whole tree (tests included), then the pure core alone with no DOM or Node types, so
// an import of either in lib/aam or lib/crm fails here.
for (const project of ["tsconfig.json", "lib/tsconfig.pure.json"]) {
  console.log(`\n=== typecheck ${project} ===`);
  const r = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", project], { stdio: "inherit" });
  if (r.status === 0) passed++;
  else {
    failed++;
    exit = 1;
  }
}
for (const tier of tiers) {
  const report = path.join(out, `${tier}.json`);
  console.log(`\n=== ${tier} tests ===`);
  const r = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--project", tier, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { stdio: "inherit", env: process.env },
  );
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) failed += json.numFailedTestSuites;
  } catch {
    failed += 1;
    console.error(`[${tier}] no test report was written: the run failed before any test finished.`);
  }
  if (r.status !== 0) exit = 1;
}
rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exit || (failed ? 1 : 0));
