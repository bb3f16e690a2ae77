// The trait catalogue's server operations against real PostgreSQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { deleteTrait } from "@/lib/server/traits/delete-trait";
import { listTraits } from "@/lib/server/traits/list-traits";
import { saveTrait } from "@/lib/server/traits/save-trait";
import { traitInputSchema } from "@/lib/validation/trait";
import { makeDataSource, uniqueIds } from "../support/processing";

describe("trait catalogue", () => {
  it("adds, edits, lists and deletes traits; IDs are unique per data source", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid });
    const other = await makeDataSource({ dpid: uniqueIds().dpid });
    const input = (o: Record<string, unknown>) => traitInputSchema.parse({ dataSourceId: ds.id, ...o });
    const { id } = await saveTrait(input({ sid: sid(1), name: "Gold", rule: 'tier == "gold"' }), "t");
    await saveTrait(input({ sid: sid(2), name: "IC 52", rule: 'ic == "52"' }), "t");
    await saveTrait(traitInputSchema.parse({ dataSourceId: other.id, sid: sid(1), name: "Same ID elsewhere", rule: "d_sid" }), "t");
    await expect(saveTrait(input({ sid: sid(1), name: "dup", rule: "d_sid" }), "t")).rejects.toThrow(SafeError);
    await saveTrait(input({ id, sid: sid(1), name: "Gold tier", rule: "d_sid" }), "t");
    expect(await listTraits(ds.id)).toEqual([
      { id, sid: sid(1), name: "Gold tier", rule: "d_sid", profiles: 0 },
      { id: expect.any(String), sid: sid(2), name: "IC 52", rule: 'ic == "52"', profiles: 0 },
    ]);
    expect(await db.trait.findUniqueOrThrow({ where: { id } })).toMatchObject({ ruleKind: "sid", ruleKey: null, ruleValue: null });
    // Editing through another data source's ID changes nothing.
    await expect(saveTrait(traitInputSchema.parse({ dataSourceId: other.id, id, sid: sid(9), name: "x", rule: "d_sid" }), "t")).rejects.toThrow("no longer exists");
    await deleteTrait(other.id, id, "t");
    expect(await db.trait.count({ where: { id } })).toBe(1);
    await deleteTrait(ds.id, id, "t");
    expect((await listTraits(ds.id)).map((t) => t.sid)).toEqual([sid(2)]);
  });
});
