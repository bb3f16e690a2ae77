import { formatDateTime } from "@/components/format";
import type { SubmissionDetail } from "@/lib/server/submissions/get-submission";

export function SubmissionAudit({ s }: { s: SubmissionDetail }) {
  return (
    <section aria-label="Audit trail" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Audit trail</h2>
      <ol className="mt-2 space-y-1 text-sm">
        {s.auditTrail.map((a) => (
          <li key={a.id}>
            <span className="text-slate-500">{formatDateTime(a.at)}</span> · {a.actor} · <span className="font-mono">{a.action}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
