// Checks that run before a submission is created, on the server, whatever the browser did: the
// environment is ready, production is confirmed by typing the data source's name, a data source that
// asks for one has a delivered trial run of the same mapping, and the same file is not sent twice by
// accident.
import "server-only";
import type { DataSource, Environment } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { missingSettings } from "@/lib/server/environments/environment-readiness";
import { isProductionDestination } from "@/lib/aam/adobe-destinations";
import { formatBytes } from "@/components/format";
import type { SubmissionMeta } from "@/lib/validation/submission";

export class DuplicateSubmissionError extends SafeError {
  constructor(readonly previous: { id: string; createdAt: Date; status: string }) {
    super(
      `This exact file was already sent to this environment for this data source on ${previous.createdAt.toISOString().slice(0, 10)} (status: ${previous.status}). Send it again only if you mean to.`,
      409,
      "duplicate",
    );
    this.name = "DuplicateSubmissionError";
  }
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order they were written in. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Column roles and value maps only: two runs "use the same mapping" when these agree. */
export function mappingFingerprint(mapping: unknown): string {
  const m = mapping as { columns?: unknown; valueMaps?: unknown; splitMultiValues?: unknown };
  return canonicalJson([m.columns ?? [], m.valueMaps ?? {}, m.splitMultiValues ?? {}]);
}

/** An environment's own size limit (Environment.maxUploadBytes), checked when the upload starts and again at submit. */
export function assertFitsEnvironment(environment: Pick<Environment, "name" | "maxUploadBytes">, size: number): void {
  if (environment.maxUploadBytes && BigInt(size) > environment.maxUploadBytes) {
    throw new SafeError(`${environment.name} accepts files up to ${formatBytes(Number(environment.maxUploadBytes))}.`, 413);
  }
}

export async function checkSubmissionGuards(
  meta: SubmissionMeta,
  dataSource: DataSource,
  environment: Environment,
  upload: { size: number; sha256: string },
): Promise<void> {
  const missing = missingSettings(environment);
  if (missing.length) throw new SafeError(`${environment.name} is not ready: add ${missing.join(" and ")} on the Environments page.`);
  assertFitsEnvironment(environment, upload.size);
  // Where the files go decides, not the kind: a custom environment aimed at Adobe's hosts is production.
  if (isProductionDestination(environment)) {
    if ((meta.confirmProduction ?? "").trim() !== dataSource.name) {
      throw new SafeError(`Type the data source name "${dataSource.name}" to confirm sending to production.`, 403);
    }
    if (dataSource.requireTrialRun) {
      const trials = await db.submission.findMany({
        where: { dataSourceId: dataSource.id, status: { in: ["delivered", "processed"] }, environment: { kind: { in: ["beta", "sandbox"] } } },
        select: { mapping: true },
        orderBy: { createdAt: "desc" },
        take: 50,
      });
      const wanted = mappingFingerprint(meta.mapping);
      if (!trials.some((t) => mappingFingerprint(t.mapping) === wanted)) {
        throw new SafeError(`${dataSource.name} needs a delivered beta or sandbox run of this same mapping before production. Send it to the sandbox first.`, 403);
      }
    }
  }
  if (!meta.allowDuplicate) {
    const previous = await db.submission.findFirst({
      where: { originalSha256: upload.sha256, dataSourceId: dataSource.id, environmentId: environment.id, status: { not: "failed" } },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, status: true },
    });
    if (previous) throw new DuplicateSubmissionError(previous);
  }
}
