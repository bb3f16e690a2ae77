"use server";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { env } from "@/lib/server/env";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { resubmit } from "@/lib/server/submissions/resubmit";

const resubmitSchema = z.object({
  sourceId: z.uuid(),
  environmentId: z.uuid("Pick an environment"),
  confirmProduction: z.string().max(200).optional(),
  allowDuplicate: z.boolean().optional(),
});

export async function resubmitAction(input: z.input<typeof resubmitSchema>): Promise<ActionResult<{ id: string }>> {
  return runAction(resubmitSchema, input, async ({ sourceId, ...opts }) => {
    const id = await resubmit(sourceId, opts, env().APP_USER);
    await enqueueProcessSubmission(id);
    return { id };
  });
}
