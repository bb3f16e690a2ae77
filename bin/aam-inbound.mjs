#!/usr/bin/env node
// Runs the TypeScript CLI (lib/cli/main.ts) through tsx's ESM loader, so no build step is needed.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../lib/cli/main.ts", import.meta.url).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`aam-inbound: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
}
