import { describe, expect, it } from "vitest";
import { historyQuerySchema } from "@/lib/validation/history";
import { auditQuerySchema } from "@/lib/validation/audit";

describe("free-text filters refuse control characters (PostgreSQL cannot store a NUL)", () => {
  it.each(["\u0000", "abc\u0000", "a\u0007b", "a\u007fb", "tab\tinside"])("history q=%j is refused with a message", (q) => {
    const r = historyQuerySchema.safeParse({ q });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/control characters/);
    expect(historyQuerySchema.safeParse({ user: q }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ actor: q }).success).toBe(false);
  });
  it("ordinary text, accents and emoji pass, trimmed", () => {
    expect(historyQuerySchema.parse({ q: "  crm_é😀 2026 " }).q).toBe("crm_é😀 2026");
  });
});
