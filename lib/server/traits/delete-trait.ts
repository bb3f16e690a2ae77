import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";

/** Deletes a trait; its realisations go with it (cascade), as AAM drops a deleted trait from profiles. */
export async function deleteTrait(dataSourceId: string, id: string, actor: string): Promise<void> {
  const deleted = await db.trait.deleteMany({ where: { id, dataSourceId } });
  if (deleted.count > 0) await audit(actor, "trait.delete", "Trait", id);
}
