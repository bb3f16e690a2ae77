"use client";
// The original rows next to the AAM line each produces, for files of any length: only the visible rows
// exist in the DOM, and they are fetched from the worker in pages. Row numbers are the file's own lines.
// Keyboard: arrows, Page Up/Down, Home/End move the cell focus; Enter or F2 edits a cell; Delete leaves a
// row out (or takes it back); Escape cancels an edit. Cells with issues are marked and described.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { GridRow, RowView } from "@/lib/worker/protocol";
import type { CrmWorker } from "@/lib/worker/use-crm-worker";
import { GridCell, LineCell, AamCell } from "./grid-cells";

const ROW_H = 34;
const PAGE = 50;
const HEIGHT = 440;

export interface GridProps {
  worker: CrmWorker;
  docId: string;
  fileName: string;
  header: string[];
  roles: string[];
  view: RowView;
  /** Changes whenever the rows must be read again (mapping, fixes, a finished pass). */
  refreshKey: string;
  onEdit(line: number, column: number, value: string): void;
  onDropRow(line: number): void;
  onRestoreRow(line: number): void;
}

export function PreviewGrid(p: GridProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Pages of rows with the generation they were read for; stale pages stay on screen until replaced.
  const [pages, setPages] = useState<Map<number, { gen: string; rows: GridRow[] }>>(new Map());
  const [total, setTotal] = useState(0);
  const [focus, setFocus] = useState<{ row: number; col: number }>({ row: 0, col: 1 });
  const [editing, setEditing] = useState<{ row: number; col: number; value: string } | null>(null);
  const loading = useRef(new Set<string>());
  const viewKey = JSON.stringify(p.view);
  const cols = p.header.length + 2;

  // New data (fixes, mapping, a finished check) re-reads the pages but keeps showing the old rows until
  // then, so the focused cell is never unmounted; another file or view starts from an empty grid.
  const generation = `${p.docId}|${viewKey}|${p.refreshKey}`;
  const genRef = useRef(generation);
  genRef.current = generation;
  useEffect(() => {
    loading.current.clear();
    setPages(new Map());
    if (!viewKey.includes('"all"')) box.current?.scrollTo({ top: 0 });
  }, [p.docId, viewKey]);

  const first = Math.floor(scrollTop / ROW_H);
  const visible = Math.ceil(HEIGHT / ROW_H) + 1;
  const firstPage = Math.floor(Math.max(0, first - 5) / PAGE);
  const lastPage = Math.floor((first + visible + 5) / PAGE);

  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page++) {
      const gen = generation;
      if (pages.get(page)?.gen === gen || loading.current.has(`${gen}#${page}`)) continue;
      loading.current.add(`${gen}#${page}`);
      p.worker
        .request({ type: "rows", doc: p.docId, view: p.view, start: page * PAGE, count: PAGE }, "rows")
        .then((r) => {
          loading.current.delete(`${gen}#${page}`);
          if (genRef.current !== gen) return;
          setTotal(r.total);
          setPages((m) => new Map(m).set(page, { gen, rows: r.rows }));
        })
        .catch(() => loading.current.delete(`${gen}#${page}`));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstPage, lastPage, pages, generation]);

  const rowAt = (pos: number): GridRow | undefined => pages.get(Math.floor(pos / PAGE))?.rows[pos % PAGE];

  function moveTo(row: number, col: number) {
    const r = Math.max(0, Math.min(total - 1, row));
    const c = Math.max(0, Math.min(cols - 1, col));
    setFocus({ row: r, col: c });
    const el = box.current;
    if (el) {
      const top = r * ROW_H;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_H * 2 > el.scrollTop + HEIGHT) el.scrollTop = top - HEIGHT + ROW_H * 2;
    }
  }

  // Keep DOM focus on the focused cell once it is rendered (while the grid has focus, or right after an
  // edit closed, when focus would otherwise fall back to the page).
  const refocus = useRef(false);
  useEffect(() => {
    const el = box.current;
    if (!el || editing || (!el.contains(document.activeElement) && !refocus.current)) return;
    refocus.current = false;
    const cell = el.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.col}"]`);
    if (cell && cell !== document.activeElement) cell.focus({ preventScroll: true });
  }, [focus, pages, editing]);

  function startEdit(row: number, col: number) {
    const r = rowAt(row);
    if (!r || col < 1 || col > p.header.length) return;
    setEditing({ row, col, value: r.fields[col - 1] ?? "" });
  }

  function commit() {
    if (!editing) return;
    const r = rowAt(editing.row);
    if (r && editing.value !== (r.fields[editing.col - 1] ?? "")) p.onEdit(r.line, editing.col, editing.value);
    refocus.current = true;
    setEditing(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (editing) return;
    const { row, col } = focus;
    const page = Math.floor(HEIGHT / ROW_H) - 1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(row + 1, col),
      ArrowUp: () => moveTo(row - 1, col),
      ArrowRight: () => moveTo(row, col + 1),
      ArrowLeft: () => moveTo(row, col - 1),
      PageDown: () => moveTo(row + page, col),
      PageUp: () => moveTo(row - page, col),
      Home: () => (e.ctrlKey ? moveTo(0, col) : moveTo(row, 0)),
      End: () => (e.ctrlKey ? moveTo(total - 1, col) : moveTo(row, cols - 1)),
      Enter: () => startEdit(row, col),
      F2: () => startEdit(row, col),
      Delete: () => {
        const r = rowAt(row);
        if (r) (r.dropped === "dropRow" ? p.onRestoreRow : p.onDropRow)(r.line);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const positions: number[] = [];
  for (let pos = first; pos < Math.min(total, first + visible); pos++) positions.push(pos);
  // The tab stop stays on a rendered cell even when the focused row has scrolled out of view.
  const tabRow = focus.row >= first && focus.row < first + positions.length ? focus.row : first;
  const isFocused = (pos: number, col: number) => tabRow === pos && focus.col === col;
  const template = `5.5rem repeat(${p.header.length}, minmax(9rem, 1fr)) minmax(22rem, 2fr)`;
  return (
    <div
      ref={box}
      role="grid"
      aria-label={`Rows of ${p.fileName} with the AAM line each produces`}
      aria-rowcount={total + 1}
      aria-colcount={cols}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      className="relative overflow-auto rounded-lg border border-slate-200 bg-white text-sm"
      style={{ height: HEIGHT }}
    >
      <div role="rowgroup" className="sticky top-0 z-10 bg-slate-100">
        <div role="row" aria-rowindex={1} className="grid border-b border-slate-300 font-medium" style={{ gridTemplateColumns: template, height: ROW_H }}>
          <div role="columnheader" aria-colindex={1} className="px-2 py-1.5">Line</div>
          {p.header.map((h, i) => (
            <div key={i} role="columnheader" aria-colindex={i + 2} className="truncate px-2 py-1.5" title={h}>
              {h} <span className="text-xs font-normal text-slate-600">{p.roles[i]}</span>
            </div>
          ))}
          <div role="columnheader" aria-colindex={cols} className="px-2 py-1.5">AAM line</div>
        </div>
      </div>
      <div role="rowgroup" style={{ height: total * ROW_H, position: "relative" }}>
        {positions.map((pos) => {
          const r = rowAt(pos);
          if (!r) {
            return (
              <div key={`p${pos}`} role="row" aria-rowindex={pos + 2} aria-busy="true" className="absolute left-0 w-full px-2 text-xs text-slate-500" style={{ top: pos * ROW_H, height: ROW_H }}>
                <div role="gridcell">Loading…</div>
              </div>
            );
          }
          return (
            <div
              key={`${r.index}`}
              role="row"
              aria-rowindex={pos + 2}
              data-line={r.line}
              className={`absolute left-0 grid w-full border-b border-slate-100 ${r.dropped ? "bg-slate-50 text-slate-600 line-through" : ""}`}
              style={{ top: pos * ROW_H, height: ROW_H, gridTemplateColumns: template }}
            >
              <LineCell row={r} pos={pos} focused={isFocused(pos, 0)} onFocus={() => setFocus({ row: pos, col: 0 })} onDrop={p.onDropRow} onRestore={p.onRestoreRow} />
              {p.header.map((h, c) => (
                <GridCell
                  key={c}
                  row={r}
                  pos={pos}
                  col={c + 1}
                  name={h}
                  focused={isFocused(pos, c + 1)}
                  editing={editing && editing.row === pos && editing.col === c + 1 ? editing.value : null}
                  onFocus={() => setFocus({ row: pos, col: c + 1 })}
                  onStartEdit={() => startEdit(pos, c + 1)}
                  onEditChange={(value) => setEditing((e) => (e ? { ...e, value } : e))}
                  onCommit={commit}
                  onCancel={() => {
                    refocus.current = true;
                    setEditing(null);
                  }}
                />
              ))}
              <AamCell row={r} pos={pos} col={cols - 1} focused={isFocused(pos, cols - 1)} onFocus={() => setFocus({ row: pos, col: cols - 1 })} />
            </div>
          );
        })}
      </div>
      {total === 0 ? <p className="p-4 text-slate-500">No rows in this view.</p> : null}
    </div>
  );
}
