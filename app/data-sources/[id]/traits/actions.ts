"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { deleteTrait } from "@/lib/server/traits/delete-trait";
import { saveTrait } from "@/lib/server/traits/save-trait";
import { traitDeleteSchema, traitInputSchema } from "@/lib/validation/trait";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertDataSourceVisible } from "@/lib/server/auth/assert-access";

export async function saveTraitAction(_prev: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(traitInputSchema, Object.fromEntries(form), async (input) => {
    const user = await requireActionUser(["admin", "psm"]);
    await assertDataSourceVisible(user, input.dataSourceId);
    return saveTrait(input, user.email);
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("dataSourceId"))}/traits`);
  return result;
}

export async function deleteTraitAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(traitDeleteSchema, Object.fromEntries(form), async (input) => {
    const user = await requireActionUser(["admin", "psm"]);
    await assertDataSourceVisible(user, input.dataSourceId);
    await deleteTrait(input.dataSourceId, input.id, user.email);
    return undefined;
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("dataSourceId"))}/traits`);
  return result;
}
