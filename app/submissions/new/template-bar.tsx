"use client";
// Saved mappings for the chosen data source. A file whose header matches a template gets it on drop; a
// file whose header changed since is shown as a drift (renamed, new, missing columns, each with the
// reason for the guess) and remapped in one click; the current mapping can be saved under a name.
import { useMemo, useState, useTransition } from "react";
import { applyTemplate, detectDrift, templateFromMapping, type HeaderDrift } from "@/lib/crm/template";
import type { ImportMapping } from "@/lib/crm/run-import";
import type { TemplateSummary } from "@/lib/server/templates/list-templates";
import { saveTemplateAction } from "./template-actions";

function overlap(t: TemplateSummary, header: string[], drift: HeaderDrift): number {
  return (t.header.filter((h) => header.includes(h)).length + drift.renamed.length) / Math.max(t.header.length, header.length, 1);
}

export function TemplateBar(p: {
  templates: TemplateSummary[];
  dataSourceId: string;
  header: string[];
  mapping: ImportMapping | null;
  appliedId: string | null;
  fileName: string;
  onApply(mapping: ImportMapping, templateId: string): void;
  onSaved(templates: TemplateSummary[]): void;
}) {
  const candidates = useMemo(
    () =>
      p.templates
        .map((t) => ({ t, drift: detectDrift(t.header, p.header) }))
        .map((c) => ({ ...c, score: overlap(c.t, p.header, c.drift) }))
        .sort((a, b) => b.score - a.score),
    [p.templates, p.header],
  );
  const best = candidates.find((c) => c.t.id === p.appliedId) ?? (candidates[0] && candidates[0].score >= 0.5 ? candidates[0] : undefined);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = candidates.find((c) => c.t.id === (chosenId ?? best?.t.id)) ?? null;
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();

  function apply() {
    if (!chosen || !p.mapping) return;
    const renames = chosen.drift.renamed.filter((r) => !unchecked.has(r.from));
    const applied = applyTemplate(chosen.t.body, p.header, renames).mapping;
    // The template decides roles, value maps and splits; how the file is read stays as it is.
    const { encoding, delimiter, sheet } = p.mapping;
    p.onApply({ ...applied, ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}), ...(sheet !== undefined ? { sheet } : {}) }, chosen.t.id);
    setMessage(`Template "${chosen.t.name}" applied${renames.length ? ` with ${renames.length} renamed column${renames.length === 1 ? "" : "s"}` : ""}.`);
  }

  function save() {
    if (!p.mapping) return;
    const templateName = name.trim() || chosen?.t.name || p.fileName.replace(/\.[^.]+$/, "");
    const body = templateFromMapping(p.header, p.mapping, { ...(p.mapping.delimiter ? { delimiter: p.mapping.delimiter } : {}) });
    startSaving(async () => {
      const r = await saveTemplateAction({ dataSourceId: p.dataSourceId, name: templateName, body });
      if (r.ok) {
        p.onSaved(r.data);
        setMessage(`Saved as template "${templateName}".`);
      } else setMessage(r.message);
    });
  }

  const drift = chosen?.drift;
  const matches = drift && (drift.identical || drift.reordered);
  return (
    <section aria-label="Mapping templates" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-end gap-3">
        <label className="font-medium">
          Template{" "}
          <select aria-label="Mapping template" value={chosen?.t.id ?? ""} onChange={(e) => setChosenId(e.target.value || null)} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{p.templates.length ? "None" : "No saved templates for this data source"}</option>
            {candidates.map((c) => (
              <option key={c.t.id} value={c.t.id}>{c.t.name}</option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          Save as{" "}
          <input aria-label="Template name" value={name} placeholder={chosen?.t.name ?? "e.g. Monthly CRM export"} onChange={(e) => setName(e.target.value)} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="button" onClick={save} disabled={!p.mapping || saving} className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40">
          {saving ? "Saving…" : "Save mapping as template"}
        </button>
      </div>
      {chosen && drift ? (
        matches ? (
          <p className="text-green-800" data-testid="template-match">
            Template &quot;{chosen.t.name}&quot; fits this file{drift.reordered ? " (columns in another order)" : ""}
            {p.appliedId === chosen.t.id ? " and is applied." : "."}{" "}
            {p.appliedId !== chosen.t.id ? <button type="button" onClick={apply} className="text-brand-700 underline">Apply template</button> : null}
          </p>
        ) : (
          <div className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="template-drift" role="group" aria-label="Header changes since the template">
            <p className="font-medium">The header changed since template &quot;{chosen.t.name}&quot; was saved.</p>
            {drift.renamed.length ? (
              <ul className="mt-1 space-y-0.5">
                {drift.renamed.map((r) => (
                  <li key={r.from}>
                    <label>
                      <input type="checkbox" checked={!unchecked.has(r.from)} onChange={(e) => setUnchecked((s) => { const n = new Set(s); if (e.target.checked) n.delete(r.from); else n.add(r.from); return n; })} />{" "}
                      Renamed: <strong>{r.from}</strong> → <strong>{r.to}</strong> <span className="text-xs text-slate-600">({r.reason})</span>
                    </label>
                  </li>
                ))}
              </ul>
            ) : null}
            {drift.added.length ? <p>New columns (ignored until you map them): {drift.added.join(", ")}</p> : null}
            {drift.missing.length ? <p>Missing columns: {drift.missing.join(", ")}</p> : null}
            <button type="button" onClick={apply} className="mt-1 rounded bg-brand-600 px-3 py-1 font-medium text-white">
              Remap with template{drift.renamed.length ? ` (${drift.renamed.length - [...unchecked].filter((u) => drift.renamed.some((r) => r.from === u)).length} renamed)` : ""}
            </button>
          </div>
        )
      ) : null}
      {message ? <p role="status" className="text-slate-700">{message}</p> : null}
    </section>
  );
}
