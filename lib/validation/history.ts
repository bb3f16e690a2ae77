// The history page's filters, read from the URL (so a filtered view can be bookmarked and shared).
import { z } from "./zod";
import { searchText } from "./search-text";

const empty = (v: unknown) => (v === "" ? undefined : v);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");

export const HISTORY_SORTS = ["newest", "oldest", "name", "largest"] as const;
export const HISTORY_STATUSES = ["received", "validated", "converted", "delivered", "processed", "failed"] as const;

export const historyQuerySchema = z.object({
  dataSource: z.preprocess(empty, z.uuid().optional()),
  environment: z.preprocess(empty, z.uuid().optional()),
  status: z.preprocess(empty, z.enum(HISTORY_STATUSES).optional()),
  user: z.preprocess(empty, searchText(200).optional()),
  from: z.preprocess(empty, day.optional()),
  to: z.preprocess(empty, day.optional()),
  q: z.preprocess(empty, searchText(200).optional()),
  sort: z.preprocess(empty, z.enum(HISTORY_SORTS).default("newest")),
  cursor: z.preprocess(empty, z.string().max(500).optional()),
});

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
