// Fixes travel as a patch list (lib/crm/patches.ts), never as edited data: the server replays them over
// the stored original. The schema mirrors the Patch union exactly; lines and columns are 1-based.
import { z } from "./zod";
import { RECIPES, type Recipe } from "@/lib/crm/patches";

const line = z.number().int().min(1).max(2_000_000_000);
const column = z.number().int().min(1).max(20_000);

export const patchSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("set"), line, column, value: z.string().max(100_000) }),
  z.object({ op: z.literal("dropRow"), line }),
  z.object({ op: z.literal("recipe"), recipe: z.enum(RECIPES as unknown as readonly [Recipe, ...Recipe[]]), column }),
  z.object({ op: z.literal("dropRowsWithIssue"), code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "An issue code such as ID_EMPTY") }),
]);

export const patchListSchema = z.array(patchSchema).max(50_000, "Too many separate fixes; use a recipe or fix the file and export it again");

/** What the browser counted; the server compares its own re-run with it. */
export const clientCountsSchema = z.object({
  rows: z.number().int().min(0),
  dropped: z.number().int().min(0),
  records: z.number().int().min(0),
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  byCode: z.record(z.string().max(64), z.number().int().min(0)),
});

export type PatchInput = z.infer<typeof patchSchema>;
export type ClientCountsInput = z.infer<typeof clientCountsSchema>;
