import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";

/** Cross-device handling (unmatched records are kept) and the addresses receipts are mailed to. */
export async function updateReceiptSettings(input: { id: string; crossDevice: boolean; receiptEmails: string[] }, actor: string): Promise<void> {
  await db.dataSource.update({ where: { id: input.id }, data: { crossDevice: input.crossDevice, receiptEmails: input.receiptEmails } });
  await audit(actor, "data_source.receipt_settings", "DataSource", input.id, { crossDevice: input.crossDevice, receiptEmails: input.receiptEmails.length });
}
