// Mails a receipt to its data source's receipt addresses, when SMTP is configured: AAM's layout as the
// body, the CSV attached. Records when it went out; a failure is the caller's to log (the receipt stays
// downloadable either way).
import "server-only";
import { AAM_SUBJECT } from "@/lib/aam/receipt";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { mailTransport } from "@/lib/server/mail/mail-transport";
import { getReceipt } from "./get-receipt";
import { receiptCsv, receiptFileBase } from "./receipt-exports";

export async function sendReceiptMail(receiptId: string): Promise<boolean> {
  const transport = mailTransport();
  if (!transport) return false;
  const r = await getReceipt(receiptId);
  const to = r?.dataSource?.receiptEmails ?? [];
  if (!r || to.length === 0) return false;
  await transport.sendMail({
    from: env().MAIL_FROM,
    to,
    subject: `${AAM_SUBJECT} ${r.dataSource?.name ?? ""} (DPID ${r.dataSource?.dpid ?? "?"}), ${r.environment.name}`,
    text: r.text,
    attachments: [{ filename: `${receiptFileBase(r)}.csv`, content: receiptCsv(r), contentType: "text/csv; charset=utf-8" }],
  });
  await db.receipt.update({ where: { id: r.id }, data: { emailedAt: new Date() } });
  return true;
}
