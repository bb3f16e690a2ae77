"use client";
// Live counts per issue code, the row filter, fixes grouped by cause (each previewed before it is applied),
// column tools, the undo/redo history and the issue download. Counts update while the worker checks;
// screen readers hear the totals once a check finishes, not every tick.
import { useEffect, useMemo, useState } from "react";
import type { IdType } from "@/lib/aam/id-rules";
import { COLUMN_RECIPES, fixesFor } from "@/lib/crm/fixes";
import type { Recipe } from "@/lib/crm/patches";
import type { CountsSnapshot, RowView } from "@/lib/worker/protocol";
import type { CrmWorker } from "@/lib/worker/use-crm-worker";
import { FixPreview, type PendingFix } from "./fix-preview";
import type { FixStep, ImportDoc } from "./use-import-docs";

const n = (v: number) => v.toLocaleString("en-US");

export function summaryText(c: CountsSnapshot): string {
  return `${n(c.records)} AAM records from ${n(c.rows)} rows · ${n(c.errors)} errors · ${n(c.warnings)} warnings${c.dropped ? ` · ${n(c.dropped)} row${c.dropped === 1 ? "" : "s"} left out` : ""}`;
}

export function IssuesPanel(p: {
  worker: CrmWorker;
  doc: ImportDoc;
  idType: IdType;
  view: RowView;
  setView(v: RowView): void;
  onApply(step: FixStep): void;
  onUndo(): void;
  onRedo(): void;
}) {
  const { doc } = p;
  const c = doc.counts;
  const [pending, setPending] = useState<(PendingFix & { group: string }) | null>(null);
  const [toolColumn, setToolColumn] = useState(1);
  const [toolRecipe, setToolRecipe] = useState<Recipe>("trim");
  const [announce, setAnnounce] = useState("");
  const [downloading, setDownloading] = useState(false);
  const groups = useMemo(
    () => (c && doc.mapping ? fixesFor(c.tallies, { mapping: doc.mapping, header: doc.header, idType: p.idType }) : []),
    [c, doc.mapping, doc.header, p.idType],
  );
  useEffect(() => {
    if (c?.done) setAnnounce(`Check finished: ${summaryText(c)}.`);
  }, [c]);

  async function download() {
    setDownloading(true);
    try {
      const r = await p.worker.request({ type: "exportIssues", doc: doc.id }, "issuesCsv");
      const url = URL.createObjectURL(r.blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${doc.file.name.replace(/\.[^.]+$/, "")}-issues.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setDownloading(false);
    }
  }

  function apply() {
    if (!pending) return;
    p.onApply({ label: pending.label, patches: pending.patches });
    setPending(null);
  }

  const views: { view: RowView; label: string; count: number }[] = c
    ? [
        { view: { kind: "all" }, label: "All rows", count: c.views.all },
        { view: { kind: "errors" }, label: "Rows with errors", count: c.views.errors },
        { view: { kind: "warnings" }, label: "Rows with warnings", count: c.views.warnings },
        { view: { kind: "dropped" }, label: "Left out", count: c.views.dropped },
      ]
    : [];
  const same = (a: RowView, b: RowView) => JSON.stringify(a) === JSON.stringify(b);
  return (
    <section aria-label="Check results and fixes" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p className="sr-only" role="status" aria-live="polite">{announce}</p>
      {c ? (
        <p data-testid="summary" className="font-medium">
          {summaryText(c)}
          {!c.done ? <span className="font-normal text-slate-500"> · checking… {c.totalBytes ? Math.floor((c.bytes / c.totalBytes) * 100) : 0}%</span> : null}
        </p>
      ) : (
        <p>Reading the file…</p>
      )}
      <div role="radiogroup" aria-label="Show rows" className="flex flex-wrap gap-2">
        {views.map((v) => (
          <button key={v.label} type="button" role="radio" aria-checked={same(p.view, v.view)} onClick={() => p.setView(v.view)} className={`rounded-full border px-3 py-1 ${same(p.view, v.view) ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}>
            {v.label} ({n(v.count)})
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={p.onUndo} disabled={doc.steps.length === 0} aria-keyshortcuts="Control+Z" className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40">
          Undo{doc.steps.length ? `: ${doc.steps[doc.steps.length - 1]!.label}` : ""}
        </button>
        <button type="button" onClick={p.onRedo} disabled={doc.redo.length === 0} aria-keyshortcuts="Control+Shift+Z" className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40">
          Redo
        </button>
        <button type="button" onClick={download} disabled={!c?.done || downloading} className="ml-auto rounded border border-slate-300 px-3 py-1 disabled:opacity-40">
          {downloading ? "Preparing…" : "Download issues (CSV)"}
        </button>
      </div>
      {doc.steps.length ? (
        <ol aria-label="Fixes applied" className="list-decimal pl-6 text-xs text-slate-600">
          {doc.steps.map((s, i) => (
            <li key={i}>{s.label}</li>
          ))}
        </ol>
      ) : null}
      <h3 className="font-semibold">Issues by cause</h3>
      {groups.length === 0 && c?.done ? <p className="text-green-800">No issues: every row becomes a valid AAM line.</p> : null}
      <ul className="space-y-2" aria-label="Issues by cause">
        {groups.map((g) => (
          <li key={g.key} className="rounded border border-slate-200 p-2" data-testid="issue-group" data-code={g.code}>
            <div className="flex flex-wrap items-baseline gap-2">
              <span className={`font-mono text-xs font-semibold ${g.severity === "error" ? "text-red-800" : "text-amber-800"}`}>{g.code}</span>
              <span className="text-xs text-slate-500">{g.severity}{g.columnName ? ` · ${g.columnName}` : ""}</span>
              <span className="tabular-nums" data-testid="issue-count">{n(g.count)} row{g.count === 1 ? "" : "s"}</span>
              {g.column !== null || g.code ? (
                <button type="button" onClick={() => p.setView({ kind: "key", key: g.key })} className="ml-auto text-xs text-brand-700 underline">
                  Show these rows
                </button>
              ) : null}
            </div>
            <p className="text-xs text-slate-600">{g.cause}</p>
            <div className="mt-1 flex flex-wrap gap-2">
              {g.actions.map((a) => (
                <button key={a.id} type="button" onClick={() => setPending({ label: a.label, explain: a.explain, patches: a.patches, key: g.key, column: g.column, group: g.key })} className="rounded border border-brand-600 px-2 py-0.5 text-xs text-brand-700 hover:bg-brand-50">
                  {a.label}
                </button>
              ))}
            </div>
            {pending && pending.group === g.key ? <FixPreview worker={p.worker} docId={doc.id} fix={pending} onApply={apply} onCancel={() => setPending(null)} /> : null}
          </li>
        ))}
      </ul>
      <fieldset className="rounded border border-slate-200 p-2">
        <legend className="px-1 text-xs font-semibold">Column tools</legend>
        <div className="flex flex-wrap items-center gap-2">
          <label className="text-xs">
            Column{" "}
            <select value={toolColumn} onChange={(e) => setToolColumn(Number(e.target.value))} className="rounded border border-slate-300 px-1 py-0.5">
              {doc.header.map((h, i) => (
                <option key={i} value={i + 1}>{h}</option>
              ))}
            </select>
          </label>
          <label className="text-xs">
            Recipe{" "}
            <select value={toolRecipe} onChange={(e) => setToolRecipe(e.target.value as Recipe)} className="rounded border border-slate-300 px-1 py-0.5">
              {COLUMN_RECIPES.map((r) => (
                <option key={r.recipe} value={r.recipe}>{r.label}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              const label = `${COLUMN_RECIPES.find((r) => r.recipe === toolRecipe)!.label}: ${doc.header[toolColumn - 1]}`;
              setPending({ label, explain: "Applies to every value in the column.", patches: [{ op: "recipe", recipe: toolRecipe, column: toolColumn }], key: null, column: toolColumn, group: "tools" });
            }}
            className="rounded border border-brand-600 px-2 py-0.5 text-xs text-brand-700"
          >
            Preview
          </button>
        </div>
        {pending && pending.group === "tools" ? <FixPreview worker={p.worker} docId={doc.id} fix={pending} onApply={apply} onCancel={() => setPending(null)} /> : null}
      </fieldset>
    </section>
  );
}
