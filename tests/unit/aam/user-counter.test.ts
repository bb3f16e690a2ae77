import { describe, expect, it } from "vitest";
import { createUserCounter } from "@/lib/aam/user-counter";

describe("createUserCounter", () => {
  it("counts lines per exact ID and saturates at 255", () => {
    const c = createUserCounter({ foldCase: false });
    expect([c.add("a"), c.add("b"), c.add("a"), c.add("a")]).toEqual([1, 1, 2, 3]);
    for (let i = 0; i < 300; i++) c.add("b");
    expect(c.add("b")).toBe(255);
    expect(c.users).toBe(2);
  });

  it("stays exact while growing far past its initial table (200,000 users)", () => {
    const c = createUserCounter({ foldCase: true });
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (c.add(`crm-${i}`) !== 1) wrong++;
    for (let i = 0; i < 200_000; i += 997) if (c.add(`crm-${i}`) !== 2) wrong++;
    expect(wrong).toBe(0);
    expect(c.users).toBe(200_000);
    expect(c.tableBytes).toBe(8 * 2 ** 19); // 8 bytes a slot, load <= 0.75
  });

  it("flags the first sighting of each case variant, and counts variants separately", () => {
    const c = createUserCounter({ foldCase: true });
    const seen: Array<[number, boolean]> = [];
    for (const id of ["User1", "user1", "user1", "USER1", "User1"]) seen.push([c.add(id), c.caseCollision]);
    expect(seen).toEqual([
      [1, false],
      [1, true],
      [2, false],
      [1, true],
      [2, false],
    ]);
    expect(c.users).toBe(3);
  });

  it("without foldCase, case variants are simply different users", () => {
    const c = createUserCounter({ foldCase: false });
    c.add("ABC");
    expect(c.add("abc")).toBe(1);
    expect(c.caseCollision).toBe(false);
  });
});
