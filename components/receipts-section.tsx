// The "Receipts" section of a submission page: the processor's receipts (local sandbox) or AAM's receipt
// e-mails attached by a user (production, beta), each with counters, top errors and downloads.
import Link from "next/link";
import type { SubmissionReceipt } from "@/lib/server/receipts/list-submission-receipts";
import { AutoRefresh } from "@/components/auto-refresh";
import { formatDateTime } from "@/components/format";
import { ReceiptCounters } from "@/components/receipt-counters";
import { ReceiptErrorSamples } from "@/components/receipt-error-samples";

const SOURCE_LABELS = { processor: "Local processor (AAM's rules)", aam_email: "AAM's receipt e-mail" } as const;

export function ReceiptsSection({ submissionId, environmentKind, status, receipts }: { submissionId: string; environmentKind: string; status: string; receipts: SubmissionReceipt[] }) {
  const byAdobe = environmentKind === "production" || environmentKind === "beta";
  const waiting = !byAdobe && status === "delivered" && receipts.length === 0;
  return (
    <section aria-label="Receipts" className="rounded-lg border border-slate-200 bg-white p-4">
      <AutoRefresh active={waiting} ms={1500} />
      <div className="flex items-center justify-between gap-4">
        <h2 className="font-semibold">Receipts</h2>
        {byAdobe ? (
          <Link className="text-sm text-brand-700 underline" href={`/submissions/${submissionId}/attach-receipt`}>
            Attach AAM&apos;s receipt e-mail
          </Link>
        ) : (
          <Link className="text-sm text-brand-700 underline" href="/processing">
            Processing
          </Link>
        )}
      </div>
      {receipts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500" role="status">
          {byAdobe
            ? "Adobe mails a receipt after processing (up to 48 hours after delivery). Attach it here to keep it with the submission."
            : waiting
              ? "Waiting for the local processor…"
              : "No receipt yet: the local processor sends one once the files are delivered and processed."}
        </p>
      ) : (
        <ul className="mt-2 space-y-4">
          {receipts.map((r) => (
            <li key={r.id} data-testid="receipt" className="space-y-2 border-t pt-2">
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                <span className="font-medium">{SOURCE_LABELS[r.source]}</span>
                <span className="text-slate-600">
                  {formatDateTime(r.startedAt)} → {formatDateTime(r.endedAt)}
                </span>
                {r.emailedAt ? <span className="text-slate-600">mailed {formatDateTime(r.emailedAt)}</span> : null}
                <span className="ml-auto flex gap-3">
                  {(["txt", "json", "csv"] as const).map((f) => (
                    <a key={f} className="text-brand-700 underline" href={`/api/receipts/${r.id}/${f}`} download>
                      Save as {f.toUpperCase()}
                    </a>
                  ))}
                </span>
              </div>
              <details className="text-xs">
                <summary className="cursor-pointer text-slate-600">{r.files.length} file(s) processed together</summary>
                <ul className="mt-1 font-mono break-all">
                  {r.files.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </details>
              <ReceiptCounters counters={r.counters} />
              <ReceiptErrorSamples samples={r.errorSamples} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
