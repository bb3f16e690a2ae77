// The worker's session logic runs in Node too (File, Blob, DecompressionStream and TextDecoder are
// globals there), so the first pass, check passes, row fetches and previews are tested without a browser.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { FromWorker, DocSettings, CountsSnapshot } from "../../../lib/worker/protocol";
import { ImportSession } from "../../../lib/worker/session";
import { previewStep, rowsForView } from "../../../lib/worker/row-access";
import { buildXlsx } from "../../support/xlsx-fixture";

function session(bytes: Uint8Array | string, name: string, settings: Partial<DocSettings> = {}) {
  const messages: FromWorker[] = [];
  const file = new File([bytes as BlobPart], name);
  const s = new ImportSession("d1", file, {}, { mapping: null, idType: "dpuuid", mode: "sync", patches: [], ...settings }, [], (m) => messages.push(m));
  const done = (): CountsSnapshot => {
    const all = messages.filter((m): m is Extract<FromWorker, { type: "counts" }> => m.type === "counts" && m.counts.done);
    return all[all.length - 1]!.counts;
  };
  return { s, messages, done };
}

describe("ImportSession", () => {
  it("opens, suggests a mapping, counts, and re-checks after a mapping change", async () => {
    const { s, messages, done } = session("email,tier\r\n Jane.Doe@Example.com,gold\r\nbob@example.com,silver\r\ncarl@example.com,gold\r\n", "e.csv");
    await s.openPass(1);
    const opened = messages.find((m) => m.type === "opened");
    expect(opened && opened.type === "opened" && opened.mapping.columns.map((c) => c.role)).toEqual(["ignore", "kv"]);
    // No ID column: MAPPING_NO_ID on every row, and nothing to write (FILE_EMPTY).
    expect(done()).toMatchObject({ rows: 3, records: 0, errors: 4 });
    await s.configure({ mapping: { columns: [{ role: "id" }, { role: "kv", key: "tier" }] }, idType: "dpuuid", mode: "sync", patches: [] });
    expect(done()).toMatchObject({ rows: 3, records: 0, errors: 3, warnings: 1 });
    await s.configure({
      mapping: { columns: [{ role: "id" }, { role: "kv", key: "tier" }] },
      idType: "dpuuid",
      mode: "sync",
      patches: [{ op: "recipe", recipe: "normaliseEmail", column: 1 }, { op: "recipe", recipe: "sha256", column: 1 }],
    });
    expect(done()).toMatchObject({ rows: 3, records: 3, errors: 0, warnings: 0 });
    const { rows } = await rowsForView(s, { kind: "all" }, 0, 10);
    const sha = (v: string) => createHash("sha256").update(v).digest("hex");
    expect(rows.map((r) => r.text)).toEqual([`${sha("jane.doe@example.com")}\t"tier"="gold"`, `${sha("bob@example.com")}\t"tier"="silver"`, `${sha("carl@example.com")}\t"tier"="gold"`]);
  });

  it("gzip and XLSX sources can be re-read after the first pass; filtered views and previews work", async () => {
    const csv = "id,tier\n" + Array.from({ length: 3000 }, (_, i) => `U${i},${i % 100 === 0 ? "a,b" : "gold"}`).map((l) => (l.includes("a,b") ? l.replace("a,b", '"a,b"') : l)).join("\n") + "\n";
    const gz = session(gzipSync(csv), "x.csv.gz");
    await gz.s.openPass(1);
    expect(gz.done()).toMatchObject({ rows: 3000, errors: 30 });
    const errors = await rowsForView(gz.s, { kind: "errors" }, 0, 50);
    expect(errors.total).toBe(30);
    expect(errors.rows.map((r) => r.line).slice(0, 3)).toEqual([2, 102, 202]);
    expect(errors.rows[0]!.issues.map((i) => [i.code, i.column])).toEqual([["VALUE_UNREPRESENTABLE", 2]]);
    const tail = await rowsForView(gz.s, { kind: "all" }, 2990, 20);
    expect(tail.rows.map((r) => r.line)).toEqual(Array.from({ length: 10 }, (_, i) => 2992 + i));
    const key = gz.done().tallies.find((t) => t.code === "VALUE_UNREPRESENTABLE")!.key;
    const preview = await previewStep(gz.s, [{ op: "recipe", recipe: "stripUnrepresentable", column: 2 }], key, 2);
    expect(preview.affected).toBe(30);
    expect(preview.items[0]).toMatchObject({ line: 2, before: "a,b", after: "ab", afterCodes: [] });

    const book = buildXlsx([{ name: "S", rows: [["id", "tier"], ...Array.from({ length: 2000 }, (_, i) => [`U${i}`, "gold"])] }]);
    const x = session(book, "b.xlsx");
    await x.s.openPass(1);
    expect(x.done()).toMatchObject({ rows: 2000, records: 2000 });
    const mid = await rowsForView(x.s, { kind: "all" }, 1500, 3);
    expect(mid.rows.map((r) => [r.line, r.original[0], r.text])).toEqual([
      [1502, "U1500", 'U1500\t"tier"="gold"'],
      [1503, "U1501", 'U1501\t"tier"="gold"'],
      [1504, "U1502", 'U1502\t"tier"="gold"'],
    ]);
  });
});

describe("browser/server parity", () => {
  it("the worker's counts after fixes equal the server's runImport over the same bytes and patch list", async () => {
    const { runImport } = await import("../../../lib/crm/run-import");
    const { memoryInput } = await import("../../../lib/crm/byte-input");
    const { countsFromSummary } = await import("../../../lib/crm/count-parity");
    const { nodeInflate } = await import("../../../lib/server/import/node-inputs");
    const lines = ["id;tier;traits"];
    for (let i = 0; i < 5000; i++) {
      const tier = i % 97 === 0 ? '"a,b"x' : i % 89 === 0 ? "x,y" : "gold";
      lines.push(i % 131 === 0 ? `;${tier}` : `U${i % 20};${tier};${i % 53 === 0 ? " 12 " : "12|13"}`);
    }
    const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
    const mapping = { columns: [{ role: "id" as const }, { role: "kv" as const, key: "tier" }, { role: "traitId" as const }], splitMultiValues: { 2: "|" } };
    const patches = [
      { op: "recipe" as const, recipe: "trim" as const, column: 3 },
      { op: "dropRowsWithIssue" as const, code: "ID_EMPTY" },
      { op: "set" as const, line: 2, column: 2, value: "silver" },
      { op: "dropRow" as const, line: 10 },
    ];
    const { s, done } = session(bytes, "p.csv");
    await s.openPass(1);
    await s.configure({ mapping, idType: "dpuuid", mode: "sync", patches });
    const browser = done();
    const server = await runImport(memoryInput(bytes), { inflate: nodeInflate, mapping: { ...mapping, delimiter: ";" }, idType: "dpuuid", mode: "sync", patches });
    const expected = countsFromSummary(server.summary);
    expect({ rows: browser.rows, dropped: browser.dropped, records: browser.records, errors: browser.errors, warnings: browser.warnings, byCode: browser.byCode }).toEqual(expected);
    expect(Object.keys(expected.byCode).sort()).toEqual(expect.arrayContaining(["CSV_QUOTE_TRAILING", "USER_LINE_LIMIT", "VALUE_UNREPRESENTABLE"]));
  });
});
