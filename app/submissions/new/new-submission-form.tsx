"use client";
// The import page: drop one or more CRM exports, see how each was read, map its columns (or let a saved
// template do it), fix what AAM would reject while watching live counts, and submit each file as its own
// submission. All reading and checking happens in the worker; this component only holds choices.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { FilesDrop } from "@/components/files-drop";
import { ProgressBar } from "@/components/progress-bar";
import type { IdType } from "@/lib/aam/id-rules";
import type { ColumnRole } from "@/lib/crm/mapping";
import { sanitiseKey } from "@/lib/crm/normalise";
import type { ImportMapping } from "@/lib/crm/run-import";
import type { TemplateSummary } from "@/lib/server/templates/list-templates";
import type { RowView } from "@/lib/worker/protocol";
import { useCrmWorker } from "@/lib/worker/use-crm-worker";
import { mappingSchema, submissionMetaSchema } from "@/lib/validation/submission";
import { FileFactsPanel } from "./file-facts";
import { FileTabs } from "./file-tabs";
import { IssuesPanel } from "./issues-panel";
import { MappingTable, roleLabel } from "./mapping-table";
import { PreviewGrid } from "./preview-grid";
import { TemplateBar } from "./template-bar";
import { patchesOf, useImportDocs, type ImportDoc } from "./use-import-docs";
import { DuplicateSubmissionError, uploadFile } from "./upload-file";
import { EnvironmentPicker, productionConfirmed, type PickableEnvironment } from "@/components/environment-picker";

interface DataSourceOption { id: string; name: string; dpid: number; targetDpid: number | null; idType: string; partnerFolder: string }
type EnvironmentOption = PickableEnvironment;

