import { describe, expect, it } from "vitest";
import { planRecord, planUser, type RecordPlan } from "@/lib/aam/apply-plan";
import { parseLine } from "@/lib/aam/record";
import { createTraitMatcher, type TraitRule } from "@/lib/aam/trait-rules";

const traits: TraitRule[] = ["a", "b", "c", "d", "e"].map((id, i) => ({ id, sid: i + 1, rule: { kind: "sid" } }));
const matcher = createTraitMatcher(traits, [90]);
const plan = (signals: string, mode: "sync" | "overwrite" = "sync"): RecordPlan => planRecord(parseLine(`u\t${signals}`, 1).record!.signals, matcher, mode);
const ids = (p: RecordPlan) => ({ adds: p.adds.map((t) => t.id), removes: p.removes.map((t) => t.id) });

describe("planRecord", () => {
  it.each<[string, "sync" | "overwrite", { adds: string[]; removes: string[] }, { unused: number; foreign: number }]>([
    ["d_sid=1,d_sid=2", "sync", { adds: ["a", "b"], removes: [] }, { unused: 0, foreign: 0 }],
    ["d_sid=1,d_sid=1", "sync", { adds: ["a"], removes: [] }, { unused: 0, foreign: 0 }],
    ["d_sid=1,d_unsid=1", "sync", { adds: [], removes: ["a"] }, { unused: 0, foreign: 0 }],
    ["d_unsid=1,d_sid=1", "sync", { adds: ["a"], removes: [] }, { unused: 0, foreign: 0 }],
    ["d_sid=1,2:0,3:-1", "sync", { adds: ["a"], removes: ["b", "c"] }, { unused: 0, foreign: 0 }],
    ["d_sid=1,d_unsid=2", "overwrite", { adds: ["a"], removes: [] }, { unused: 1, foreign: 0 }],
    ["d_sid=1,d_sid=90,d_sid=77", "sync", { adds: ["a"], removes: [] }, { unused: 1, foreign: 1 }],
  ])("%s (%s)", (signals, mode, expected, counts) => {
    const p = plan(signals, mode);
    expect(ids(p)).toEqual(expected);
    expect({ unused: p.unused, foreign: p.foreign }).toEqual(counts);
  });
});

describe("planUser: spec §4.1", () => {
  it("day 1 sync a,b,c then day 2 sync c,d,e leaves a..e", () => {
    const day1 = planUser("sync", [], [plan("d_sid=1,d_sid=2,d_sid=3")]);
    const day2 = planUser("sync", day1.after, [plan("d_sid=3,d_sid=4,d_sid=5")]);
    expect(day2.after.sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(day2.add.sort()).toEqual(["d", "e"]);
    expect(day2.remove).toEqual([]);
  });

  it("day 1 sync a,b,c then day 2 overwrite c,d,e leaves c,d,e and removes a,b", () => {
    const day2 = planUser("overwrite", ["a", "b", "c"], [plan("d_sid=3,d_sid=4", "overwrite"), plan("d_sid=5", "overwrite")]);
    expect(day2.after.sort()).toEqual(["c", "d", "e"]);
    expect(day2.remove.sort()).toEqual(["a", "b"]);
  });

  it("overwrite ignores d_unsid and leaves a user whose records realise nothing alone", () => {
    expect(planUser("overwrite", ["a", "b"], [plan("d_unsid=1", "overwrite")])).toEqual({ add: [], remove: [], after: ["a", "b"] });
  });

  it("sync applies records in order: a later line wins", () => {
    expect(planUser("sync", ["a"], [plan("d_unsid=1"), plan("d_sid=1,d_sid=2"), plan("d_unsid=2")]).after).toEqual(["a"]);
  });
});
