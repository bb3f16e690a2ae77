import "server-only";
import { db } from "@/lib/server/db";
import { receiptCountersSchema } from "@/lib/validation/receipt";

/** A data source's receipts over time (oldest first, the last `limit`), for the history chart. */
export async function receiptHistory(dataSourceId: string, limit = 60) {
  const rows = await db.receipt.findMany({ where: { dataSourceId }, orderBy: { startedAt: "desc" }, take: limit });
  return rows.reverse().map((r) => ({ id: r.id, at: r.startedAt, source: r.source, counters: receiptCountersSchema.parse(r.counters) }));
}

export type ReceiptHistoryPoint = Awaited<ReturnType<typeof receiptHistory>>[number];
