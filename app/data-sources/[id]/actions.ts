"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { updateReceiptSettings } from "@/lib/server/data-sources/update-receipt-settings";
import { updateRedirectHosts } from "@/lib/server/data-sources/update-redirect-hosts";
import { redirectHostsSchema } from "@/lib/validation/redirect-hosts";
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

/** The hosts /ibs may redirect to; the same roles and partner scope as the receipt settings. */
export async function saveRedirectHostsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(redirectHostsSchema, Object.fromEntries(form), async (input) => {
    const user = await requireActionUser(["admin", "psm"]);
    await assertDataSourceVisible(user, input.id);
    await updateRedirectHosts(input, user.email);
    return undefined;
  });
  if (result.ok) revalidatePath(`/data-sources/${String(form.get("id"))}`);
  return result;
}
