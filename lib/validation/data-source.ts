// Shared by the data source form (client) and the server action that creates one.
import { z } from "./zod";

export const ID_TYPE_VALUES = ["dpuuid", "aam_uuid", "gaid", "idfa", "rida", "maid", "tifa", "fire_tv", "lgudid", "vizio_ifa"] as const;

const dpid = z.coerce
  .number({ message: "Enter the numeric data source ID (DPID) from Audience Manager" })
  .int("A DPID is a whole number")
  .positive("A DPID is a positive number")
  .max(2_147_483_647, "That DPID is too large");

export const dataSourceInputSchema = z.object({
  name: z.string().trim().min(1, "Give the data source a name").max(100, "Keep the name under 100 characters"),
  dpid,
  targetDpid: z.preprocess((v) => (v === "" || v === null ? undefined : v), dpid.optional()),
  idType: z.enum(ID_TYPE_VALUES),
  partnerFolder: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, "Use the partner folder name Adobe gave you: letters, digits, dot, dash, underscore"),
});

export type DataSourceInput = z.infer<typeof dataSourceInputSchema>;
