"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { createDataSource } from "@/lib/server/data-sources/create-data-source";
import { dataSourceInputSchema } from "@/lib/validation/data-source";
import { requireActionUser } from "@/lib/server/auth/current-user";

export async function createDataSourceAction(_prev: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(dataSourceInputSchema, Object.fromEntries(form), async (input) => {
    const user = await requireActionUser(["admin"]);
    const created = await createDataSource(input, user.email);
    return { id: created.id };
  });
  if (result.ok) revalidatePath("/data-sources");
  return result;
}
