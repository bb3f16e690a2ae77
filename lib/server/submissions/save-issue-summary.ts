import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ConversionSummary } from "@/lib/crm/conversion";
import { db } from "@/lib/server/db";

const SAMPLES_PER_CODE = 10;

/** One row per issue code with its full count and up to 10 samples; a re-run replaces them. */
export async function saveIssueSummary(submissionId: string, summary: ConversionSummary): Promise<void> {
  const rows = Object.entries(summary.countsByCode).map(([code, { severity, count }]) => ({
    submissionId,
    code,
    severity,
    count,
    samples: summary.issues.filter((i) => i.code === code).slice(0, SAMPLES_PER_CODE) as unknown as Prisma.InputJsonValue,
  }));
  await db.$transaction([
    db.issueSummary.deleteMany({ where: { submissionId } }),
    db.issueSummary.createMany({ data: rows }),
  ]);
}
