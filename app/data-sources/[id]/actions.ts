"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { updateReceiptSettings } from "@/lib/server/data-sources/update-receipt-settings";
import { env } from "@/lib/server/env";
import { receiptSettingsSchema } from "@/lib/validation/trait";

export async function saveReceiptSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(receiptSettingsSchema, Object.fromEntries(form), async (input) => {
    await updateReceiptSettings(input, env().APP_USER);
    return undefined;
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("id"))}`);
  return result;
}
