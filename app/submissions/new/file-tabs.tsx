"use client";
// One tab per dropped file, with its state at a glance (reading, errors, ready, submitted), and the offer
// to join files that share a header into one submission.
import { useState, type KeyboardEvent } from "react";
import { combinableGroup, combineFiles } from "./combine-files";
import type { ImportDoc } from "./use-import-docs";

function status(d: ImportDoc): string {
  if (d.submittedId) return "submitted";
  if (d.phase === "failed") return "could not be read";
  if (d.phase === "opening" || !d.counts?.done) return "checking…";
  return d.counts.errors ? `${d.counts.errors.toLocaleString("en-US")} errors` : "ready";
}

export function FileTabs(p: { docs: ImportDoc[]; activeId: string | null; onSelect(id: string): void; onRemove(id: string): void; onCombined(file: File, from: ImportDoc[]): void }) {
  const { docs, activeId } = p;
  const [combining, setCombining] = useState(false);
  if (docs.length < 2) return null;
  const group = combinableGroup(docs);

  async function combine() {
    if (!group) return;
    setCombining(true);
    try {
      p.onCombined(await combineFiles(group), group);
    } finally {
      setCombining(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = docs.findIndex((d) => d.id === activeId);
    const next = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const d = docs[(next + docs.length) % docs.length];
    if (d) {
      p.onSelect(d.id);
      document.getElementById(`tab-${d.id}`)?.focus();
    }
  }

  return (
    <div className="space-y-2">
      {group ? (
        <p className="text-sm">
          {group.length} files have the same header, encoding and delimiter.{" "}
          <button type="button" onClick={combine} disabled={combining} className="rounded border border-brand-600 px-2 py-0.5 text-brand-700">
            Combine {group.map((d) => d.file.name).join(" + ")} into one submission
          </button>{" "}
          <span className="text-xs text-slate-500">(line numbers then refer to the combined file)</span>
        </p>
      ) : null}
      <div role="tablist" aria-label="Dropped files" onKeyDown={onKeyDown} className="flex flex-wrap gap-1 border-b border-slate-200">
        {docs.map((d) => (
          <div key={d.id} className="flex items-center">
            <button
              id={`tab-${d.id}`}
              role="tab"
              type="button"
              aria-selected={d.id === activeId}
              aria-controls={`panel-${d.id}`}
              tabIndex={d.id === activeId ? 0 : -1}
              onClick={() => p.onSelect(d.id)}
              className={`rounded-t px-3 py-1.5 text-sm ${d.id === activeId ? "border border-b-0 border-slate-200 bg-white font-medium" : "text-slate-600"}`}
            >
              {d.file.name} <span className="text-xs text-slate-500">({status(d)})</span>
            </button>
            <button type="button" aria-label={`Close ${d.file.name}`} onClick={() => p.onRemove(d.id)} className="px-1 text-xs text-slate-400 hover:text-slate-700">
              ✕
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
