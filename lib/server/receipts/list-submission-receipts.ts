import "server-only";
import { db } from "@/lib/server/db";
import { errorSamplesSchema, receiptCountersSchema } from "@/lib/validation/receipt";

/** Receipts that covered a submission's files, newest first. */
export async function listSubmissionReceipts(submissionId: string) {
  const links = await db.receiptSubmission.findMany({
    where: { submissionId },
    include: { receipt: true },
    orderBy: { receipt: { startedAt: "desc" } },
  });
  return links.map(({ receipt: r }) => ({
    id: r.id,
    source: r.source,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    files: r.files,
    emailedAt: r.emailedAt,
    counters: receiptCountersSchema.parse(r.counters),
    errorSamples: errorSamplesSchema.parse(r.errorSamples),
  }));
}

export type SubmissionReceipt = Awaited<ReturnType<typeof listSubmissionReceipts>>[number];
