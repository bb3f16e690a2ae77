"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { env } from "@/lib/server/env";
import { checkConnection, type CheckResult } from "@/lib/server/environments/check-connection";
import { saveEnvironment } from "@/lib/server/environments/save-environment";
import { environmentInputSchema } from "@/lib/validation/environment";

export async function saveEnvironmentAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(environmentInputSchema, input, async (data) => ({ id: await saveEnvironment(data, env().APP_USER) }));
  if (result.ok) revalidatePath("/environments");
  return result;
}

export async function checkConnectionAction(environmentId: string): Promise<ActionResult<CheckResult>> {
  const result = await runAction(z.uuid(), environmentId, (id) => checkConnection(id, env().APP_USER));
  revalidatePath("/environments");
  return result;
}
