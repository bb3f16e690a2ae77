import "server-only";
import { submissionWhere, type Viewer } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";

/** Null when it does not exist or belongs to a partner the viewer may not see. */
export async function getSubmission(id: string, viewer: Viewer) {
  const s = await db.submission.findFirst({
    where: { id, ...submissionWhere(viewer) },
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
