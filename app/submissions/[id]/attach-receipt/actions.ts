"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { SafeError } from "@/lib/server/errors";
import { attachAamReceipt } from "@/lib/server/receipts/attach-aam-receipt";
import { attachReceiptInputSchema, MAX_RECEIPT_UPLOAD_BYTES } from "@/lib/validation/receipt";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertSubmissionVisible } from "@/lib/server/auth/assert-access";

export type AttachResult = ActionResult<{ receiptId: string; linked: number; processed: number; namesThisSubmission: boolean; storedMismatch: boolean }>;

export async function attachReceiptAction(_prev: AttachResult | null, form: FormData): Promise<AttachResult> {
  const file = form.get("file");
  const result = await runAction(attachReceiptInputSchema, { submissionId: form.get("submissionId"), text: form.get("text") ?? "" }, async (input) => {
    const user = await requireActionUser(["admin", "psm"]);
    await assertSubmissionVisible(user, input.submissionId);
    let content: string | Buffer = input.text;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_RECEIPT_UPLOAD_BYTES) throw new SafeError("The saved message is too large; paste the receipt text instead.");
      content = Buffer.from(await file.arrayBuffer());
    }
    const r = await attachAamReceipt(input.submissionId, content, user.email);
    return { receiptId: r.receiptId, linked: r.linked.length, processed: r.processed.length, namesThisSubmission: r.namesThisSubmission, storedMismatch: r.storedMismatch };
  });
  if (result.ok) revalidatePath(`/submissions/${String(form.get("submissionId"))}`);
  return result;
}
