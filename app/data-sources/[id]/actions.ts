"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { updateReceiptSettings } from "@/lib/server/data-sources/update-receipt-settings";
import { receiptSettingsSchema } from "@/lib/validation/trait";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertDataSourceVisible } from "@/lib/server/auth/assert-access";

export async function saveReceiptSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(receiptSettingsSchema, Object.fromEntries(form), async (input) => {
    const user = await requireActionUser(["admin", "psm"]);
    await assertDataSourceVisible(user, input.id);
    await updateReceiptSettings(input, user.email);
    return undefined;
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("id"))}`);
  return result;
}
