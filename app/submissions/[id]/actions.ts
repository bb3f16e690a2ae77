"use server";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { resubmit } from "@/lib/server/submissions/resubmit";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertSubmissionVisible } from "@/lib/server/auth/assert-access";
import { syncSubmissionIds, type SyncSubmissionIdsResult } from "@/lib/server/id-sync/sync-submission-ids";
import { revalidatePath } from "next/cache";

const resubmitSchema = z.object({
  sourceId: z.uuid(),
  environmentId: z.uuid("Pick an environment"),
  confirmProduction: z.string().max(200).optional(),
  allowDuplicate: z.boolean().optional(),
});

export async function resubmitAction(input: z.input<typeof resubmitSchema>): Promise<ActionResult<{ id: string }>> {
  return runAction(resubmitSchema, input, async ({ sourceId, ...opts }) => {
    const user = await requireActionUser();
    await assertSubmissionVisible(user, sourceId);
    const id = await resubmit(sourceId, opts, user.email);
    await enqueueProcessSubmission(id);
    return { id };
  });
}

const syncIdsSchema = z.object({ submissionId: z.uuid() });

/** Sandbox only: record ID-sync matches for the submission's customer IDs and process its files again. */
export async function syncIdsAndReprocessAction(input: z.input<typeof syncIdsSchema>): Promise<ActionResult<SyncSubmissionIdsResult>> {
  const result = await runAction(syncIdsSchema, input, async ({ submissionId }) => {
    const user = await requireActionUser();
    return syncSubmissionIds(submissionId, user);
  });
  if (result.ok) revalidatePath(`/submissions/${input.submissionId}`);
  return result;
}
