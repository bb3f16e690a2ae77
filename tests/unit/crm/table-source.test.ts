import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ImportRefusedError, memoryInput, sniffContainer } from "../../../lib/crm/byte-input";
import { parseCsvText, type ParsedRow } from "../../../lib/crm/csv-parser";
import { readRowsFrom, START_CHECKPOINT } from "../../../lib/crm/row-locator";
import { createRowArchive } from "../../../lib/crm/row-archive";
import { openTable, type Checkpoint, type OpenTableOptions } from "../../../lib/crm/table-source";
import { nodeInflate } from "../../../lib/server/import/node-inputs";
import { utf16, utf8 } from "./helpers";

async function readAll(bytes: Uint8Array, extra: Partial<OpenTableOptions> = {}) {
  const checkpoints: Checkpoint[] = [];
  const text: Uint8Array[] = [];
  const table = await openTable(memoryInput(bytes), {
    inflate: nodeInflate,
    onCheckpoint: (cp) => checkpoints.push(cp),
    onTextBytes: (b) => text.push(b.slice()),
    ...extra,
  });
  const rows: ParsedRow[] = [];
  const codes: string[] = [];
  for await (const b of table.batches()) {
    rows.push(...b.rows);
    codes.push(...b.issues.map((i) => i.code));
  }
  return { info: table.info, rows, codes, checkpoints, text: Buffer.concat(text) };
}

function bigCsv(n: number, eol = "\n"): string {
  const lines = ["id;name;city"];
  for (let i = 0; i < n; i++) lines.push(`${String(i).padStart(6, "0")};Jürgen ${i};${i % 7 === 0 ? '"Köln\nMitte; Nord"' : "München"}`);
  return lines.join(eol) + eol;
}

