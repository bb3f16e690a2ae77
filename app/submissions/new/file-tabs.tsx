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
  const active = docs.find((d) => d.id === activeId);

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
      {/* Only tabs inside the tablist (a close button among them breaks the tablist's structure for
          screen readers); the active file's close button follows it. */}
      <div className="flex flex-wrap items-end gap-2 border-b border-slate-200">
        <div role="tablist" aria-label="Dropped files" onKeyDown={onKeyDown} className="flex flex-wrap gap-1">
          {docs.map((d) => (
            <button
              key={d.id}
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
          ))}
        </div>
        {active ? (
          <button type="button" onClick={() => p.onRemove(active.id)} className="mb-1 px-1 text-xs text-slate-600 underline hover:text-slate-900">
            Close {active.file.name}
          </button>
        ) : null}
      </div>
    </div>
  );
}
