// The trait catalogue form, shared by the browser and the server actions: a trait ID, a name and a rule
// written as AAM writes onboarded trait rules (d_sid, ic == "v", key == "value").
import { z } from "./zod";
import { parseTraitRule, type TraitRuleSpec } from "@/lib/aam/trait-rules";

export const traitInputSchema = z
  .object({
    dataSourceId: z.uuid(),
    id: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid().optional()),
    sid: z.coerce
      .number({ message: "Enter the numeric trait ID (SID) from Audience Manager" })
      .int("A trait ID is a whole number")
      .positive("A trait ID is a positive number")
      .max(2_147_483_647, "That trait ID is too large"),
    // [TRAIT]: names should avoid commas, dashes, tabs and pipes; tabs and line breaks cannot be stored sensibly.
    name: z.string().trim().min(1, "Give the trait a name").max(200, "Keep the name under 200 characters").refine((s) => !/[\t\r\n]/.test(s), "No tabs or line breaks in a trait name"),
    rule: z.string().max(500).default("d_sid"),
  })
  .transform((v, ctx) => {
    const parsed = parseTraitRule(v.rule);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", path: ["rule"], message: parsed.message });
      return z.NEVER;
    }
    return { ...v, parsedRule: parsed.rule as TraitRuleSpec };
  });

export type TraitInput = z.output<typeof traitInputSchema>;

export const traitDeleteSchema = z.object({ dataSourceId: z.uuid(), id: z.uuid() });

/** Receipt settings of a data source: cross-device handling and where receipts are mailed. */
export const receiptSettingsSchema = z.object({
  id: z.uuid(),
  crossDevice: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  receiptEmails: z
    .string()
    .max(4000)
    .default("")
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(z.email({ message: "One of the receipt addresses is not an e-mail address" })).max(20, "At most 20 receipt addresses")),
});
