import "server-only";
import { formatTraitRule } from "@/lib/aam/trait-rules";
import { db } from "@/lib/server/db";
import { toTraitRule } from "@/lib/server/processing/load-trait-matcher";

/** A data source's trait catalogue with each rule in AAM's notation, and how many profiles hold each trait. */
export async function listTraits(dataSourceId: string) {
  const rows = await db.trait.findMany({ where: { dataSourceId }, orderBy: { sid: "asc" }, include: { _count: { select: { realizations: true } } } });
  return rows.map((t) => ({ id: t.id, sid: t.sid, name: t.name, rule: formatTraitRule(toTraitRule(t).rule), profiles: t._count.realizations }));
}
