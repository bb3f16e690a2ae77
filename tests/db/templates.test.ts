// Mapping templates against real PostgreSQL: saved per data source, replaced under the same name, read
// back through the schema, and applied to a drifted header exactly as the page does.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createDataSource } from "@/lib/server/data-sources/create-data-source";
import { deleteTemplate } from "@/lib/server/templates/delete-template";
import { listTemplates } from "@/lib/server/templates/list-templates";
import { saveTemplate } from "@/lib/server/templates/save-template";
import { applyTemplate, detectDrift, templateFromMapping } from "@/lib/crm/template";
import { saveTemplateInputSchema } from "@/lib/validation/template";

let dataSourceId: string;

beforeAll(async () => {
  dataSourceId = (await createDataSource({ name: `templates-${Date.now()}`, dpid: 21, idType: "dpuuid", partnerFolder: "acme" }, "tester")).id;
});

const ADMIN = { id: "tester", role: "admin" as const, partners: [] };

describe("mapping templates", () => {
  const header = ["customer_id", "loyalty_tier", "segments", "newsletter"];
  const body = templateFromMapping(
    header,
    {
      columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "traitFlag", traitId: "77" }],
      splitMultiValues: { 2: "|" },
      valueMaps: { 3: { J: "Y" } },
    },
    { delimiter: ";" },
  );

  it("saves, replaces under the same name, lists, and deletes", async () => {
    const input = saveTemplateInputSchema.parse({ dataSourceId, name: "  Monthly CRM ", body });
    const first = await saveTemplate(input, "tester");
    expect(first).toMatchObject({ name: "Monthly CRM", header, createdBy: "tester" });
    const second = await saveTemplate({ ...input, body: { ...body, delimiter: "," } }, "someone-else");
    expect(second.id).toBe(first.id);
    const mine = (await listTemplates(ADMIN)).filter((t) => t.dataSourceId === dataSourceId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toEqual({ ...body, delimiter: "," });
    const audits = await db.auditLog.count({ where: { entityType: "MappingTemplate", entityId: first.id, action: "template.save" } });
    expect(audits).toBe(2);
    await deleteTemplate(first.id, "tester");
    expect((await listTemplates(ADMIN)).filter((t) => t.dataSourceId === dataSourceId)).toHaveLength(0);
  });

  it("a stored template remaps a file whose column was renamed", async () => {
    await saveTemplate({ dataSourceId, name: "Renames", body }, "tester");
    const [stored] = (await listTemplates(ADMIN)).filter((t) => t.dataSourceId === dataSourceId && t.name === "Renames");
    const next = ["customer_id", "tier", "segments", "newsletter", "store"];
    const drift = detectDrift(stored!.header, next);
    expect(drift.renamed.map((r) => [r.from, r.to])).toEqual([["loyalty_tier", "tier"]]);
    const { mapping, unmatched } = applyTemplate(stored!.body, next, drift.renamed);
    expect(mapping).toEqual({
      columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "traitId" }, { role: "traitFlag", traitId: "77" }, { role: "ignore" }],
      splitMultiValues: { 2: "|" },
      valueMaps: { 3: { J: "Y" } },
    });
    expect(unmatched).toEqual(["store"]);
  });

  it("refuses a template for a data source that does not exist", async () => {
    await expect(saveTemplate({ dataSourceId: "00000000-0000-4000-8000-000000000000", name: "x", body }, "tester")).rejects.toThrow(/does not exist/);
  });
});
