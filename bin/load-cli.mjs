// Loads the TypeScript CLI (lib/cli/main.ts) for bin/aam-inbound.mjs without a build step. It is bundled
// once with esbuild into node_modules/.cache and rebuilt when a source file is newer than the bundle.
// Why not tsx's loader, as before: its hooks run on a second thread with its own V8 heap, about 32 MB of
// the 200 MB the CLI may use on a 1 GB file (measured: `help` peaks at 44 MB bundled, 76 MB under tsx).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** True when the bundle exists and no input it was built from changed since. */
function isFresh(bundle, manifest, root) {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(manifest, "utf8"));
    return Array.isArray(inputs) && inputs.every((f) => statSync(path.resolve(root, f)).mtimeMs < built);
  } catch {
    return false;
  }
}

/** Writes through a temporary name, so a second CLI starting at the same moment never reads half a file. */
function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/**
 * Returns the CLI's main(). `root`, `entry` and `cacheDir` exist for tests; a failed bundle (say a read-only
 * install) falls back to tsx, which costs memory but still runs.
 */
export async function loadCli({ root = ROOT, entry = "lib/cli/main.ts", cacheDir = path.join(root, "node_modules/.cache/aam-inbound") } = {}) {
  const bundle = path.join(cacheDir, "main.mjs");
  const manifest = path.join(cacheDir, "inputs.json");
  if (!isFresh(bundle, manifest, root)) {
    try {
      const esbuild = await import("esbuild");
      const result = await esbuild.build({
        absWorkingDir: root,
        entryPoints: [path.resolve(root, entry)],
        outfile: bundle,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        // Packages stay imports (resolved from the project's node_modules next to the cache); only our code is inlined.
        packages: "external",
        // Unminified, with a "// lib/..." comment before each file's code, so a raw stack trace is readable;
        // Node's source-map support costs ~9 MB, so it is on only with AAM_INBOUND_DEBUG.
        sourcemap: "linked",
        metafile: true,
        write: false,
        logLevel: "silent",
      });
      mkdirSync(cacheDir, { recursive: true });
      // Inputs first: a reader that sees new inputs with the old bundle rebuilds rather than trusting it.
      writeAtomically(manifest, JSON.stringify(Object.keys(result.metafile.inputs)));
      for (const out of result.outputFiles) if (out.path.endsWith(".map")) writeAtomically(`${bundle}.map`, out.contents);
      writeAtomically(bundle, result.outputFiles.find((o) => !o.path.endsWith(".map")).contents);
      await esbuild.stop?.();
    } catch (e) {
      if (process.env.AAM_INBOUND_DEBUG) process.stderr.write(`aam-inbound: bundling failed, using tsx: ${e?.message ?? e}\n`);
      const { register } = await import("tsx/esm/api");
      register();
      return (await import(pathToFileURL(path.resolve(root, entry)).href)).main;
    }
  }
  if (process.env.AAM_INBOUND_DEBUG) process.setSourceMapsEnabled(true);
  const version = statSync(bundle).mtimeMs;
  return (await import(`${pathToFileURL(bundle).href}?v=${version}`)).main;
}
