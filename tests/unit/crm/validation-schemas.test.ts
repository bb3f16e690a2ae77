import { describe, expect, it } from "vitest";
import type { Patch } from "../../../lib/crm/patches";
import { RECIPES } from "../../../lib/crm/patches";
import { clientCountsSchema, patchListSchema, patchSchema } from "../../../lib/validation/patches";
import { mappingSchema, submissionMetaSchema } from "../../../lib/validation/submission";
import { templateBodySchema } from "../../../lib/validation/template";

describe("patch and submission schemas", () => {
  it("accept every patch the lib can make, and nothing else", () => {
    const ok: Patch[] = [
      { op: "set", line: 2, column: 1, value: "x" },
      { op: "dropRow", line: 9 },
      ...RECIPES.map((recipe): Patch => ({ op: "recipe", recipe, column: 3 })),
      { op: "dropRowsWithIssue", code: "ID_EMPTY" },
    ];
    expect(patchListSchema.parse(ok)).toEqual(ok);
    for (const bad of [{ op: "set", line: 0, column: 1, value: "x" }, { op: "recipe", recipe: "eval", column: 1 }, { op: "dropRowsWithIssue", code: "drop table" }, { op: "nope" }]) {
      expect(patchSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("a submission carries mapping read choices, patches (default none) and the browser's counts", () => {
    const meta = submissionMetaSchema.parse({
      dataSourceId: "11111111-1111-4111-8111-111111111111",
      environmentId: "22222222-2222-4222-8222-222222222222",
      mode: "sync",
      mapping: { columns: [{ role: "id" }, { role: "kv", key: "tier" }], encoding: "windows-1252", delimiter: ";", valueMaps: { "1": { G: "gold", N: null } } },
    });
    expect(meta.patches).toEqual([]);
    expect(mappingSchema.safeParse({ columns: [{ role: "id" }, { role: "kv", key: "t" }], encoding: "latin9" }).success).toBe(false);
    expect(clientCountsSchema.safeParse({ rows: 1, dropped: 0, records: 1, errors: 0, warnings: 0, byCode: { ID_PII: 2 } }).success).toBe(true);
    expect(templateBodySchema.safeParse({ version: 1, columns: [{ header: "a", role: { role: "id" } }] }).success).toBe(true);
  });
});
