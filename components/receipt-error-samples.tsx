// The 10 most common errors per error type with sample lines, as AAM's Onboarding Status Report shows them.
import { ERROR_TYPES, ERROR_TYPE_LABELS, type ErrorSamples } from "@/lib/aam/error-samples";

export function ReceiptErrorSamples({ samples }: { samples: ErrorSamples }) {
  const types = ERROR_TYPES.filter((t) => (samples[t]?.length ?? 0) > 0);
  if (types.length === 0) return <p className="text-sm text-slate-500">No errors.</p>;
  return (
    <div className="space-y-1">
      {types.map((t) => (
        <details key={t} className="rounded border border-slate-200 p-2 text-sm" data-testid={`errors-${t}`}>
          <summary className="cursor-pointer font-medium">
            {ERROR_TYPE_LABELS[t]}: the {Math.min(10, samples[t]!.length)} most common
          </summary>
          <table className="mt-1 w-full text-xs">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="p-1">Error</th>
                <th className="p-1 text-right">Count</th>
                <th className="p-1">Samples (file:line)</th>
              </tr>
            </thead>
            <tbody>
              {samples[t]!.map((e) => (
                <tr key={e.key} className="border-t align-top">
                  <td className="p-1 font-mono break-all">{e.key}</td>
                  <td className="p-1 text-right tabular-nums">
                    {e.count.toLocaleString("en-US")}
                    {e.overcount > 0 ? <span title="An upper bound: the count is estimated once more distinct errors occur than are tracked."> (≤)</span> : null}
                  </td>
                  <td className="p-1 font-mono break-all">
                    {e.samples.map((s, i) => (
                      <div key={i}>
                        {s.file}:{s.line} <span className="text-slate-600">{s.text}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}
