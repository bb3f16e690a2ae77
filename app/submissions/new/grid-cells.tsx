"use client";
// Cells of the preview grid. A cell with issues is tinted and carries its messages as text for screen
// readers (and as a tooltip); an edited cell shows what it was. Only the focused cell is in the tab order.
import { useEffect, useRef } from "react";
import type { GridIssue, GridRow } from "@/lib/worker/protocol";

const tint = (issues: GridIssue[]): string =>
  issues.some((i) => i.severity === "error") ? "bg-red-50 text-red-900 ring-1 ring-inset ring-red-300" : issues.length ? "bg-amber-50 ring-1 ring-inset ring-amber-300" : "";

function describe(issues: GridIssue[]): string {
  return issues.map((i) => `${i.severity} ${i.code}: ${i.message}`).join(" ");
}

interface Base {
  row: GridRow;
  pos: number;
  focused: boolean;
  onFocus(): void;
}

export function LineCell({ row, pos, focused, onFocus, onDrop, onRestore }: Base & { onDrop(line: number): void; onRestore(line: number): void }) {
  const manual = row.dropped === "dropRow";
  return (
    <div role="gridcell" aria-colindex={1} tabIndex={focused ? 0 : -1} data-cell={`${pos}:0`} onFocus={onFocus} className="flex items-center gap-1 px-2 tabular-nums text-slate-500 no-underline">
      <span>{row.line}</span>
      {row.dropped && !manual ? null : (
        <button
          type="button"
          tabIndex={-1}
          onClick={() => (manual ? onRestore(row.line) : onDrop(row.line))}
          aria-label={manual ? `Restore line ${row.line}` : `Leave out line ${row.line}`}
          title={manual ? "Restore this row" : "Leave this row out (Delete)"}
          className="rounded px-1 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-700"
        >
          {manual ? "↺" : "✕"}
        </button>
      )}
    </div>
  );
}

export function GridCell(
  p: Base & {
    col: number;
    name: string;
    editing: string | null;
    onStartEdit(): void;
    onEditChange(v: string): void;
    onCommit(): void;
    onCancel(): void;
  },
) {
  const { row, col } = p;
  const value = row.fields[col - 1] ?? "";
  const original = row.original[col - 1] ?? "";
  const issues = row.issues.filter((i) => i.column === col);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (p.editing !== null) input.current?.focus();
  }, [p.editing]);
  if (p.editing !== null) {
    return (
      <div role="gridcell" aria-colindex={col + 1} className="px-1 py-0.5">
        <input
          ref={input}
          aria-label={`Edit ${p.name} on line ${row.line}`}
          value={p.editing}
          onChange={(e) => p.onEditChange(e.target.value)}
          onBlur={p.onCommit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              p.onCommit();
            } else if (e.key === "Escape") {
              e.preventDefault();
              p.onCancel();
            }
            e.stopPropagation();
          }}
          className="w-full rounded border border-brand-600 px-1 py-0.5 font-mono text-xs"
        />
      </div>
    );
  }
  const edited = value !== original;
  return (
    <div
      role="gridcell"
      aria-colindex={col + 1}
      aria-invalid={issues.length ? true : undefined}
      tabIndex={p.focused ? 0 : -1}
      data-cell={`${p.pos}:${col}`}
      data-testid={issues.length ? "issue-cell" : undefined}
      onFocus={p.onFocus}
      onDoubleClick={p.onStartEdit}
      title={[edited ? `was: ${original}` : "", describe(issues)].filter(Boolean).join("\n") || undefined}
      className={`truncate px-2 py-1.5 font-mono text-xs ${tint(issues)} ${edited ? "italic text-brand-700" : ""}`}
    >
      {value === "" ? <span className="text-slate-300">∅</span> : value}
      {edited ? <span className="sr-only"> (edited, was {original || "empty"})</span> : null}
      {issues.length ? <span className="sr-only"> {describe(issues)}</span> : null}
    </div>
  );
}

export function AamCell({ row, pos, col, focused, onFocus }: Base & { col: number }) {
  const rowIssues = row.issues.filter((i) => i.column === null);
  const worst = row.issues.find((i) => i.severity === "error") ?? row.issues[0];
  return (
    <div
      role="gridcell"
      aria-colindex={col + 1}
      tabIndex={focused ? 0 : -1}
      data-cell={`${pos}:${col}`}
      onFocus={onFocus}
      title={describe(row.issues) || undefined}
      className={`truncate px-2 py-1.5 font-mono text-xs no-underline ${rowIssues.length ? tint(rowIssues) : ""}`}
    >
      {row.dropped ? (
        <span className="text-slate-500">left out ({row.dropped === "dropRow" ? "by you" : `rows with ${row.dropped}`})</span>
      ) : row.text !== null ? (
        <span data-testid="aam-line">{row.text.replace("\t", " ⇥ ")}</span>
      ) : (
        <span data-testid="aam-line-missing" className="text-red-800">
          not sent: {worst?.code ?? "no ID"}
        </span>
      )}
      {row.issues.length && row.text !== null ? <span className="sr-only"> {describe(row.issues)}</span> : null}
    </div>
  );
}
