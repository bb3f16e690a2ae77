// A receipt as the app shows and exports it: the stored JSON validated, with its data source (a plain
// column, not a relation, so deleting a data source never has to touch receipts) and its submissions.
import "server-only";
import { db } from "@/lib/server/db";
import { errorSamplesSchema, receiptCountersSchema } from "@/lib/validation/receipt";

export async function getReceipt(id: string) {
  const r = await db.receipt.findUnique({
    where: { id },
    include: {
      environment: { select: { id: true, name: true, kind: true } },
      submissions: { select: { submissionId: true } },
    },
  });
  if (!r) return null;
  const dataSource = r.dataSourceId
    ? await db.dataSource.findUnique({ where: { id: r.dataSourceId }, select: { id: true, name: true, dpid: true, receiptEmails: true } })
    : null;
  return {
    id: r.id,
    source: r.source,
    dataSource,
    environment: r.environment,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    files: r.files,
    text: r.text,
    emailedAt: r.emailedAt,
    createdAt: r.createdAt,
    counters: receiptCountersSchema.parse(r.counters),
    errorSamples: errorSamplesSchema.parse(r.errorSamples),
    submissionIds: r.submissions.map((s) => s.submissionId),
  };
}

export type ReceiptView = NonNullable<Awaited<ReturnType<typeof getReceipt>>>;
