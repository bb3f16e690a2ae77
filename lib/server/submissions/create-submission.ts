// Creates the submission from a completed upload. The original is already stored (the upload's chunks
// became one object in the storage bucket), so a failure in any later step never loses what the user
// sent; the row is created before any conversion starts.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { SafeError } from "@/lib/server/errors";
import { completeUpload } from "@/lib/server/uploads/complete-upload";
import { sanitiseFileName } from "@/lib/server/uploads/safe-file-name";
import type { SubmissionMeta } from "@/lib/validation/submission";
import { checkSubmissionGuards } from "./submission-guards";
import { createWithUniqueTimestamp } from "./insert-with-timestamp";

export async function createSubmission(meta: SubmissionMeta, uploadId: string, actor: string) {
  const [dataSource, environment] = await Promise.all([
    db.dataSource.findUnique({ where: { id: meta.dataSourceId } }),
    db.environment.findUnique({ where: { id: meta.environmentId } }),
  ]);
  if (!dataSource) throw new SafeError("That data source does not exist (any more).", 404);
  if (!environment) throw new SafeError("That environment does not exist (any more).", 404);
  const upload = await completeUpload(uploadId, actor);
  await checkSubmissionGuards(meta, dataSource, environment, upload);
  const submission = await createWithUniqueTimestamp({
    createdBy: actor,
    dataSourceId: dataSource.id,
    environmentId: environment.id,
    mode: meta.mode,
    originalName: sanitiseFileName(upload.fileName),
    originalSize: BigInt(upload.size),
    originalSha256: upload.sha256,
    originalKey: upload.storageKey,
    mapping: meta.mapping as Prisma.InputJsonValue,
    // The user's fixes (replayed by the conversion job) and what the browser counted (compared with it).
    patches: meta.patches as Prisma.InputJsonValue,
    ...(meta.clientCounts ? { clientCounts: meta.clientCounts as Prisma.InputJsonValue } : {}),
  });
  await audit(actor, "submission.create", "Submission", submission.id, {
    file: submission.originalName, bytes: upload.size, dataSource: dataSource.name, environment: environment.name,
    ...(meta.allowDuplicate ? { duplicateConfirmed: true } : {}),
  });
  return submission;
}
