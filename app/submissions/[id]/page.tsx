import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { countMismatches, type ClientCounts } from "@/lib/crm/count-parity";
import { getSubmission } from "@/lib/server/submissions/get-submission";
import { listEnvironments } from "@/lib/server/environments/list-environments";
import { StatusBadge } from "@/components/status-badge";
import { AutoRefresh } from "@/components/auto-refresh";
import { ProgressBar } from "@/components/progress-bar";
import { formatBytes, formatDateTime } from "@/components/format";
import { STATUS_LABELS } from "@/components/labels";
import { ReceiptsSection } from "@/components/receipts-section";
import { listSubmissionReceipts } from "@/lib/server/receipts/list-submission-receipts";
import { SubmissionFiles } from "./submission-files";
import { SubmissionIssues } from "./submission-issues";
import { SubmissionAudit } from "./submission-audit";
import { MappingSummary } from "./mapping-summary";
import { ResubmitForm } from "./resubmit-form";
import { NoMatchHelp } from "./no-match-help";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Submission" };
export const dynamic = "force-dynamic";

const STEPS = ["received", "validated", "converted", "delivered", "processed"] as const;

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const [s, environments] = await Promise.all([getSubmission(id, user), listEnvironments()]);
  if (!s) notFound();
  // Read once for both the receipts and the "No Matching AAM ID" help (after the access check above).
  const receipts = await listSubmissionReceipts(s.id);
  const busy = s.status === "received" || s.status === "validated" || s.status === "converted";
  const at: Record<(typeof STEPS)[number], Date | null> = {
    received: s.receivedAt, validated: s.validatedAt, converted: s.convertedAt, delivered: s.deliveredAt, processed: s.processedAt,
  };
  const progress = s.progress as { phase?: string; done?: number; total?: number } | null;
  const client = s.clientCounts as ClientCounts | null;
  // The row keeps no "dropped" count of its own; the job compared it and set countMismatch.
  const serverCounts: ClientCounts = {
    rows: s.rowCount, dropped: client?.dropped ?? 0, records: s.recordCount, errors: s.errorCount, warnings: s.warningCount,
    byCode: Object.fromEntries(s.issues.map((i) => [i.code, i.count])),
  };
  const mismatches = client && s.rowCount ? countMismatches(client, serverCounts) : [];
  return (
    <div className="space-y-6">
      <AutoRefresh active={busy} />
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="break-all text-2xl font-semibold">{s.originalName}</h1>
          <p className="text-sm text-slate-600">
            {s.dataSource.name} (DPID {s.dataSource.dpid}) →{" "}
            {s.environment.kind === "production" ? <strong className="text-prod-600">{s.environment.name}</strong> : s.environment.name} · {s.mode} ·{" "}
            {formatBytes(s.originalSize)} · submitted by {s.createdBy} at {formatDateTime(s.createdAt)}
          </p>
        </div>
        <a href={`/api/submissions/${s.id}/original`} className="whitespace-nowrap rounded border border-slate-300 px-3 py-1.5 text-sm" download>
          Download original
        </a>
      </div>
      <section aria-label="Status" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-center gap-3">
          <StatusBadge status={s.status} />
          {busy ? <span className="text-sm text-slate-500" role="status">Working… (attempt {Math.max(1, s.attempts)})</span> : null}
        </div>
        {busy && progress?.total ? (
          <div className="mt-3 max-w-xl">
            <ProgressBar value={progress.done ?? 0} max={progress.total} label={progress.phase === "delivering" ? "Delivering" : "Converting"} />
          </div>
        ) : null}
        <ol className="mt-3 flex flex-wrap gap-4 text-sm" aria-label="Timeline">
          {STEPS.map((step) => (
            <li key={step} className={at[step] ? "text-slate-900" : "text-slate-500"}>
              {STATUS_LABELS[step]} {at[step] ? <span className="text-xs text-slate-500">{formatDateTime(at[step]!)}</span> : null}
            </li>
          ))}
          {s.failedAt ? <li className="text-red-700">Failed <span className="text-xs">{formatDateTime(s.failedAt)}</span></li> : null}
        </ol>
        {s.status === "failed" ? <p role="alert" className="mt-3 rounded bg-red-50 p-2 text-sm text-red-800">{s.failureReason}</p> : null}
        {mismatches.length ? (
          <div role="alert" className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900">
            The server&apos;s counts differ from what your browser showed: {mismatches.join("; ")}.
          </div>
        ) : null}
        <dl className="mt-3 grid grid-cols-4 gap-2 text-sm">
          <dt className="text-slate-500">Rows read</dt><dd className="tabular-nums">{s.rowCount.toLocaleString("en-US")}</dd>
          <dt className="text-slate-500">AAM records</dt><dd data-testid="record-count" className="tabular-nums">{s.recordCount.toLocaleString("en-US")}</dd>
          <dt className="text-slate-500">Errors</dt><dd className="tabular-nums">{s.errorCount.toLocaleString("en-US")}</dd>
          <dt className="text-slate-500">Warnings</dt><dd className="tabular-nums">{s.warningCount.toLocaleString("en-US")}</dd>
        </dl>
      </section>
      <SubmissionFiles s={s} />
      <ReceiptsSection submissionId={s.id} environmentKind={s.environment.kind} status={s.status} receipts={receipts} />
      <NoMatchHelp
        submissionId={s.id}
        status={s.status}
        dpid={s.dataSource.dpid}
        idType={s.dataSource.idType}
        crossDevice={s.dataSource.crossDevice}
        environment={s.environment}
        receipts={receipts}
      />
      <SubmissionIssues s={s} />
      <MappingSummary mapping={s.mapping} patches={s.patches} />
      <ResubmitForm
        sourceId={s.id}
        dataSourceName={s.dataSource.name}
        environments={environments.filter((e) => e.id !== s.environment.id).map(({ id, name, kind, missing, guardedAsProduction }) => ({ id, name, kind, missing, guardedAsProduction }))}
      />
      <SubmissionAudit s={s} />
    </div>
  );
}
