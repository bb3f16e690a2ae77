// The trait catalogue of one data source as a matcher, plus the trait IDs that exist only elsewhere (for
// "traits failed validation"). Read through the job's own client: on the embedded database a second
// connection would wait for the job's transaction.
import "server-only";
import type pg from "pg";
import { createTraitMatcher, type TraitMatcher, type TraitRule } from "@/lib/aam/trait-rules";

interface TraitRow {
  id: string;
  sid: number;
  ruleKind: "sid" | "ic" | "kv";
  ruleKey: string | null;
  ruleValue: string | null;
  own: boolean;
}

export function toTraitRule(t: Pick<TraitRow, "id" | "sid" | "ruleKind" | "ruleKey" | "ruleValue">): TraitRule {
  if (t.ruleKind === "ic" && t.ruleValue) return { id: t.id, sid: t.sid, rule: { kind: "ic", value: t.ruleValue } };
  if (t.ruleKind === "kv" && t.ruleKey && t.ruleValue) return { id: t.id, sid: t.sid, rule: { kind: "kv", key: t.ruleKey, value: t.ruleValue } };
  return { id: t.id, sid: t.sid, rule: { kind: "sid" } };
}

export async function loadTraitMatcher(client: pg.PoolClient, dataSourceId: string): Promise<TraitMatcher> {
  const r = await client.query<TraitRow>(
    `SELECT id, sid, "ruleKind", "ruleKey", "ruleValue", "dataSourceId" = $1::uuid AS own FROM "Trait"`,
    [dataSourceId],
  );
  const own = r.rows.filter((t) => t.own).map(toTraitRule);
  return createTraitMatcher(own, r.rows.filter((t) => !t.own).map((t) => t.sid));
}
