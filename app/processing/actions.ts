"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { enqueueProcessing } from "@/lib/server/processing/enqueue-processing";
import { isLocallyProcessed } from "@/lib/server/processing/run-processing";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { audit } from "@/lib/server/audit";

const processNowSchema = z.object({ environmentId: z.uuid() });

/** "Process now": queues a run at once instead of waiting for the daily schedule. */
export async function processNowAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(processNowSchema, { environmentId: form.get("environmentId") }, async ({ environmentId }) => {
    const user = await requireActionUser(["admin", "psm"]);
    const e = await db.environment.findUnique({ where: { id: environmentId } });
    if (!e) throw new SafeError("That environment does not exist.", 404);
    if (!isLocallyProcessed(e)) throw new SafeError(`${e.name} is processed by Adobe, not by the local processor.`);
    await enqueueProcessing(environmentId, "manual");
    await audit(user.email, "processing.run_now", "Environment", environmentId);
    return undefined;
  });
  if (result.ok) revalidatePath("/processing");
  return result;
}
