import "server-only";
import { dataSourceWhere, type Viewer } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";
import { templateBodySchema, type TemplateBodyInput } from "@/lib/validation/template";

export interface TemplateSummary {
  id: string;
  dataSourceId: string;
  name: string;
  header: string[];
  body: TemplateBodyInput;
  updatedAt: string;
}

/** Every template (all data sources; the page filters by the chosen one), newest first. Unreadable rows are skipped. */
export async function listTemplates(viewer: Viewer): Promise<TemplateSummary[]> {
  const rows = await db.mappingTemplate.findMany({ where: { dataSource: dataSourceWhere(viewer) }, orderBy: { updatedAt: "desc" }, take: 500 });
  return rows.flatMap((t) => {
    const body = templateBodySchema.safeParse(t.mapping);
    if (!body.success) return [];
    return [{ id: t.id, dataSourceId: t.dataSourceId, name: t.name, header: t.header, body: body.data, updatedAt: t.updatedAt.toISOString() }];
  });
}
