"use client";
// Before/after of one fix step on sample rows, computed by the worker with the same row pipeline the
// passes run; nothing changes until the user presses Apply (and Apply can be undone).
import { useEffect, useState } from "react";
import type { Patch } from "@/lib/crm/patches";
import type { PreviewItem } from "@/lib/worker/protocol";
import type { CrmWorker } from "@/lib/worker/use-crm-worker";

export interface PendingFix {
  label: string;
  explain: string;
  patches: Patch[];
  key: string | null;
  column: number | null;
}

export function FixPreview({ worker, docId, fix, onApply, onCancel }: { worker: CrmWorker; docId: string; fix: PendingFix; onApply(): void; onCancel(): void }) {
  const [items, setItems] = useState<PreviewItem[] | null>(null);
  const [affected, setAffected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    worker
      .request({ type: "preview", doc: docId, step: fix.patches, key: fix.key, column: fix.column }, "preview")
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setAffected(r.affected);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [worker, docId, fix]);
  return (
    <section aria-label={`Preview: ${fix.label}`} className="mt-2 rounded border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="fix-preview">
      <p className="font-medium">{fix.label}</p>
      <p className="text-slate-600">{fix.explain}</p>
      {error ? <p role="alert" className="text-red-800">{error}</p> : null}
      {items === null && !error ? <p>Computing the preview…</p> : null}
      {items && items.length === 0 ? <p>No row in the sample changes.</p> : null}
      {items && items.length > 0 ? (
        <table className="mt-2 w-full table-fixed border-collapse bg-white text-xs">
          <caption className="sr-only">Values before and after the fix</caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col" className="w-16 p-1">Line</th>
              <th scope="col" className="p-1">Before</th>
              <th scope="col" className="p-1">After</th>
              <th scope="col" className="p-1">Issues after</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.line} className="border-t align-top" data-testid="fix-preview-row">
                <td className="p-1 tabular-nums">{i.line}</td>
                <td className="truncate p-1 font-mono" title={i.before}>{i.before}</td>
                <td className="truncate p-1 font-mono" title={i.after}>{i.after}</td>
                <td className="p-1">{i.droppedAfter ? "left out" : i.afterCodes.length ? i.afterCodes.join(", ") : "none"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {affected !== null ? <p className="mt-1 text-slate-600">Rows with this issue now: {affected.toLocaleString("en-US")}.</p> : null}
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={onApply} className="rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-3 py-1">
          Cancel
        </button>
      </div>
    </section>
  );
}
