"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { createDataSource } from "@/lib/server/data-sources/create-data-source";
import { env } from "@/lib/server/env";
import { dataSourceInputSchema } from "@/lib/validation/data-source";

export async function createDataSourceAction(_prev: ActionResult<{ id: string }> | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(dataSourceInputSchema, Object.fromEntries(form), async (input) => {
    const created = await createDataSource(input, env().APP_USER);
    return { id: created.id };
  });
  if (result.ok) revalidatePath("/data-sources");
  return result;
}