export function NewSubmissionForm({ dataSources, environments, templates: initialTemplates }: { dataSources: DataSourceOption[]; environments: EnvironmentOption[]; templates: TemplateSummary[] }) {
  const router = useRouter();
  const worker = useCrmWorker();
  const [dataSourceId, setDataSourceId] = useState(dataSources[0]?.id ?? "");
  const ready = environments.filter((e) => e.missing.length === 0);
  const [environmentId, setEnvironmentId] = useState(ready.find((e) => e.kind === "sandbox")?.id ?? ready[0]?.id ?? "");
  const [confirmProduction, setConfirmProduction] = useState("");
  const [duplicate, setDuplicate] = useState<{ doc: string; message: string; previousId: string } | null>(null);
  const [mode, setMode] = useState<"sync" | "overwrite">("sync");
  const [templates, setTemplates] = useState(initialTemplates);
  const [view, setView] = useState<RowView>({ kind: "all" });
  const [upload, setUpload] = useState<{ doc: string; loaded: number; total: number } | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const dataSource = dataSources.find((d) => d.id === dataSourceId);
  const idType = (dataSource?.idType ?? "dpuuid") as IdType;
  const sourceTemplates = useMemo(() => templates.filter((t) => t.dataSourceId === dataSourceId), [templates, dataSourceId]);
  const candidates = useMemo(() => sourceTemplates.map((t) => ({ id: t.id, name: t.name, header: t.header, body: t.body })), [sourceTemplates]);
  const docs = useImportDocs(worker, { idType, mode, templates: candidates });
  const doc = docs.active;

  useEffect(() => setView({ kind: "all" }), [doc?.id]);

  // Ctrl+Z / Ctrl+Shift+Z undo and redo fixes, except while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (!doc || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "z" || t?.closest("input, textarea, select")) return;
      e.preventDefault();
      if (e.shiftKey) docs.redo(doc.id);
      else docs.undo(doc.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [doc, docs]);

  const onHash = useCallback(
    (d: ImportDoc, column: number, kind: "email" | "phone", asId: boolean) => {
      if (!d.mapping) return;
      const name = d.header[column] ?? `column ${column + 1}`;
      const columns = d.mapping.columns.map((c, j): ColumnRole => {
        if (j === column) return asId ? { role: "id" } : { role: "kv", key: `${sanitiseKey(name, j)}_sha256` };
        return asId && c.role === "id" ? { role: "ignore" } : c;
      });
      docs.setMapping(d.id, { ...d.mapping, columns });
      docs.applyStep(d.id, {
        label: `Hash ${name} (SHA-256 of the normalised ${kind === "email" ? "e-mail" : "phone number"})`,
        patches: [
          { op: "recipe", recipe: kind === "email" ? "normaliseEmail" : "normalisePhone", column: column + 1 },
          { op: "recipe", recipe: "sha256", column: column + 1 },
        ],
      });
    },
    [docs],
  );

  function submissionMapping(d: ImportDoc): ImportMapping | null {
    if (!d.mapping || !d.facts) return null;
    const read = d.facts.kind === "xlsx" ? { sheet: d.facts.sheet } : { encoding: d.facts.encoding.encoding, ...(d.facts.delimiter ? { delimiter: d.facts.delimiter.delimiter } : {}) };
    return { ...d.mapping, ...read };
  }

  async function submit(d: ImportDoc, allowDuplicate = false) {
    const c = d.counts;
    const picked = environments.find((e) => e.id === environmentId);
    const production = picked?.kind === "production" || Boolean(picked?.guardedAsProduction);
    const meta = submissionMetaSchema.safeParse({
      dataSourceId,
      environmentId,
      mode,
      ...(production ? { confirmProduction } : {}),
      ...(allowDuplicate ? { allowDuplicate: true } : {}),
      mapping: submissionMapping(d),
      patches: patchesOf(d),
      ...(c?.done ? { clientCounts: { rows: c.rows, dropped: c.dropped, records: c.records, errors: c.errors, warnings: c.warnings, byCode: c.byCode } } : {}),
    });
    if (!meta.success) return setSubmitError(meta.error.issues.map((i) => i.message).join("; "));
    setSubmitError(null);
    setDuplicate(null);
    setUpload({ doc: d.id, loaded: 0, total: d.file.size });
    try {
      const { id } = await uploadFile(d.file, meta.data, (loaded, total) => setUpload({ doc: d.id, loaded, total }));
      docs.markSubmitted(d.id, id);
      const next = docs.docs.find((x) => x.id !== d.id && !x.submittedId);
      if (next) docs.setActiveId(next.id);
      else router.push(`/submissions/${id}`);
    } catch (e) {
      if (e instanceof DuplicateSubmissionError) setDuplicate({ doc: d.id, message: e.message, previousId: e.previousId });
      else setSubmitError(e instanceof Error ? e.message : String(e));
    } finally {
      setUpload(null);
    }
  }

  if (dataSources.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        Add a data source first: its DPID names the files AAM receives. <Link href="/data-sources" className="text-brand-700 underline">Add a data source</Link>
      </p>
    );
  }
  const mappingCheck = doc?.mapping ? mappingSchema.safeParse(doc.mapping) : null;
  const c = doc?.counts;
  const canSubmit = Boolean(doc && doc.phase === "ready" && !doc.submittedId && c?.done && c.errors === 0 && c.records > 0 && mappingCheck?.success && environmentId && !upload && productionConfirmed(environments, environmentId, dataSource?.name ?? "", confirmProduction));
  return (
    <div className="space-y-6">
      <section className="grid grid-cols-2 gap-4">
        <label className="text-sm font-medium">
          Data source
          <select value={dataSourceId} onChange={(e) => setDataSourceId(e.target.value)} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5">
            {dataSources.map((d) => (
              <option key={d.id} value={d.id}>{d.name} (DPID {d.dpid})</option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Mode</legend>
          <label className="mr-4"><input type="radio" name="mode" checked={mode === "sync"} onChange={() => setMode("sync")} /> Sync (add and remove traits)</label>
          <label><input type="radio" name="mode" checked={mode === "overwrite"} onChange={() => setMode("overwrite")} /> Overwrite (replace each user&apos;s traits)</label>
        </fieldset>
      </section>
      <FilesDrop
        onFiles={docs.addFiles}
        accept=".csv,.tsv,.txt,.psv,.xlsx,.gz,text/csv,text/plain,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={Boolean(upload)}
        hint="CSV, TSV, semicolon or pipe-delimited text in any common encoding, Excel .xlsx, or any of these gzipped; several files become one submission each"
      />
      <FileTabs
        docs={docs.docs}
        activeId={doc?.id ?? null}
        onSelect={docs.setActiveId}
        onRemove={docs.remove}
        onCombined={(file, from) => {
          for (const d of from) docs.remove(d.id);
          docs.addFiles([file], from[0]?.mapping ?? null);
        }}
      />
      {doc ? (
        <div role="tabpanel" id={`panel-${doc.id}`} aria-labelledby={`tab-${doc.id}`} className="space-y-4">
          {doc.error ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">{doc.error}</p> : null}
          {doc.phase === "opening" ? <ProgressBar value={c?.bytes ?? 0} max={c?.totalBytes || doc.file.size} label={`Reading ${doc.file.name}`} /> : null}
          {doc.facts ? <FileFactsPanel facts={doc.facts} rows={c?.views.all ?? null} read={doc.read} onReread={(read) => docs.reread(doc.id, read)} /> : null}
          {doc.phase === "ready" && doc.mapping ? (
            <>
              <TemplateBar
                key={`${doc.id}-${dataSourceId}`}
                templates={sourceTemplates}
                dataSourceId={dataSourceId}
                header={doc.header}
                mapping={doc.mapping}
                appliedId={doc.templateId}
                fileName={doc.file.name}
                onApply={(m, id) => docs.setMapping(doc.id, m, id)}
                onSaved={setTemplates}
              />
              <section aria-label="Mapping" className="space-y-2">
                <h2 className="text-lg font-semibold">Map the columns</h2>
                <MappingTable header={doc.header} sample={doc.sample.map((r) => r.fields)} mapping={doc.mapping} suggestion={doc.suggestion} onChange={(m) => docs.setMapping(doc.id, m, doc.templateId)} onHash={(col, kind, asId) => onHash(doc, col, kind, asId)} />
                {mappingCheck && !mappingCheck.success ? <p role="status" className="text-sm text-amber-800">{mappingCheck.error.issues[0]?.message}</p> : null}
              </section>
              <section aria-label="Preview and fix" className="space-y-3">
                <h2 className="text-lg font-semibold">Preview and fix</h2>
                <IssuesPanel worker={worker} doc={doc} idType={idType} view={view} setView={setView} onApply={(s) => docs.applyStep(doc.id, s)} onUndo={() => docs.undo(doc.id)} onRedo={() => docs.redo(doc.id)} />
                <PreviewGrid
                  worker={worker}
                  docId={doc.id}
                  fileName={doc.file.name}
                  header={doc.header}
                  roles={doc.mapping.columns.map(roleLabel)}
                  view={view}
                  refreshKey={`${doc.version}|${c?.done ? c.pass : "live"}`}
                  onEdit={(line, column, value) => docs.applyStep(doc.id, { label: `Edit line ${line}, ${doc.header[column - 1]}`, patches: [{ op: "set", line, column, value }] })}
                  onDropRow={(line) => docs.applyStep(doc.id, { label: `Leave out line ${line}`, patches: [{ op: "dropRow", line }] })}
                  onRestoreRow={(line) => docs.restoreRow(doc.id, line)}
                />
              </section>
              <section aria-label="Destination">
                <EnvironmentPicker
                  environments={environments}
                  value={environmentId}
                  onChange={setEnvironmentId}
                  dataSourceName={dataSource?.name ?? ""}
                  confirm={confirmProduction}
                  onConfirmChange={setConfirmProduction}
                />
              </section>
              {upload?.doc === doc.id ? <ProgressBar value={upload.loaded} max={upload.total} label={`Uploading ${doc.file.name}`} /> : null}
              {submitError ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800">{submitError}</p> : null}
              {duplicate?.doc === doc.id ? (
                <div role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
                  {duplicate.message} <Link className="underline" href={`/submissions/${duplicate.previousId}`}>See the earlier submission</Link>.
                  <button type="button" onClick={() => submit(doc, true)} className="ml-2 rounded border border-amber-900 px-2 py-0.5 text-xs">Send it again anyway</button>
                </div>
              ) : null}
              {doc.submittedId ? (
                <p className="text-sm">Submitted: <Link className="text-brand-700 underline" href={`/submissions/${doc.submittedId}`}>follow this submission</Link></p>
              ) : (
                <button type="button" onClick={() => submit(doc)} disabled={!canSubmit} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
                  Submit {c?.done ? `${c.records.toLocaleString("en-US")} records` : ""}
                </button>
              )}
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
