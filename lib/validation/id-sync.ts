// The ID-sync call's parameters after lib/aam/id-sync.ts has taken the /ibs: path apart.
import { z } from "./zod";

export const idSyncCallSchema = z
  .object({
    dpid: z.string().regex(/^[0-9]{1,10}$/, "dpid must be the numeric data provider ID").transform(Number).pipe(z.number().int().positive().max(2_147_483_647)),
    // DPUUIDs: case-sensitive, no ":" (AAM forbids it), no TAB or line breaks; 255 is our limit (A24).
    dpuuid: z
      .string()
      .min(1, "dpuuid is empty")
      .max(255, "dpuuid is longer than 255 characters")
      .refine((s) => !/[:\u0000-\u001f\u007f]/.test(s), "dpuuid must not contain ':' or control characters"),
    redir: z.url({ protocol: /^https?$/, message: "redir must be an http(s) URL" }).max(2048).optional(),
    gdpr: z.enum(["0", "1"]).optional(),
    gdprConsent: z.string().max(4096).regex(/^[A-Za-z0-9_.~-]*$/, "gdpr_consent must be a URL-safe base64 string").optional(),
  })
  .refine((c) => (c.gdpr === undefined) === (c.gdprConsent === undefined), "gdpr and gdpr_consent go together");

export type IdSyncCallInput = z.infer<typeof idSyncCallSchema>;
