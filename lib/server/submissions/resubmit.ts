// Sends the same stored original, with the same mapping and fixes, to another environment: a new
// submission (its own timestamp, files and history), checked by the same guards as a first submission.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { SafeError } from "@/lib/server/errors";
import { submissionMetaSchema } from "@/lib/validation/submission";
import { checkSubmissionGuards } from "./submission-guards";
import { createWithUniqueTimestamp } from "./insert-with-timestamp";

export async function resubmit(
  sourceId: string,
  opts: { environmentId: string; confirmProduction?: string; allowDuplicate?: boolean },
  actor: string,
): Promise<string> {
  const source = await db.submission.findUnique({ where: { id: sourceId }, include: { dataSource: true } });
  if (!source?.originalKey) throw new SafeError("That submission has no stored original to send again.", 404);
  const environment = await db.environment.findUnique({ where: { id: opts.environmentId } });
  if (!environment) throw new SafeError("Pick an environment.", 404);
  const meta = submissionMetaSchema.parse({
    dataSourceId: source.dataSourceId,
    environmentId: environment.id,
    mode: source.mode,
    mapping: source.mapping,
    patches: source.patches,
    confirmProduction: opts.confirmProduction,
    allowDuplicate: opts.allowDuplicate,
  });
  await checkSubmissionGuards(meta, source.dataSource, environment, { size: Number(source.originalSize), sha256: source.originalSha256 });
  const created = await createWithUniqueTimestamp({
    createdBy: actor,
    dataSourceId: source.dataSourceId,
    environmentId: environment.id,
    mode: source.mode,
    originalName: source.originalName,
    originalSize: source.originalSize,
    originalSha256: source.originalSha256,
    originalKey: source.originalKey,
    mapping: source.mapping as Prisma.InputJsonValue,
    patches: source.patches as Prisma.InputJsonValue,
  });
  await audit(actor, "submission.resubmit", "Submission", created.id, { from: source.id, environment: environment.name });
  return created.id;
}
