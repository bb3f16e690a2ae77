// The processing job for one environment: under a per-environment advisory lock and in one transaction,
// find the files no run has processed yet and apply them (process-inbound.ts). After the commit, move
// fully processed submissions to "processed" and mail the receipts. A failed run rolls back completely,
// so its files are simply picked up again by the retry.
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
  let result: ProcessInboundResult;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`aam-processing:${environmentId}`]);
    const listed = await source.list();
    const done = await client.query<{ objectKey: string }>(
      `SELECT "objectKey" FROM "ProcessedFile" WHERE "environmentId" = $1::uuid AND "objectKey" = ANY($2::text[])`,
      [environmentId, listed.map((o) => o.key)],
    );
    const seen = new Set(done.rows.map((r) => r.objectKey));
    const fresh = listed.filter((o) => !seen.has(o.key));
    result = await processInbound(client, {
      environmentId,
      objects: fresh,
      uriPrefix: source.uriPrefix,
      loadMethod: await detectLoadMethod(client),
      from: env().MAIL_FROM,
      footer: `Processed by AAM Onboard's local processor with Audience Manager's rules (environment "${environment.name}"); this is not a receipt from Adobe.`,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }

  for (const r of result.receipts) {
    for (const submissionId of r.submissionIds) await markProcessedIfComplete(submissionId, environmentId);
    await sendReceiptMail(r.receiptId).catch((e: unknown) => console.error("[receipts] mail failed", r.receiptId, e));
  }
  for (const x of result.rejected) {
    await audit(opts.actor ?? "processor", "processing.reject", "Environment", environmentId, { key: x.key, reason: x.reason });
  }
  return result;
}

async function markProcessedIfComplete(submissionId: string, environmentId: string): Promise<void> {
  const files = await db.submissionFile.findMany({ where: { submissionId }, select: { objectKey: true } });
  const processed = await db.processedFile.count({ where: { environmentId, objectKey: { in: files.map((f) => f.objectKey) } } });
  if (files.length > 0 && processed === files.length) await advanceStatus(submissionId, "processed");
}
