import { describe, expect, it } from "vitest";
import { combinableGroup, combineFiles } from "../../../app/submissions/new/combine-files";
import type { ImportDoc } from "../../../app/submissions/new/use-import-docs";

function doc(name: string, text: string, opts: { header?: string[]; firstLine?: number; encoding?: "utf-8" | "utf-16le"; gzip?: boolean } = {}): ImportDoc {
  return {
    id: name, file: new File([text], name), read: {}, phase: "ready", error: null,
    facts: { name, size: text.length, kind: "delimited", gzip: opts.gzip ?? false, encoding: { encoding: opts.encoding ?? "utf-8", bom: false, reason: "", confidence: "certain" }, delimiter: { delimiter: ",", reason: "", scores: { ",": 1, "\t": 0, ";": 0, "|": 0 } }, sheets: null, sheet: 0, headerLine: 1 },
    header: opts.header ?? ["id", "tier"], sample: [{ line: opts.firstLine ?? 2, fields: [] }], suggestion: null, mapping: null, templateId: null,
    steps: [], redo: [], counts: null, version: 0, submittedId: null,
  };
}

describe("combining files with the same header", () => {
  it("joins the bodies after the first file's header, adding a missing final line feed", async () => {
    const a = doc("a.csv", "id,tier\r\n1,gold");
    const b = doc("b.csv", 'id,tier\r\n\r\n2,"sil\nver"\r\n', { firstLine: 3 });
    const c = doc("c.csv", "id,tier\n3,bronze\n");
    expect(combinableGroup([a, b, c, doc("x.csv", "k\n1\n", { header: ["k"] }), doc("g.csv", "", { gzip: true })])).toEqual([a, b, c]);
    const file = await combineFiles([a, b, c]);
    expect(file.name).toBe("a-and-2-more-combined.csv");
    expect(await file.text()).toBe('id,tier\r\n1,gold\n2,"sil\nver"\r\n3,bronze\n');
  });

  it("never joins UTF-16, gzip, or a single file", () => {
    expect(combinableGroup([doc("a", "x", { encoding: "utf-16le" }), doc("b", "x", { encoding: "utf-16le" })])).toBeNull();
    expect(combinableGroup([doc("a", "x")])).toBeNull();
  });
});
