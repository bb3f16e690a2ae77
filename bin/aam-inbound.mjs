#!/usr/bin/env node
// The `aam-inbound` command: runs lib/cli/main.ts, bundled on first use (see load-cli.mjs).
import { loadCli } from "./load-cli.mjs";

try {
  const main = await loadCli();
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`aam-inbound: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
}
