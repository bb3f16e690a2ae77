import "server-only";
import { db } from "@/lib/server/db";

export async function getSubmission(id: string) {
  const s = await db.submission.findUnique({
    where: { id },
    include: {
      dataSource: true,
      environment: { select: { id: true, name: true, kind: true, bucket: true, prefix: true, transport: true, host: true } },
      files: { orderBy: { part: "asc" } },
      issues: { orderBy: [{ severity: "asc" }, { count: "desc" }] },
    },
  });
  if (!s) return null;
  const fileIds = s.files.map((f) => f.id);
  const auditTrail = await db.auditLog.findMany({
    where: { OR: [{ entityType: "Submission", entityId: id }, ...(fileIds.length ? [{ entityType: "SubmissionFile", entityId: { in: fileIds } }] : [])] },
    orderBy: { at: "asc" },
    take: 200,
  });
  const { leaseOwner: _lease, ...rest } = s;
  return {
    ...rest,
    originalSize: Number(s.originalSize),
    files: s.files.map((f) => ({ ...f, bytes: Number(f.bytes) })),
    auditTrail: auditTrail.map((a) => ({ ...a, id: a.id.toString() })),
  };
}

export type SubmissionDetail = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;
