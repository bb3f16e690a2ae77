// What the browser sends with a file, checked again on the server (which never trusts the browser).
import { z } from "./zod";
import { clientCountsSchema, patchListSchema } from "@/lib/validation/patches";
import { DEFAULT_INPUT_LIMITS } from "@/lib/crm/input-limits";

const keyName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "Trait keys use letters, digits, underscore and dash only (AAM key rules)");

export const columnRoleSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("id") }),
  z.object({ role: z.literal("kv"), key: keyName }),
  z.object({ role: z.literal("traitId") }),
  z.object({ role: z.literal("removeTraitId") }),
  z.object({ role: z.literal("ic"), bare: z.boolean().optional() }),
  z.object({ role: z.literal("traitFlag"), traitId: z.string().regex(/^[0-9]{1,19}$/, "A trait ID is a number") }),
  z.object({ role: z.literal("ignore") }),
]);

export const DELIMITER_VALUES = [",", "\t", ";", "|"] as const;
export const ENCODING_VALUES = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;

const columnIndex = z.string().regex(/^\d{1,5}$/, "A column number");
/** Per column: raw value -> replacement; null sends nothing for that value (e.g. "N"). */
export const valueMapSchema = z.record(z.string().max(1000), z.string().max(1000).nullable());

export const mappingSchema = z
  .object({
    // One role per column; the import refuses wider files with the same limit.
    columns: z.array(columnRoleSchema).min(1).max(DEFAULT_INPUT_LIMITS.maxColumns),
    delimiter: z.enum(DELIMITER_VALUES).optional(),
    // How the file was read, so the server reads it the same way (the user may have overridden a guess).
    encoding: z.enum(ENCODING_VALUES).optional(),
    sheet: z.number().int().min(0).max(1000).optional(),
    valueMaps: z.record(columnIndex, valueMapSchema).optional(),
    splitMultiValues: z.record(columnIndex, z.string().min(1).max(3)).optional(),
  })
  .refine((m) => m.columns.filter((c) => c.role === "id").length === 1, {
    message: "Choose exactly one user ID column",
    path: ["columns"],
  })
  .refine((m) => m.columns.some((c) => c.role !== "id" && c.role !== "ignore"), {
    message: "Map at least one column to a trait",
    path: ["columns"],
  });

export const submissionMetaSchema = z.object({
  dataSourceId: z.uuid("Pick a data source"),
  environmentId: z.uuid("Pick an environment"),
  mode: z.enum(["sync", "overwrite"]),
  mapping: mappingSchema,
  patches: patchListSchema.default([]),
  clientCounts: clientCountsSchema.optional(),
  // Production guard: the data source's name, typed by the user.
  confirmProduction: z.string().max(200).optional(),
  // The user saw the "already sent" warning and chose to send the same file again.
  allowDuplicate: z.boolean().optional(),
});

export const createSubmissionSchema = z.object({ uploadId: z.uuid(), meta: submissionMetaSchema });

export type SubmissionMeta = z.infer<typeof submissionMetaSchema>;
export type MappingInput = z.infer<typeof mappingSchema>;
