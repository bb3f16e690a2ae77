// The processing job for one environment: under a per-environment advisory lock and in one transaction,
// find the files no run has processed yet and apply them (process-inbound.ts). After the commit, move
// fully processed submissions to "processed" and mail the receipts. A failed run rolls back completely,
// so its files are simply picked up again by the retry.
//
// What follows the commit is reconciled from the database on every run rather than carried over from
// the run that committed: a worker killed between COMMIT and "processed" (or the mail) leaves files
// that no later run finds new, so each run also finishes every submission whose files are all
// processed, and mails every receipt that has not gone out.
import "server-only";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { SafeError } from "@/lib/server/errors";
import { audit } from "@/lib/server/audit";
import { sendReceiptMail } from "@/lib/server/receipts/send-receipt-mail";
import { advanceStatus } from "@/lib/server/submissions/advance-status";
import type { InboundSource } from "./inbound-source";
import { processingPool } from "./pg-pool";
import { processInbound, type ProcessInboundResult } from "./process-inbound";
import { s3InboundSource } from "./s3-source";
import { detectLoadMethod } from "./stage-writer";

/** Environments the local processor plays AAM for; production and beta are processed by AAM itself. */
export function isLocallyProcessed(e: { kind: string; transport: string }): boolean {
  return (e.kind === "sandbox" || e.kind === "custom") && e.transport === "s3";
}

export async function runProcessing(environmentId: string, opts: { source?: InboundSource; actor?: string } = {}): Promise<ProcessInboundResult> {
  const environment = await db.environment.findUnique({ where: { id: environmentId } });
  if (!environment) throw new SafeError("That environment does not exist.", 404);
  if (!opts.source && !isLocallyProcessed(environment)) {
    throw new SafeError(`${environment.name} is processed by Adobe; attach AAM's receipt e-mail to its submissions instead.`);
  }
  const source = opts.source ?? (await s3InboundSource(environment));
  const client = await processingPool().connect();
  // A connection lost between two statements errors on the client, not on a query: handled here, the
  // next statement fails and the run rolls back like any other failure. A COPY in flight on it would
  // wait forever (its stream never ends), so the run also stops waiting once the connection is gone.
  let onLost: (e: Error) => void = () => {};
  let lostError: Error | undefined;
  const lost = new Promise<never>((_, reject) => {
    onLost = (e: Error) => {
      lostError = e;
      console.error("[processing] connection lost mid-run:", e.message);
      reject(e);
    };
  });
  lost.catch(() => {});
  client.on("error", onLost);
  let result: ProcessInboundResult;
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`aam-processing:${environmentId}`]);
    const listed = await source.list();
    const listedKeys = listed.map((o) => o.key);
    const done = await client.query<{ objectKey: string }>(
      `SELECT "objectKey" FROM "ProcessedFile" WHERE "environmentId" = $1::uuid AND "objectKey" = ANY($2::text[])`,
      [environmentId, listedKeys],
    );
    const seen = new Set(done.rows.map((r) => r.objectKey));
    // A submission still being delivered has only some of its parts in the bucket; applying those would
    // split one logical file into two receipts. Its parts wait for the run after its delivery.
    const inFlight = await client.query<{ objectKey: string }>(
      `SELECT sf."objectKey" FROM "SubmissionFile" sf JOIN "Submission" s ON s.id = sf."submissionId"
       WHERE s."environmentId" = $1::uuid AND s.status IN ('received', 'validated', 'converted') AND sf."objectKey" = ANY($2::text[])`,
      [environmentId, listedKeys],
    );
    for (const r of inFlight.rows) seen.add(r.objectKey);
    const fresh = listed.filter((o) => !seen.has(o.key));
    result = await Promise.race([lost, processInbound(client, {
      environmentId,
      objects: fresh,
      uriPrefix: source.uriPrefix,
      loadMethod: await detectLoadMethod(client),
      from: env().MAIL_FROM,
      footer: `Processed by AAM Onboard's local processor with Audience Manager's rules (environment "${environment.name}"); this is not a receipt from Adobe.`,
      nowSeconds: Math.floor(Date.now() / 1000),
    })]);
    await client.query("COMMIT");
  } catch (error) {
    // A lost connection is never handed back to the pool, whatever ROLLBACK answers.
    if (lostError) broken = lostError;
    await client.query("ROLLBACK").catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e));
    });
    throw error;
  } finally {
    client.off("error", onLost);
    // A connection that could not even roll back is discarded, not handed to the next run.
    client.release(broken);
  }

  await finishProcessedSubmissions(environmentId);
  await mailPendingReceipts(environmentId);
  for (const x of result.rejected) {
    await audit(opts.actor ?? "processor", "processing.reject", "Environment", environmentId, { key: x.key, reason: x.reason });
  }
  return result;
}

/** Every delivered submission of the environment whose files have all been processed becomes "processed". */
async function finishProcessedSubmissions(environmentId: string): Promise<void> {
  // One query for the whole environment, not a count per waiting submission: those with files, none of
  // them still without a receipt.
  const finished = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id::text AS id FROM "Submission" s
    WHERE s."environmentId" = ${environmentId}::uuid AND s.status = 'delivered'
      AND EXISTS (SELECT 1 FROM "SubmissionFile" sf WHERE sf."submissionId" = s.id)
      AND NOT EXISTS (
        SELECT 1 FROM "SubmissionFile" sf
        WHERE sf."submissionId" = s.id
          AND NOT EXISTS (
            SELECT 1 FROM "ProcessedFile" pf
            WHERE pf."environmentId" = s."environmentId" AND pf."objectKey" = sf."objectKey" AND pf."receiptId" IS NOT NULL))`;
  for (const { id } of finished) await advanceStatus(id, "processed");
}

/** This environment's receipts of the last day not mailed yet (a crash, a mail server down); a no-op without SMTP. */
async function mailPendingReceipts(environmentId: string): Promise<void> {
  if (!env().SMTP_URL) return;
  const pending = await db.receipt.findMany({
    where: { environmentId, source: "processor", emailedAt: null, createdAt: { gt: new Date(Date.now() - 86_400_000) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const r of pending) {
    await sendReceiptMail(r.id).catch((e: unknown) => console.error("[receipts] mail failed", r.id, e));
  }
}
