// Attaches AAM's own receipt e-mail to a submission AAM processed (production, beta): pasted text, or the
// saved message (.eml, possibly MIME-encoded HTML), read into the same fields as the processor's receipts.
// The receipt is linked to every submission of the environment whose files it names, and those whose
// files it names completely move to "processed".
import "server-only";
import { simpleParser } from "mailparser";
import { parseReceiptText, receiptFileName } from "@/lib/aam/receipt";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { advanceStatus } from "@/lib/server/submissions/advance-status";

/** A saved message starts with RFC 5322 headers; pasted receipt text does not. */
function looksLikeMessage(s: string): boolean {
  const head = s.slice(0, 4000).split(/\r?\n\r?\n/)[0] ?? "";
  return /^(mime-version|content-type|received|return-path|message-id):/im.test(head);
}

export async function receiptTextFrom(input: string | Buffer): Promise<string> {
  const raw = typeof input === "string" ? input : input.toString("utf8");
  if (!looksLikeMessage(raw)) return raw;
  const mail = await simpleParser(typeof input === "string" ? Buffer.from(input) : input);
  const text = mail.text?.trim() ? mail.text : typeof mail.html === "string" ? mail.html : "";
  const from = mail.from?.text ? `From: ${mail.from.text}\n` : "";
  const subject = mail.subject ? `Subject: ${mail.subject}\n` : "";
  return from + subject + text;
}

export async function attachAamReceipt(submissionId: string, input: string | Buffer, actor: string) {
  const submission = await db.submission.findUnique({ where: { id: submissionId }, include: { environment: true } });
  if (!submission) throw new SafeError("That submission does not exist.", 404);
  const text = (await receiptTextFrom(input)).trim();
  if (text === "") throw new SafeError("Paste the receipt e-mail or choose the saved message.");
  const parsed = parseReceiptText(text);
  if (!parsed.ok) throw new SafeError(`This does not read as AAM's receipt: ${parsed.errors.join(" ")}`);
  const r = parsed.value;
  const names = new Set(r.files.map(receiptFileName));
  const candidates = await db.submissionFile.findMany({
    where: { submission: { environmentId: submission.environmentId }, aamName: { in: [...names] } },
    select: { submissionId: true },
  });
  const linked = new Set([submissionId, ...candidates.map((c) => c.submissionId)]);
  const receipt = await db.receipt.create({
    data: {
      environmentId: submission.environmentId,
      dataSourceId: submission.dataSourceId,
      source: "aam_email",
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      counters: r.counters,
      files: r.files,
      text: text.slice(0, 1_000_000),
      submissions: { create: [...linked].map((id) => ({ submissionId: id })) },
    },
  });
  const processed: string[] = [];
  for (const id of linked) {
    const files = await db.submissionFile.findMany({ where: { submissionId: id }, select: { aamName: true } });
    if (files.length > 0 && files.every((f) => names.has(f.aamName)) && (await advanceStatus(id, "processed"))) processed.push(id);
  }
  await audit(actor, "receipt.attach", "Receipt", receipt.id, { submissionId, linked: linked.size, processed: processed.length });
  const ownFiles = await db.submissionFile.count({ where: { submissionId, aamName: { in: [...names] } } });
  return { receiptId: receipt.id, linked: [...linked], processed, namesThisSubmission: ownFiles > 0, storedMismatch: r.storedMismatch };
}
