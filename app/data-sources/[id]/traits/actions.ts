"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { env } from "@/lib/server/env";
import { deleteTrait } from "@/lib/server/traits/delete-trait";
import { saveTrait } from "@/lib/server/traits/save-trait";
import { traitDeleteSchema, traitInputSchema } from "@/lib/validation/trait";

export async function saveTraitAction(_prev: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(traitInputSchema, Object.fromEntries(form), (input) => saveTrait(input, env().APP_USER));
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("dataSourceId"))}/traits`);
  return result;
}

export async function deleteTraitAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(traitDeleteSchema, Object.fromEntries(form), async (input) => {
    await deleteTrait(input.dataSourceId, input.id, env().APP_USER);
    return undefined;
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("dataSourceId"))}/traits`);
  return result;
}
