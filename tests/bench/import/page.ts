// The benchmark page's main thread: it does what the import page does with the worker's messages (asks
// for the first grid rows and renders them, shows progress and live counts) while long tasks and memory
// are recorded. Results are left on window.__bench for the Node side to read.
import type { FromWorker } from "@/lib/worker/protocol";

interface BenchResult {
  run: string;
  firstPreviewMs?: number;
  openedMs?: number;
  doneMs?: number;
  rows?: number;
  records?: number;
  errors?: number;
  warnings?: number;
  longTasks: number[];
  /** When each long task started, in ms after the file was chosen. */
  longTaskAt: number[];
  peakMeasuredBytes: number;
  memorySamples: number;
  papaRows?: number;
  papaMs?: number;
  error?: string;
}

const result: BenchResult = { run: new URL(location.href).searchParams.get("run") ?? "ours", longTasks: [], longTaskAt: [], peakMeasuredBytes: 0, memorySamples: 0 };
(window as unknown as { __bench: BenchResult & { finished: boolean } }).__bench = Object.assign(result, { finished: false });
// Long tasks from the moment a file is chosen (page load and harness start-up are not the import).
let startedAt = Infinity;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.startTime + e.duration < startedAt) continue;
    result.longTasks.push(Math.round(e.duration));
    result.longTaskAt.push(Math.round(e.startTime - startedAt));
  }
}).observe({ type: "longtask", buffered: true });

const status = document.getElementById("status")!;
const table = document.getElementById("rows")!;
let running = false;

// Eager measurement forces a garbage collection on the main thread (a long task of its own), so memory is
// sampled only in a separate run (?memory=1), never in the run whose long tasks are reported.
const sampling = new URL(location.href).searchParams.get("memory") === "1";

async function sampleMemory(): Promise<void> {
  if (!sampling) return;
  const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
  if (!measure || !crossOriginIsolated) return;
  while (running) {
    const m = await measure.call(performance);
    result.memorySamples++;
    result.peakMeasuredBytes = Math.max(result.peakMeasuredBytes, m.bytes);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function finish() {
  running = false;
  (window as unknown as { __bench: { finished: boolean } }).__bench.finished = true;
}

function runOurs(file: File) {
  const worker = new Worker("/crm.worker.js", { type: "module" });
  const t0 = performance.now();
  worker.onerror = (e) => ((result.error = e.message), finish());
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data;
    if (m.type === "opened") {
      result.openedMs = performance.now() - t0;
      worker.postMessage({ type: "rows", rid: 2, doc: "bench", view: { kind: "all" }, start: 0, count: 50 });
    } else if (m.type === "rows" && result.firstPreviewMs === undefined) {
      // Like the import page's virtualised grid: 50 rows fetched, the ~14 that fit on screen rendered.
      table.innerHTML = m.rows.slice(0, 14).map((r) => `<tr><td>${r.line}</td>${r.original.map((f) => `<td>${f}</td>`).join("")}<td>${r.text ?? r.issues[0]?.code ?? ""}</td></tr>`).join("");
      requestAnimationFrame(() => (result.firstPreviewMs = performance.now() - t0));
    } else if (m.type === "counts") {
      const c = m.counts;
      status.textContent = `${c.rows} rows · ${c.errors} errors · ${c.warnings} warnings · ${c.tallies.map((t) => `${t.code}: ${t.count}`).join(", ")}`;
      if (c.done) {
        Object.assign(result, { doneMs: performance.now() - t0, rows: c.rows, records: c.records, errors: c.errors, warnings: c.warnings });
        worker.terminate();
        finish();
      }
    } else if (m.type === "error") {
      result.error = m.message;
      finish();
    }
  };
  worker.postMessage({ type: "open", rid: 1, doc: "bench", file, read: {}, settings: { mapping: null, idType: "dpuuid", mode: "sync", patches: [] }, templates: [] });
}

function runBaseline(file: File, script: string) {
  const worker = new Worker(script, { type: "module" });
  worker.onmessage = (event: MessageEvent<{ rows: number; ms: number }>) => {
    result.papaRows = event.data.rows;
    result.papaMs = event.data.ms;
    worker.terminate();
    finish();
  };
  worker.postMessage({ file });
}

document.getElementById("file")!.addEventListener("change", (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  startedAt = performance.now();
  running = true;
  void sampleMemory();
  if (result.run === "papa") runBaseline(file, "/papa.worker.js");
  else if (result.run === "parse") runBaseline(file, "/parse.worker.js");
  else runOurs(file);
});
