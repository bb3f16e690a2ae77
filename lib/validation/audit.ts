// The audit page's filters, from the URL like the history page's.
import { z } from "./zod";
import { searchText } from "./search-text";

const empty = (v: unknown) => (v === "" ? undefined : v);

export const AUDIT_GROUPS = ["auth", "user", "submission", "environment", "credential", "download", "data-source"] as const;

export const auditQuerySchema = z.object({
  actor: z.preprocess(empty, searchText(254).optional()),
  group: z.preprocess(empty, z.enum(AUDIT_GROUPS).optional()),
  /** Entries older than this ID (keyset paging; IDs only grow). */
  before: z.preprocess(empty, z.string().regex(/^\d{1,19}$/).optional()),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
