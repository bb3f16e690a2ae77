// lib/aam throughput and the CLI's memory, printed as JSON lines ({"bench":"aam","metric":...}).
// Targets: validation >= 1,000,000 records/s; writer (encode + gzip + split) >= 80% of bare node:zlib gzip on
// the same bytes; CLI peak RSS flat across input sizes (< 200 MB for 1 GB). Each figure is the best of a few
// runs in this one process, so the ratios compare like with like. Memory is measured twice per size, in a
// process started as the bin starts it: with 100,000 users repeated, and with every row a new user, where the
// per-user table stops at CLI_USER_TABLE_BYTES and the rest of the users spill to temporary files.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createByteLineSplitter } from "../../lib/aam/line-splitter";
import { createFileValidator } from "../../lib/aam/validate";
import { createInboundWriter } from "../../lib/aam/writer";
import { createNodeGzipFactory } from "../../lib/cli/node-gzip";
import { CLI_USER_TABLE_BYTES } from "../../lib/cli/user-spill";
import { nodeUtf8Decoder } from "../../lib/cli/validate-command";

const emit = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: "aam", metric, value: Number(value.toPrecision(4)), unit, ...extra }));

const N = 1_000_000;
let seed = 42;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

/** One realistic record line: a customer ID and 1-4 signals of one style (60% trait IDs, 40% key-values). */
function recordLine(i: number): string {
  const id = `crm-${(i * 2654435761) % 4294967296}-${Math.floor(rnd() * 1e6).toString(36)}`;
  const n = 1 + Math.floor(rnd() * 4);
  const traits = rnd() < 0.6;
  const signals: string[] = [];
  for (let k = 0; k < n; k++) {
    signals.push(traits ? `d_sid=${10_000 + Math.floor(rnd() * 90_000)}` : `"${["tier", "region", "product", "plan"][k]}"="${Math.floor(rnd() * 500).toString(36)}"`);
  }
  return id + "\t" + signals.join(",");
}

// Build the input as bytes without keeping a million strings alive: the validator benchmarks should run
// with a heap like the CLI's, not one holding the test data (the writer benchmark splits it again later).
const bytes = (() => {
  const parts: Buffer[] = [];
  for (let i = 0; i < N; i += 50_000) {
    let text = "";
    for (let k = i; k < Math.min(N, i + 50_000); k++) text += recordLine(k) + "\n";
    parts.push(Buffer.from(text));
  }
  return Buffer.concat(parts);
})();
const MB = bytes.length / 1e6;
const CHUNK = 1 << 20;
const chunks: Uint8Array[] = [];
for (let o = 0; o < bytes.length; o += CHUNK) chunks.push(bytes.subarray(o, Math.min(bytes.length, o + CHUNK)));
emit("input_records", N, "records", { mb: Number(MB.toFixed(1)) });

async function best(runs: number, fn: () => unknown): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t = performance.now();
    await fn();
    min = Math.min(min, (performance.now() - t) / 1000);
  }
  return min;
}

// --- line splitting -------------------------------------------------------------------------------------
for (const [metric, decoder] of [
  ["line_split_rate", nodeUtf8Decoder],
  ["line_split_rate_pure_decoder", undefined],
] as const) {
  let count = 0;
  const s = await best(3, () => {
    count = 0;
    const splitter = createByteLineSplitter(() => void count++, () => {}, decoder);
    for (const c of chunks) splitter.push(c);
    splitter.end();
  });
  if (count !== N) throw new Error(`split ${count} lines, expected ${N}`);
  emit(metric, N / s, "lines/s");
}
{
  const text = bytes.toString("utf8");
  const s = await best(3, () => text.split("\n").length);
  emit("line_split_rate_string_split_baseline", N / s, "lines/s");
}

// --- validation -----------------------------------------------------------------------------------------
for (const [metric, decoder] of [
  ["validate_rate", nodeUtf8Decoder],
  ["validate_rate_pure_decoder", undefined],
] as const) {
  let records = 0;
  const s = await best(5, () => {
    const v = createFileValidator({ idType: "dpuuid", mode: "sync", decoder });
    for (const c of chunks) v.pushBytes(c);
    const r = v.finish();
    records = r.stats.records;
    if (r.stats.errors !== 0) throw new Error(`unexpected errors: ${JSON.stringify(r.countsByCode)}`);
  });
  if (records !== N) throw new Error(`validated ${records} records`);
  emit(metric, N / s, "records/s", { mbps: Number((MB / s).toFixed(1)) });
}

// --- gzip: bare zlib vs the writer ------------------------------------------------------------------
const bareSync = await best(5, () => zlib.gzipSync(bytes));
emit("bare_gzip_sync_mbps", MB / bareSync, "MB/s");
const bareStream = await best(5, async () => {
  const gz = zlib.createGzip({ chunkSize: (1 << 20) + (64 << 10) });
  gz.on("data", () => {});
  const done = new Promise((r) => gz.on("end", r));
  for (const c of chunks) if (!gz.write(c)) await new Promise<void>((r) => gz.once("drain", () => r()));
  gz.end();
  await done;
});
emit("bare_gzip_stream_mbps", MB / bareStream, "MB/s");

