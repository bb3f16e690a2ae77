import "server-only";
import { db } from "@/lib/server/db";
import { dataSourceWhere, isNotFound, notFound, submissionWhere, type Viewer } from "./scope";

// For operations addressed by ID (forms, route parameters): checked before the operation runs, with the
// same "not found" answer for a missing row and another partner's row.
export async function assertDataSourceVisible(viewer: Viewer, dataSourceId: string): Promise<void> {
  const found = await db.dataSource.count({ where: { id: dataSourceId, ...dataSourceWhere(viewer) } });
  if (!found) throw notFound("That data source");
}

export async function assertSubmissionVisible(viewer: Viewer, submissionId: string): Promise<void> {
  const found = await db.submission.count({ where: { id: submissionId, ...submissionWhere(viewer) } });
  if (!found) throw notFound("That submission");
}

export async function assertTemplateVisible(viewer: Viewer, templateId: string): Promise<void> {
  const found = await db.mappingTemplate.count({ where: { id: templateId, dataSource: dataSourceWhere(viewer) } });
  if (!found) throw notFound("That template");
}

/** A receipt belongs to its data source's partner; one without a data source (a whole AAM run) to admins. */
export async function assertReceiptVisible(viewer: Viewer, receiptId: string): Promise<void> {
  if (viewer.role === "admin") return;
  const r = await db.receipt.findUnique({ where: { id: receiptId }, select: { dataSourceId: true } });
  if (!r?.dataSourceId) throw notFound("That receipt");
  await assertDataSourceVisible(viewer, r.dataSourceId).catch((e: unknown) => {
    throw isNotFound(e) ? notFound("That receipt") : e;
  });
}