describe("openTable: delimited text", () => {
  it("reads the same rows as a one-shot parse, with checkpoints that resume exactly", async () => {
    const text = bigCsv(5000, "\r\n");
    const want = parseCsvText(text, ";");
    const got = await readAll(utf8(text), { segmentBytes: 4096 });
    expect(got.info.delimiter?.delimiter).toBe(";");
    expect(got.info.header?.names).toEqual(["id", "name", "city"]);
    expect(got.rows).toEqual(want.rows);
    expect(got.checkpoints.length).toBeGreaterThan(10);
    const input = memoryInput(utf8(text));
    for (const cp of [START_CHECKPOINT, ...got.checkpoints.slice(0, 40)]) {
      const seen: ParsedRow[] = [];
      await readRowsFrom(input, cp, { encoding: "utf-8", delimiter: ";" }, (i, r) => {
        expect(r).toEqual(want.rows[i]);
        seen.push(r);
        return seen.length < 3;
      });
      if (cp.rowIndex + 1 < want.rows.length) expect(seen.length).toBeGreaterThan(0);
    }
  });

  it("keeps UTF-16 line feeds aligned and resumes mid-file", async () => {
    const text = bigCsv(3000).replace(/;/g, "\t");
    for (const le of [true, false]) {
      const bytes = utf16(text, le);
      const got = await readAll(bytes, { segmentBytes: 1000 });
      expect(got.info.encoding?.encoding).toBe(le ? "utf-16le" : "utf-16be");
      expect(got.info.delimiter?.delimiter).toBe("\t");
      expect(got.rows).toEqual(parseCsvText(text, "\t").rows);
      const cp = got.checkpoints[20]!;
      const first: ParsedRow[] = [];
      await readRowsFrom(memoryInput(bytes), cp, { encoding: le ? "utf-16le" : "utf-16be", delimiter: "\t" }, (i, r) => (first.push(r), i < cp.rowIndex));
      expect(first[0]).toEqual(got.rows[cp.rowIndex]);
    }
  });

  it("reads gzip through the injected inflater and hands out the inflated text", async () => {
    const text = bigCsv(2000);
    const got = await readAll(new Uint8Array(gzipSync(text)));
    expect(got.info.gzip).toBe(true);
    expect(got.rows.length).toBe(2000);
    expect(got.text.toString("utf8")).toBe(text);
  });

  it("refuses gzip that inflates beyond the size or ratio limits", async () => {
    // Many short lines: one endless line would meet the row bound (input-limits.ts) before the ratio.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(20 * 1024 * 1024, "a,b\n")));
    await expect(readAll(bomb)).rejects.toThrow(/100 times its compressed size/);
    await expect(readAll(new Uint8Array(gzipSync(bigCsv(20000))), { limits: { maxBytes: 100_000, maxRatio: 100 } })).rejects.toThrow(ImportRefusedError);
  });

  it("recognises containers by their magic bytes and refuses .xls", async () => {
    expect(sniffContainer(new Uint8Array([0x1f, 0x8b, 8]))).toBe("gzip");
    expect(sniffContainer(utf8("PK\u0003\u0004"))).toBe("xlsx-zip");
    expect(sniffContainer(utf8("a,b"))).toBe("text");
    await expect(readAll(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).rejects.toThrow(/97-2003/);
  });

  it("small files (one segment) and an empty file", async () => {
    const got = await readAll(utf8("a,b\n1,2"));
    expect(got.rows).toEqual([{ line: 2, fields: ["1", "2"] }]);
    expect((await readAll(new Uint8Array(0))).codes).toContain("HEADER_MISSING");
  });
});

describe("row archive", () => {
  it("round-trips rows with their own line numbers through the resume path", async () => {
    const rows: ParsedRow[] = [
      { line: 2, fields: ["1", 'a,"b"', "x\ny"] },
      { line: 5, fields: ["2", "", "ü"] },
      { line: 6, fields: ["3", "z", ""] },
    ];
    const parts: Uint8Array[] = [];
    const cps: Checkpoint[] = [];
    const archive = createRowArchive({ segmentBytes: 10, onBytes: (b) => parts.push(b), onCheckpoint: (c) => cps.push(c) });
    archive.add(rows);
    archive.end();
    const input = memoryInput(new Uint8Array(Buffer.concat(parts)));
    for (const cp of [{ offset: 0, rowIndex: 0, line: 1 }, ...cps]) {
      const got: ParsedRow[] = [];
      await readRowsFrom(input, cp, { encoding: "utf-8", delimiter: ",", lineInFirstField: true }, (_i, r) => (got.push(r), true));
      expect(got).toEqual(rows.slice(cp.rowIndex));
    }
  });
});

describe("runImport", () => {
  it("reads a gzipped cp1252 semicolon file, replays patches and writes the AAM lines", async () => {
    const { runImport } = await import("../../../lib/crm/run-import");
    const cp1252 = Buffer.from("Kundennr;Stadt;Stufe\r\n0001;München;Gold\r\n0002;Köln;x,y\r\n0003;Berlin;\r\n", "latin1");
    const lines: string[] = [];
    const result = await runImport(memoryInput(new Uint8Array(gzipSync(cp1252))), {
      inflate: nodeInflate,
      mapping: { columns: [{ role: "id" }, { role: "kv", key: "stadt" }, { role: "kv", key: "stufe" }] },
      idType: "dpuuid",
      mode: "sync",
      patches: [{ op: "recipe", recipe: "stripUnrepresentable", column: 3 }, { op: "dropRow", line: 4 }],
      onLine: (l) => void lines.push(l),
    });
    expect(result.info).toMatchObject({ gzip: true, encoding: { encoding: "windows-1252" }, delimiter: { delimiter: ";" } });
    expect(lines).toEqual(['0001\t"stadt"="München","stufe"="Gold"', '0002\t"stadt"="Köln","stufe"="xy"']);
    expect(result.summary).toMatchObject({ rows: 3, dropped: 1, records: 2, errors: 0 });
  });
});

describe("runImport edge cases", () => {
  it("an empty file is one HEADER_MISSING error plus FILE_EMPTY", async () => {
    const { runImport } = await import("../../../lib/crm/run-import");
    const r = await runImport(memoryInput(new Uint8Array(0)), { inflate: nodeInflate, mapping: { columns: [{ role: "id" }] }, idType: "dpuuid", mode: "sync" });
    expect(Object.keys(r.summary.countsByCode).sort()).toEqual(["FILE_EMPTY", "HEADER_MISSING"]);
  });
});

describe("iterateRows", () => {
  it("yields every data row of a source, as the first pass saw them", async () => {
    const { iterateRows } = await import("../../../lib/crm/row-locator");
    const text = bigCsv(3000, "\r\n");
    const rows: ParsedRow[] = [];
    for await (const b of iterateRows(memoryInput(utf8(text)), START_CHECKPOINT, { encoding: "utf-8", delimiter: ";" }, 5000)) rows.push(...b);
    expect(rows).toEqual(parseCsvText(text, ";").rows);
  });
});
