import "server-only";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";

export async function deleteTemplate(id: string, actor: string): Promise<void> {
  const { count } = await db.mappingTemplate.deleteMany({ where: { id } });
  if (count > 0) await audit(actor, "template.delete", "MappingTemplate", id, {});
}
