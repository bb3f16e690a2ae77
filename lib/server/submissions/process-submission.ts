// Converts a submission and delivers its parts: re-validates on the server (never trusting the
// browser), writes the gzip parts, uploads each under <prefix>/<partner>/date=YYYY-MM-DD/<name>, and
// records every step as a forward-only status change.
//
// Resumable by construction: the output is a pure function of the stored original, the mapping and the
// submission's fixed timestamp, so a re-run after a crash rebuilds byte-identical parts; a part already
// in the bucket with the same SHA-256 is recorded, not re-sent, and no key is ever overwritten.
import "server-only";
import { buildInboundKey, formatUtcDate } from "@/lib/aam/s3-key";
import { checkOutputParts } from "@/lib/aam/size-rules";
import type { IdType } from "@/lib/aam/id-rules";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { SafeError } from "@/lib/server/errors";
import { audit } from "@/lib/server/audit";
import { deliverFile } from "@/lib/server/delivery/deliver-file";
import { enqueueProcessingAfterDelivery } from "@/lib/server/processing/enqueue-processing";
import { mappingSchema } from "@/lib/validation/submission";
import { countMismatches, countsFromSummary, type ClientCounts } from "@/lib/crm/count-parity";
import { patchListSchema } from "@/lib/validation/patches";
import { advanceStatus } from "./advance-status";
import { convertOriginal, type ConvertResult } from "./convert-original";
import { acquireLease, holdLease } from "./lease";
import { saveIssueSummary } from "./save-issue-summary";
import { keepGeneratedCopy } from "./generated-copy";
import { progressReporter } from "./set-progress";

export const MAX_ATTEMPTS = 5;

function topCodes(summary: ConvertResult["summary"]): string {
  return Object.entries(summary.countsByCode)
    .filter(([, v]) => v.severity === "error")
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 3)
    .map(([code, v]) => `${code} × ${v.count}`)
    .join(", ");
}

/**
 * Runs (or resumes) one submission. Permanent problems (SafeError) mark it failed; anything else is
 * thrown so the job is retried with backoff, until MAX_ATTEMPTS, after which it is marked failed.
 */
export async function processSubmission(id: string): Promise<void> {
  if (!(await acquireLease(id))) return; // finished, failed, or another worker holds it
  const release = holdLease(id);
  const progress = progressReporter(id);
  let result: ConvertResult | null = null;
  try {
    const s = await db.submission.findUniqueOrThrow({ where: { id }, include: { dataSource: true, environment: true, files: true } });
    // A resumed run converts again from the start; the page must not keep showing the dead worker's phase.
    progress("converting", 0, Number(s.originalSize), true);
    if (!s.originalKey) throw new SafeError("The original file was never stored; submit it again.");
    const mapping = mappingSchema.safeParse(s.mapping);
    if (!mapping.success) throw new SafeError("The stored mapping is not valid any more; map the file again and resubmit.");
    result = await convertOriginal({
      originalKey: s.originalKey,
      mapping: mapping.data,
      patches: patchListSchema.parse(s.patches), // validated when stored; replayed over the original
      idType: s.dataSource.idType as IdType,
      mode: s.mode,
      dpid: s.dataSource.dpid,
      targetDpid: s.dataSource.targetDpid,
      timestamp: s.aamTimestamp,
      maxPartBytes: env().MAX_PART_BYTES,
      onProgress: (done, total) => progress("converting", done, total),
    });
    const { summary } = result;
    if (s.status === "received") {
      await saveIssueSummary(s.id, summary);
      await db.submission.update({
        where: { id: s.id },
        data: {
          rowCount: summary.rows, recordCount: summary.records, errorCount: summary.errors, warningCount: summary.warnings,
          countMismatch: s.clientCounts ? countMismatches(s.clientCounts as unknown as ClientCounts, countsFromSummary(summary)).length > 0 : false,
        },
      });
      if (result.header.length !== mapping.data.columns.length) {
        throw new SafeError(`The file has ${result.header.length} columns but the mapping describes ${mapping.data.columns.length}.`);
      }
      if (summary.errors > 0) {
        throw new SafeError(`The server found ${summary.errors} errors AAM would reject (${topCodes(summary)}). Fix them and submit again.`);
      }
      if (summary.records === 0) throw new SafeError("The file has no records to send.");
      await advanceStatus(s.id, "validated");
    }
    await advanceStatus(s.id, "converted");
    // Before the first byte goes out: a part AAM would refuse fails the submission, never half of it delivered.
    const oversize = checkOutputParts(result.parts);
    if (oversize.length) throw new SafeError(`AAM would refuse ${oversize.length === 1 ? "a part" : `${oversize.length} parts`} of this file: ${oversize.join(" ")} Lower MAX_PART_BYTES.`);

    const date = formatUtcDate(s.aamTimestamp);
    const delivered = new Set(s.files.filter((f) => f.deliveredAt).map((f) => f.part));
    const total = result.parts.reduce((n, p) => n + p.bytes, 0);
    let before = 0;
    progress("delivering", 0, total, true);
    for (const part of result.parts) {
      if (delivered.has(part.index)) {
        before += part.bytes;
        continue;
      }
      const key = buildInboundKey({ prefix: s.environment.prefix, partner: s.dataSource.partnerFolder, date, name: part.name });
      // Our own copy first: downloads never need the partner's credentials (often write-only) and
      // work for SFTP environments too.
      await keepGeneratedCopy(s.id, part);
      const base = before;
      const put = await deliverFile(s.environment, {
        key,
        path: part.path,
        sha256: part.sha256,
        onProgress: (loaded) => progress("delivering", base + loaded, total),
      });
      before += part.bytes;
      await db.submissionFile.upsert({
        where: { submissionId_part: { submissionId: s.id, part: part.index } },
        create: {
          submissionId: s.id, part: part.index, aamName: part.name, objectKey: key, bytes: BigInt(part.bytes),
          records: part.lines, sha256: part.sha256, etag: put.etag, deliveredAt: new Date(),
        },
        update: { etag: put.etag, deliveredAt: new Date() },
      });
    }
    progress("delivering", total, total, true);
    if (await advanceStatus(s.id, "delivered")) {
      await audit(s.createdBy, "submission.deliver", "Submission", s.id, { parts: result.parts.length, environment: s.environment.name });
    }
    await enqueueProcessingAfterDelivery(s.environment);
  } catch (error) {
    const attempts = (await db.submission.findUnique({ where: { id }, select: { attempts: true } }))?.attempts ?? MAX_ATTEMPTS;
    if (!(error instanceof SafeError) && attempts < MAX_ATTEMPTS) throw error;
    const reason =
      error instanceof SafeError
        ? error.message
        : `Delivery failed after ${attempts} attempts: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof SafeError)) console.error("processSubmission", id, error);
    await advanceStatus(id, "failed", { failureReason: reason });
  } finally {
    await release();
    await result?.cleanup();
  }
}