const lines = bytes.toString("utf8").split("\n");
lines.pop(); // after the final LF
if (lines.length !== N) throw new Error(`expected ${N} lines`);

async function runWriter(maxPartBytes: number): Promise<number> {
  let parts = 0;
  const w = createInboundWriter({
    dpid: 478,
    mode: "sync",
    timestamp: 1_700_000_000,
    maxPartBytes,
    gzip: true,
    createCompressor: createNodeGzipFactory(),
    openPart: () => ({ write: () => {}, close: () => void parts++ }),
  });
  for (let i = 0; i < lines.length; i++) {
    const p = w.write(lines[i]!);
    if (p) await p;
  }
  await w.finish();
  return parts;
}
const writerOne = await best(5, () => runWriter(250_000_000));
emit("writer_gzip_mbps", MB / writerOne, "MB/s", { parts: 1 });
let splitParts = 0;
const writerSplit = await best(5, async () => {
  splitParts = await runWriter(5_000_000);
});
emit("writer_gzip_split_mbps", MB / writerSplit, "MB/s", { parts: splitParts, maxPartBytes: 5_000_000 });
const bare = Math.min(bareSync, bareStream);
emit("writer_vs_bare_gzip", bare / writerOne, "ratio", { target: 0.8, baseline: bareSync <= bareStream ? "gzipSync" : "createGzip stream" });
emit("writer_split_vs_bare_gzip", bare / writerSplit, "ratio", { target: 0.8 });

// --- CLI memory: convert then validate generated CRM files of two sizes ---------------------------------
const dir = mkdtempSync(path.join(tmpdir(), "aam-bench-"));
const rssChild = new URL("./aam-rss-child.mjs", import.meta.url).pathname;
const REPEATED_USERS = 200_000;

async function writeCsv(file: string, targetBytes: number, distinctUsers: number | null): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let row = 0;
  out.write("customer_id,segments,tier\n");
  while (written < targetBytes) {
    let buf = "";
    for (let k = 0; k < 20_000; k++, row++) {
      const user = distinctUsers === null ? row : row % distinctUsers;
      buf += `cust-${user}-${(user * 2654435761) % 1e9},"${10_000 + (row % 9973)};${20_000 + (row % 877)}",${["gold", "silver", "bronze"][row % 3]}\n`;
    }
    written += Buffer.byteLength(buf);
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve) => {
    out.end(() => resolve());
  });
  return row;
}

/** One CLI command in a fresh process, started as the bin starts it (bundled, no tsx). */
function child(args: string[]): { code: number; maxRssBytes: number; seconds: number } {
  const r = spawnSync(process.execPath, [rssChild, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(last) as { code: number; maxRssBytes: number; seconds: number };
}

try {
  const baseline = child(["help"]);
  emit("cli_rss_baseline_mb", baseline.maxRssBytes / 1e6, "MB", { note: "node + the bundled CLI, no input" });
  // 1 GB is the size the target names; 100 MB shows that memory stays flat as the input grows.
  const sizes = (process.env.AAM_BENCH_RSS_MB ?? "100,1000").split(",").map(Number);
  for (const users of ["distinct", "repeated"] as const) {
    for (const sizeMb of sizes) {
      const csv = path.join(dir, `crm-${users}-${sizeMb}.csv`);
      // 200,000 users repeated: ~120 lines each at 1 GB, under the 200-line rule, so every line is written.
      const rows = await writeCsv(csv, sizeMb * 1e6, users === "distinct" ? null : REPEATED_USERS);
      const out = mkdtempSync(path.join(dir, "out-"));
      // One part, so that validate below reads every line convert wrote (the size band warning is expected).
      const conv = child(["convert", csv, "--dpid", "478", "--id-column", "customer_id", "--trait-id-column", "segments", "--timestamp", "1700000000", "--max-part-bytes", "2000000000", "--out", out]);
      const inputMb = statSync(csv).size / 1e6;
      const distinct = users === "distinct" ? rows : REPEATED_USERS;
      const userTableMb = Math.min(CLI_USER_TABLE_BYTES / 1.5, 8 * 2 ** Math.max(16, Math.ceil(Math.log2(distinct / 0.75)))) / 1e6;
      rmSync(csv);
      emit("cli_convert_peak_rss_mb", conv.maxRssBytes / 1e6, "MB", { target: 200, inputMb: Math.round(inputMb), rows, users, userTableMb, exit: conv.code, seconds: Number(conv.seconds.toFixed(1)), mbps: Number((inputMb / conv.seconds).toFixed(1)) });
      const parts = readdirSync(out);
      if (parts.length !== 1) throw new Error(`convert wrote ${parts.length} parts, expected 1`);
      const part = path.join(out, parts[0]!);
      const val = child(["validate", part]);
      emit("cli_validate_peak_rss_mb", val.maxRssBytes / 1e6, "MB", { target: 200, gzMb: Math.round(statSync(part).size / 1e6), rows, users, userTableMb, exit: val.code, seconds: Number(val.seconds.toFixed(1)), recordsPerSecond: Math.round(rows / val.seconds) });
      rmSync(out, { recursive: true });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
