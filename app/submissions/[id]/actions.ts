"use server";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { resubmit } from "@/lib/server/submissions/resubmit";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertSubmissionVisible } from "@/lib/server/auth/assert-access";

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
