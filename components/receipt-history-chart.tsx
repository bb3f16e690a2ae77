// Records received per receipt, split into what was stored and why the rest was not (AAM's Onboarding
// Status Report shows a stacked bar per day). Exclusive categories, so each bar's height is the records
// received. A plain SVG with a title and description, and the same numbers in a table for screen readers
// and for copying.
import type { ReceiptCounters } from "@/lib/aam/receipt";
import { formatDateTime } from "@/components/format";

export interface HistoryPoint {
  id: string;
  at: Date;
  source: string;
  counters: ReceiptCounters;
}

const SERIES = [
  { key: "stored", label: "Stored", color: "#059669", value: (c: ReceiptCounters) => c.storedRecords },
  { key: "format", label: "Format errors", color: "#dc2626", value: (c: ReceiptCounters) => c.formatErrors },
  { key: "aam", label: "Invalid AAM ID", color: "#f97316", value: (c: ReceiptCounters) => c.invalidAamId },
  { key: "device", label: "Invalid device ID", color: "#f59e0b", value: (c: ReceiptCounters) => c.invalidDeviceId },
  { key: "match", label: "No matching AAM ID", color: "#8b5cf6", value: (c: ReceiptCounters) => c.noMatchingAamId },
  { key: "trait", label: "No trait realized", color: "#64748b", value: (c: ReceiptCounters) => c.noTraitRealized },
  { key: "over", label: "Over 200 lines per user", color: "#0ea5e9", value: (c: ReceiptCounters) => Math.max(0, c.recordsReceived - c.recordsProcessed) },
] as const;

const W = 720;
const H = 240;
const PAD = { left: 56, right: 8, top: 8, bottom: 28 };

export function ReceiptHistoryChart({ points, title }: { points: HistoryPoint[]; title: string }) {
  if (points.length === 0) return <p className="text-sm text-slate-500">No receipts yet for this data source.</p>;
  const max = Math.max(1, ...points.map((p) => p.counters.recordsReceived));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / points.length;
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-labelledby="history-title history-desc">
        <title id="history-title">{title}</title>
        <desc id="history-desc">
          Stacked bars, one per receipt, oldest first: records received, split into stored records and each error type. The table below has the same numbers.
        </desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#64748b">
              {Math.round(max * f).toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
          let acc = 0;
          return (
            <g key={p.id} data-testid="history-bar">
              {SERIES.map((s) => {
                const v = s.value(p.counters);
                if (v === 0) return null;
                const top = y(acc + v);
                const rect = <rect key={s.key} x={x} y={top} width={bar} height={y(acc) - top} fill={s.color}><title>{`${formatDateTime(p.at)}: ${s.label} ${v.toLocaleString("en-US")}`}</title></rect>;
                acc += v;
                return rect;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={H - 10} textAnchor="middle" fontSize="10" fill="#64748b">
                  {p.at.toISOString().slice(5, 10)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-xs">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </figcaption>
      <table className="w-full text-xs" data-testid="history-table">
        <caption className="text-left text-sm font-medium text-slate-700">{title}: the numbers</caption>
        <thead>
          <tr className="text-left text-slate-500">
            <th className="p-1">Receipt</th>
            <th className="p-1 text-right">Received</th>
            {SERIES.map((s) => (
              <th key={s.key} className="p-1 text-right">{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.id} className="border-t">
              <td className="p-1">
                <a className="underline" href={`/api/receipts/${p.id}/txt`}>{formatDateTime(p.at)}</a>
                {p.source === "aam_email" ? " (AAM)" : ""}
              </td>
              <td className="p-1 text-right tabular-nums">{p.counters.recordsReceived.toLocaleString("en-US")}</td>
              {SERIES.map((s) => (
                <td key={s.key} className="p-1 text-right tabular-nums">{s.value(p.counters).toLocaleString("en-US")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
