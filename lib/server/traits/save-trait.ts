// Adds or edits an onboarded trait of a data source. Trait IDs are unique per data source.
import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TraitInput } from "@/lib/validation/trait";

export async function saveTrait(input: TraitInput, actor: string): Promise<{ id: string }> {
  const r = input.parsedRule;
  const data = {
    sid: input.sid,
    name: input.name,
    ruleKind: r.kind,
    ruleKey: r.kind === "kv" ? r.key : null,
    ruleValue: r.kind === "sid" ? null : r.value,
  };
  try {
    const saved = input.id
      ? await db.trait.update({ where: { id: input.id, dataSourceId: input.dataSourceId }, data })
      : await db.trait.create({ data: { ...data, dataSourceId: input.dataSourceId } });
    await audit(actor, input.id ? "trait.update" : "trait.create", "Trait", saved.id, { sid: saved.sid, rule: data });
    return { id: saved.id };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new SafeError(`This data source already has a trait with ID ${input.sid}.`, 409);
    }
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025") throw new SafeError("That trait no longer exists.", 404);
    throw e;
  }
}
