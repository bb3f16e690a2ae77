import type { Metadata } from "next";
import Link from "next/link";
import { listProcessingStatus } from "@/lib/server/processing/list-processing-status";
import { formatDateTime } from "@/components/format";
import { ProcessNowButton } from "@/components/process-now-button";
import { processNowAction } from "./actions";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Processing" };
export const dynamic = "force-dynamic";

export default async function ProcessingPage() {
  await requirePageUser(["admin", "psm"]);
  const environments = await listProcessingStatus();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Processing</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Where Adobe is not in the loop (the local sandbox, a partner&apos;s own dry run), the local processor plays Audience Manager&apos;s part:
          it picks up new inbound files from the environment&apos;s date= folders daily, right after each sandbox delivery, or when you press
          &quot;Process now&quot;, applies them to a profile store with AAM&apos;s rules and writes a receipt with AAM&apos;s counters.
        </p>
      </div>
      {environments.map((e) => (
        <section key={e.id} aria-label={e.name} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-center gap-4">
            <h2 className="font-semibold">{e.name}</h2>
            <span className="text-xs text-slate-500">{e.kind} · {e.location}</span>
            <span className="text-xs text-slate-500">{e.processedFiles} file(s) processed</span>
            <span className="ml-auto">
              {e.local ? (
                <ProcessNowButton environmentId={e.id} environmentName={e.name} action={processNowAction} />
              ) : (
                <span className="text-xs text-slate-500">Processed by Adobe: attach its receipt e-mails on the submission pages.</span>
              )}
            </span>
          </div>
          {e.receipts.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">No receipts yet.</p>
          ) : (
            <table className="mt-2 w-full text-sm">
              <caption className="sr-only">Latest receipts of {e.name}</caption>
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="p-1">Started</th><th className="p-1">Data source</th><th className="p-1 text-right">Received</th>
                  <th className="p-1 text-right">Stored</th><th className="p-1 text-right">Format errors</th><th className="p-1 text-right">No match</th>
                  <th className="p-1 text-right">No trait</th><th className="p-1">Download</th>
                </tr>
              </thead>
              <tbody>
                {e.receipts.map((r) => (
                  <tr key={r.id} className="border-t">
                    <td className="p-1">{r.submissionId ? <Link className="underline" href={`/submissions/${r.submissionId}`}>{formatDateTime(r.startedAt)}</Link> : formatDateTime(r.startedAt)}</td>
                    <td className="p-1">{r.dataSourceId ? <Link className="underline" href={`/data-sources/${r.dataSourceId}`}>{r.dataSource}</Link> : r.dataSource}</td>
                    <td className="p-1 text-right tabular-nums">{r.counters.recordsReceived.toLocaleString("en-US")}</td>
                    <td className="p-1 text-right tabular-nums">{r.counters.storedRecords.toLocaleString("en-US")}</td>
                    <td className="p-1 text-right tabular-nums">{r.counters.formatErrors.toLocaleString("en-US")}</td>
                    <td className="p-1 text-right tabular-nums">{r.counters.noMatchingAamId.toLocaleString("en-US")}</td>
                    <td className="p-1 text-right tabular-nums">{r.counters.noTraitRealized.toLocaleString("en-US")}</td>
                    <td className="p-1 space-x-2">
                      {(["txt", "json", "csv"] as const).map((f) => (
                        <a key={f} className="text-brand-700 underline" href={`/api/receipts/${r.id}/${f}`} download>{f}</a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
