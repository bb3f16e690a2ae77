"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { checkConnection, type CheckResult } from "@/lib/server/environments/check-connection";
import { saveEnvironment } from "@/lib/server/environments/save-environment";
import { environmentInputSchema } from "@/lib/validation/environment";
import { requireActionUser } from "@/lib/server/auth/current-user";

export async function saveEnvironmentAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(environmentInputSchema, input, async (data) => {
    const user = await requireActionUser(["admin"]);
    return { id: await saveEnvironment(data, user.email) };
  });
  if (result.ok) revalidatePath("/environments");
  return result;
}

export async function checkConnectionAction(environmentId: string): Promise<ActionResult<CheckResult>> {
  const result = await runAction(z.uuid(), environmentId, async (id) => {
    const user = await requireActionUser(["admin"]);
    return checkConnection(id, user.email);
  });
  revalidatePath("/environments");
  return result;
}
