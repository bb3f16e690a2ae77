// Builds the benchmark page (the real lib/worker/crm.worker.ts bundled with esbuild, plus a bare Papa
// Parse worker) and serves it on 127.0.0.1 with cross-origin isolation, which Chromium requires for
// performance.measureUserAgentSpecificMemory (memory of the page and its workers together).
import { createReadStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export async function buildHarness(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "aam-import-bench-"));
  await build({
    entryPoints: {
      "crm.worker": path.join(ROOT, "lib/worker/crm.worker.ts"),
      "papa.worker": path.join(import.meta.dirname, "papa.worker.ts"),
      "parse.worker": path.join(import.meta.dirname, "parse.worker.ts"),
      page: path.join(import.meta.dirname, "page.ts"),
    },
    outdir: dir,
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    tsconfig: path.join(ROOT, "tsconfig.json"),
    logLevel: "warning",
  });
  await writeFile(
    path.join(dir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>import bench</title><input id="file" type="file"><p id="status"></p><table id="rows"></table><script type="module" src="/page.js"></script>`,
  );
  return dir;
}

export function serve(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/$/, "/index.html");
    const file = path.join(dir, path.normalize(name).replace(/^(\.\.[/\\])+/, ""));
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    res.setHeader("Content-Type", types[path.extname(file)] ?? "application/octet-stream");
    createReadStream(file)
      .on("error", () => {
        res.statusCode = 404;
        res.end();
      })
      .pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    resolve({ url: `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`, server });
  }));
}
