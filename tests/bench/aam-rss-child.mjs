// Runs one aam-inbound command exactly as bin/aam-inbound.mjs does (the bundled CLI, no tsx) and prints
// {code, maxRssBytes, seconds} as JSON, for aam.bench.ts's memory figures.
import { readFileSync } from "node:fs";
import { loadCli } from "../../bin/load-cli.mjs";

/** Linux's VmHWM is this process's own peak; getrusage's maxRSS would also count the parent's pages at fork. */
function peakRssBytes() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

const started = performance.now();
const main = await loadCli();
const code = await main(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stderr.write(t), nowSeconds: () => 1_700_000_000 });
console.log(JSON.stringify({ code, maxRssBytes: peakRssBytes(), seconds: (performance.now() - started) / 1000 }));
