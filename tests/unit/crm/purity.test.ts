// lib/crm must run unchanged in a browser worker, on the server and in the CLI: no Node built-ins, no
// DOM, no packages. tsc (lib/tsconfig.pure.json) catches most of this; this test catches the rest
// (e.g. a global reached through globalThis) and keeps the rule visible next to the other tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(import.meta.dirname, "../../../lib/crm");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
const FORBIDDEN = [/from\s+["']node:/, /from\s+["'](?!\.)/, /\brequire\(/, /\bBuffer\b/, /\bprocess\./, /\bTextDecoder\b/, /\bTextEncoder\b/, /\bdocument\./, /\bwindow\./, /\bany\b(?=[;,)>\]| ])/];

describe("lib/crm purity", () => {
  it("has source files", () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(f, () => {
      const code = readFileSync(path.join(dir, f), "utf8")
        .replace(/\/\/.*$/gm, "")
        .replace(/\/\*[\s\S]*?\*\//g, "");
      for (const re of FORBIDDEN) expect(code, `${f} matches ${re}`).not.toMatch(re);
      expect(code.split("\n").length, `${f} stays small`).toBeLessThanOrEqual(300);
    });
  }
});
