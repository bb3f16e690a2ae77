// Mapping templates: saved per data source, applied by header name (lib/crm/template.ts).
import { z } from "./zod";
import { columnRoleSchema, DELIMITER_VALUES, ENCODING_VALUES, valueMapSchema } from "@/lib/validation/submission";

export const templateBodySchema = z.object({
  version: z.literal(1),
  columns: z
    .array(
      z.object({
        header: z.string().max(1000),
        role: columnRoleSchema,
        valueMap: valueMapSchema.optional(),
        split: z.string().min(1).max(3).optional(),
      }),
    )
    .min(1)
    .max(2000),
  delimiter: z.enum(DELIMITER_VALUES).optional(),
  encoding: z.enum(ENCODING_VALUES).optional(),
});

export const saveTemplateInputSchema = z.object({
  dataSourceId: z.uuid("Pick a data source"),
  name: z.string().trim().min(1, "Give the template a name").max(100, "Keep the name under 100 characters"),
  body: templateBodySchema,
});

export const deleteTemplateInputSchema = z.object({ id: z.uuid() });

export type TemplateBodyInput = z.infer<typeof templateBodySchema>;
export type SaveTemplateInput = z.infer<typeof saveTemplateInputSchema>;
