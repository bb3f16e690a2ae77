import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types (it runs before any TypeScript loader exists)
import { loadCli } from "../../../bin/load-cli.mjs";

const root = mkdtempSync(path.join(tmpdir(), "load-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cacheDir = path.join(root, "cache");
const load = (): Promise<() => string> => loadCli({ root, entry: "main.ts", cacheDir });

describe("bin/load-cli.mjs", () => {
  it("bundles the TypeScript entry once, and rebuilds when an imported file changes", async () => {
    writeFileSync(path.join(root, "main.ts"), 'import { word } from "./word";\nexport function main(): string { return word; }\n');
    writeFileSync(path.join(root, "word.ts"), 'export const word: string = "first";\n');
    expect((await load())()).toBe("first");
    expect(JSON.parse(readFileSync(path.join(cacheDir, "inputs.json"), "utf8")).sort()).toEqual(["main.ts", "word.ts"]);
    const bundle = path.join(cacheDir, "main.mjs");
    const built = readFileSync(bundle, "utf8");
    expect(built).not.toContain(": string"); // types stripped: plain JavaScript that node runs without a loader

    // Unchanged sources: the bundle is reused, not rewritten.
    const builtAt = statSync(bundle).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect((await load())()).toBe("first");
    expect(statSync(bundle).mtimeMs).toBe(builtAt);

    // A changed import (dated after the bundle) is picked up on the next start.
    writeFileSync(path.join(root, "word.ts"), 'export const word: string = "second";\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(root, "word.ts"), later, later);
    expect((await load())()).toBe("second");
  });
});
