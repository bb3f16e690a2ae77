// AAM's receipt counters as a definition list, in the e-mail's order; Stored Records also as a share of
// records processed (A9: AAM's "percent success" is processed/received, so both are labelled plainly).
import { RECEIPT_FIELDS, type ReceiptCounters as Counters } from "@/lib/aam/receipt";

export function ReceiptCounters({ counters }: { counters: Counters }) {
  const share = counters.recordsProcessed > 0 ? (100 * counters.storedRecords) / counters.recordsProcessed : 0;
  return (
    <dl className="grid grid-cols-[auto_auto] gap-x-6 gap-y-0.5 text-sm sm:grid-cols-[auto_auto_auto_auto]">
      {RECEIPT_FIELDS.map((f) => (
        <div key={f.key} className="contents">
          <dt className="text-slate-500">{f.label}</dt>
          <dd data-testid={`counter-${f.key}`} className="text-right tabular-nums">
            {counters[f.key].toLocaleString("en-US")}
          </dd>
        </div>
      ))}
      <div className="contents">
        <dt className="text-slate-500">Stored / processed</dt>
        <dd className="text-right tabular-nums">{share.toFixed(1)}%</dd>
      </div>
    </dl>
  );
}
