"use client";
// The page's state for every dropped file: what the worker found, the mapping, the fix steps (an undo and
// a redo stack of patch lists) and the live counts. Every change is sent to the worker, which re-checks
// the whole file and pushes counts back; the patch list is what the server replays.
import { useCallback, useEffect, useRef, useState } from "react";
import type { IdType } from "@/lib/aam/id-rules";
import type { ParsedRow } from "@/lib/crm/csv-parser";
import type { Patch } from "@/lib/crm/patches";
import type { ImportMapping } from "@/lib/crm/run-import";
import type { MappingSuggestion } from "@/lib/crm/suggest-mapping";
import type { CountsSnapshot, FileFacts, ReadChoice, TemplateCandidate } from "@/lib/worker/protocol";
import type { CrmWorker } from "@/lib/worker/use-crm-worker";

export interface FixStep {
  label: string;
  patches: Patch[];
}

export interface ImportDoc {
  id: string;
  file: File;
  read: ReadChoice;
  phase: "opening" | "ready" | "failed";
  error: string | null;
  facts: FileFacts | null;
  header: string[];
  sample: ParsedRow[];
  suggestion: MappingSuggestion | null;
  mapping: ImportMapping | null;
  templateId: string | null;
  steps: FixStep[];
  redo: FixStep[];
  counts: CountsSnapshot | null;
  /** Bumped once the worker has each change: the grid re-reads its rows. */
  version: number;
  submittedId: string | null;
}

export const patchesOf = (d: ImportDoc): Patch[] => d.steps.flatMap((s) => s.patches);

let docSeq = 0;

export function useImportDocs(worker: CrmWorker, opts: { idType: IdType; mode: "sync" | "overwrite"; templates: TemplateCandidate[] }) {
  const [docs, setDocs] = useState<ImportDoc[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const docsRef = useRef(docs);
  docsRef.current = docs;
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const update = useCallback((id: string, fn: (d: ImportDoc) => ImportDoc) => {
    setDocs((all) => all.map((d) => (d.id === id ? fn(d) : d)));
  }, []);

  useEffect(
    () =>
      worker.subscribe((m) => {
        if (m.type === "counts") update(m.doc, (d) => (d.counts && d.counts.pass > m.counts.pass ? d : { ...d, counts: m.counts }));
        else if (m.type === "error" && m.doc) update(m.doc, (d) => ({ ...d, error: m.message, phase: d.phase === "opening" ? "failed" : d.phase }));
      }),
    [worker, update],
  );

  /** Sends the doc's current mapping and fixes to the worker; mapping edits are debounced while typing. */
  const configure = useCallback(
    (id: string, delay: number) => {
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => {
          const d = docsRef.current.find((x) => x.id === id);
          if (!d || !d.mapping) return;
          const { idType, mode } = optsRef.current;
          void worker
            .request({ type: "configure", doc: id, settings: { mapping: d.mapping, idType, mode, patches: patchesOf(d) } }, "done")
            // The worker has the new settings: rows read from now on reflect them.
            .then(() => update(id, (x) => ({ ...x, version: x.version + 1 })))
            .catch(() => undefined);
        }, delay),
      );
    },
    [worker, update],
  );

  const open = useCallback(
    async (id: string, file: File, read: ReadChoice, mapping: ImportMapping | null) => {
      const { idType, mode, templates } = optsRef.current;
      try {
        const r = await worker.request({ type: "open", doc: id, file, read, settings: { mapping, idType, mode, patches: [] }, templates }, "opened");
        update(id, (d) => ({ ...d, phase: "ready", error: null, facts: r.facts, header: r.header, sample: r.sample, suggestion: r.suggestion, mapping: r.mapping, templateId: r.templateId, version: d.version + 1 }));
      } catch (e) {
        update(id, (d) => ({ ...d, phase: "failed", error: e instanceof Error ? e.message : String(e) }));
      }
    },
    [worker, update],
  );

  const addFiles = useCallback(
    (files: File[], mapping: ImportMapping | null = null) => {
      const added = files.map(
        (file): ImportDoc => ({
          id: `doc-${++docSeq}`, file, read: {}, phase: "opening", error: null, facts: null, header: [], sample: [], suggestion: null,
          mapping: null, templateId: null, steps: [], redo: [], counts: null, version: 0, submittedId: null,
        }),
      );
      setDocs((all) => [...all, ...added]);
      if (added[0]) setActiveId(added[0].id);
      for (const d of added) void open(d.id, d.file, {}, mapping);
    },
    [open],
  );

  /** Reads the file again with another encoding, delimiter or sheet (fixes are kept only for the same layout). */
  const reread = useCallback(
    (id: string, read: ReadChoice) => {
      const d = docsRef.current.find((x) => x.id === id);
      if (!d) return;
      update(id, (x) => ({ ...x, read, phase: "opening", counts: null, steps: [], redo: [] }));
      void open(id, d.file, read, read.sheet === d.read.sheet ? d.mapping : null);
    },
    [open, update],
  );

  const setMapping = useCallback(
    (id: string, mapping: ImportMapping, templateId: string | null = null) => {
      update(id, (d) => ({ ...d, mapping, templateId }));
      configure(id, 250);
    },
    [update, configure],
  );

  const applyStep = useCallback(
    (id: string, step: FixStep) => {
      update(id, (d) => ({ ...d, steps: [...d.steps, step], redo: [] }));
      configure(id, 0);
    },
    [update, configure],
  );

  const undo = useCallback(
    (id: string) => {
      update(id, (d) => (d.steps.length ? { ...d, steps: d.steps.slice(0, -1), redo: [...d.redo, d.steps[d.steps.length - 1]!] } : d));
      configure(id, 0);
    },
    [update, configure],
  );

  const redo = useCallback(
    (id: string) => {
      update(id, (d) => (d.redo.length ? { ...d, steps: [...d.steps, d.redo[d.redo.length - 1]!], redo: d.redo.slice(0, -1) } : d));
      configure(id, 0);
    },
    [update, configure],
  );

  /** Takes back the dropping of one row, wherever it is in the history. */
  const restoreRow = useCallback(
    (id: string, line: number) => {
      update(id, (d) => ({
        ...d,
        steps: d.steps.map((s) => ({ ...s, patches: s.patches.filter((p) => !(p.op === "dropRow" && p.line === line)) })).filter((s) => s.patches.length > 0),
      }));
      configure(id, 0);
    },
    [update, configure],
  );

  // A different data source (ID type) or mode changes what is valid: re-check every open file.
  useEffect(() => {
    for (const d of docsRef.current) if (d.phase === "ready") configure(d.id, 0);
  }, [opts.idType, opts.mode, configure]);

  const markSubmitted = useCallback((id: string, submissionId: string) => update(id, (d) => ({ ...d, submittedId: submissionId })), [update]);

  const remove = useCallback(
    (id: string) => {
      void worker.request({ type: "close", doc: id }, "done").catch(() => undefined);
      setDocs((all) => all.filter((d) => d.id !== id));
      setActiveId((a) => (a === id ? (docsRef.current.find((d) => d.id !== id)?.id ?? null) : a));
    },
    [worker],
  );

  const active = docs.find((d) => d.id === activeId) ?? null;
  return { docs, active, setActiveId, addFiles, reread, setMapping, applyStep, undo, redo, restoreRow, markSubmitted, remove };
}

export type ImportDocs = ReturnType<typeof useImportDocs>;
