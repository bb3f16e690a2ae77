import type { SubmissionDetail } from "@/lib/server/submissions/get-submission";

interface Sample { line?: number; column?: number; message?: string; value?: string }

export function SubmissionIssues({ s }: { s: SubmissionDetail }) {
  return (
    <section aria-label="Issues" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">Issues found by the server</h2>
        {s.issues.length ? <a href={`/api/submissions/${s.id}/issues`} className="text-sm text-brand-700 underline" download>Download issues (CSV)</a> : null}
      </div>
      {s.issues.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {s.issues.map((i) => (
            <li key={i.id}>
              <details>
                <summary className="cursor-pointer">
                  <span className="font-mono">{i.code}</span>{" "}
                  <span className={i.severity === "error" ? "text-red-700" : i.severity === "warning" ? "text-amber-700" : "text-slate-600"}>{i.severity}</span>{" "}
                  × <span data-testid={`issue-count-${i.code}`}>{i.count.toLocaleString("en-US")}</span>
                </summary>
                <ul className="ml-4 mt-1 list-disc text-xs text-slate-700">
                  {(i.samples as Sample[]).map((x, k) => (
                    <li key={k}>Line {x.line ?? "?"}{x.column ? `, column ${x.column}` : ""}: {x.message}</li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
