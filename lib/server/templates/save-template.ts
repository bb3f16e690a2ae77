// One template per (data source, name): saving under an existing name replaces it, which is what
// "update the template" means to a user; the header it was made for is kept to show drift later.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { SafeError } from "@/lib/server/errors";
import type { SaveTemplateInput } from "@/lib/validation/template";

export async function saveTemplate(input: SaveTemplateInput, actor: string) {
  const source = await db.dataSource.findUnique({ where: { id: input.dataSourceId }, select: { id: true } });
  if (!source) throw new SafeError("That data source does not exist (any more).", 404);
  const header = input.body.columns.map((c) => c.header);
  const mapping = input.body as unknown as Prisma.InputJsonValue;
  const saved = await db.mappingTemplate.upsert({
    where: { dataSourceId_name: { dataSourceId: input.dataSourceId, name: input.name } },
    create: { dataSourceId: input.dataSourceId, name: input.name, header, mapping, createdBy: actor },
    update: { header, mapping },
  });
  await audit(actor, "template.save", "MappingTemplate", saved.id, { name: saved.name, columns: header.length });
  return saved;
}
