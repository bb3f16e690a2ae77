// One dropped file in the worker. The first pass reads the file once (text, gzip or XLSX) through the same
// runImport the server runs: it finds the header, posts the first preview within milliseconds, records
// checkpoints to re-read any row later, and checks every row. Each change of mapping or fixes starts a
// check pass over the kept source; a newer change cancels an older pass between batches.
import type { Issue } from "@/lib/aam/issues";
import { DEFAULT_LIMITS, sniffContainer } from "@/lib/crm/byte-input";
import { createConversion, type ConversionSummary } from "@/lib/crm/conversion";
import type { ParsedRow } from "@/lib/crm/csv-parser";
import { compilePatches } from "@/lib/crm/patches";
import { createRowArchive } from "@/lib/crm/row-archive";
import { iterateRows, START_CHECKPOINT, type ResumeSpec } from "@/lib/crm/row-locator";
import { runImport, type FirstLook, type ImportMapping } from "@/lib/crm/run-import";
import { suggestMapping } from "@/lib/crm/suggest-mapping";
import type { Checkpoint, TableInfo } from "@/lib/crm/table-source";
import { applyTemplate, detectDrift } from "@/lib/crm/template";
import { BlobBuilder, blobInput, browserInflate, nativeUtf8 } from "@/lib/worker/browser-inputs";
import { IssueIndex } from "@/lib/worker/issue-index";
import type { CountsSnapshot, DocSettings, FileFacts, FromWorker, ReadChoice, TemplateCandidate } from "@/lib/worker/protocol";

const HEAD_ROWS = 1000;
const POST_EVERY_MS = 150;

export class ImportSession {
  settings: DocSettings;
  mapping: ImportMapping | null = null;
  facts: FileFacts | null = null;
  header: string[] = [];
  /** The first rows, kept so the grid shows them before a gzip or XLSX source is ready. */
  head: ParsedRow[] = [];
  source: Blob | null = null;
  spec: ResumeSpec | null = null;
  start: Checkpoint = START_CHECKPOINT;
  checkpoints: Checkpoint[] = [];
  rowCount = 0;
  indexed = false;
  /** Reader issues of the first pass, replayed by every check pass: per row line, and file-level. */
  readerIssues = new Map<number, Issue[]>();
  fileIssues: Issue[] = [];
  /** The last complete check, and the one in progress. */
  index: IssueIndex | null = null;
  live: IssueIndex | null = null;
  summary: ConversionSummary | null = null;
  private gen = 0;

  constructor(
    readonly doc: string,
    readonly file: File,
    readonly read: ReadChoice,
    settings: DocSettings,
    private readonly templates: TemplateCandidate[],
    private readonly post: (m: FromWorker) => void,
  ) {
    this.settings = settings;
  }

  get viewIndex(): IssueIndex | null {
    return this.index ?? this.live;
  }

  cancel(): void {
    this.gen++;
  }

  /** New mapping or fixes: re-check (or, before the first pass finished, read again from the top). */
  async configure(settings: DocSettings): Promise<void> {
    this.settings = settings;
    if (settings.mapping) this.mapping = settings.mapping;
    if (this.indexed) await this.checkPass();
    else await this.openPass(null);
  }

  private choose(first: FirstLook): { mapping: ImportMapping; templateId: string | null; suggestion: ReturnType<typeof suggestMapping> } {
    const sample = first.rows.slice(0, 200).map((r) => r.fields);
    const suggestion = suggestMapping(first.header, sample);
    const current = this.mapping ?? this.settings.mapping;
    if (current && current.columns.length === first.header.length) return { mapping: current, templateId: null, suggestion };
    for (const t of this.templates) {
      const drift = detectDrift(t.header, first.header);
      if (drift.identical || drift.reordered) return { mapping: applyTemplate(t.body, first.header).mapping, templateId: t.id, suggestion };
    }
    return { mapping: suggestion.mapping, templateId: null, suggestion };
  }

  private factsOf(info: TableInfo): FileFacts {
    return {
      name: this.file.name,
      size: this.file.size,
      kind: info.kind,
      gzip: info.gzip,
      encoding: info.encoding ?? { encoding: "utf-8", bom: false, reason: "empty file", confidence: "likely" },
      delimiter: info.delimiter,
      sheets: info.sheets?.map((s) => ({ name: s.name, hidden: s.hidden })) ?? null,
      sheet: info.sheet,
      headerLine: info.headerLine,
    };
  }

  /** The first pass. `rid` answers the open request with "opened" (null when re-reading after a change). */
  async openPass(rid: number | null): Promise<void> {
    const gen = ++this.gen;
    const t0 = performance.now();
    const container = sniffContainer(new Uint8Array(await this.file.slice(0, 8).arrayBuffer()));
    const kept = new BlobBuilder();
    const checkpoints: Checkpoint[] = [];
    const readerIssues = new Map<number, Issue[]>();
    const fileIssues: Issue[] = [];
    const head: ParsedRow[] = [];
    let archive: ReturnType<typeof createRowArchive> | null = null;
    let index: IssueIndex | null = null;
    let rows = 0;
    let lastPost = 0;
    this.indexed = false;
    this.index = null;
    this.source = null;
    this.checkpoints = [];
    const result = await runImport(blobInput(this.file), {
      inflate: browserInflate,
      nativeDecoder: nativeUtf8,
      limits: DEFAULT_LIMITS,
      read: this.read,
      idType: this.settings.idType,
      mode: this.settings.mode,
      patches: this.settings.patches,
      format: false,
      maxIssues: 200,
      onCheckpoint: (cp) => checkpoints.push(cp),
      ...(container === "gzip" ? { onTextBytes: (b: Uint8Array) => kept.add(b) } : {}),
      mapping: (first) => {
        const chosen = this.choose(first);
        this.mapping = chosen.mapping;
        this.header = first.header;
        this.facts = this.factsOf(first.info);
        if (first.info.kind === "xlsx") {
          archive = createRowArchive({ onBytes: (b) => kept.add(b), onCheckpoint: (cp) => checkpoints.push(cp) });
        } else if (container === "text") {
          // Plain text is its own source: rows can be fetched while the first pass is still running.
          this.source = this.file;
          this.spec = { encoding: first.info.encoding?.encoding ?? "utf-8", delimiter: first.info.delimiter?.delimiter ?? ",", nativeDecoder: nativeUtf8 };
          this.start = START_CHECKPOINT;
          this.checkpoints = checkpoints;
        }
        index = this.live = new IssueIndex(chosen.mapping);
        if (rid !== null) {
          this.post({ type: "opened", rid, doc: this.doc, facts: this.facts, header: this.header, sample: first.rows.slice(0, 200), suggestion: chosen.suggestion, mapping: chosen.mapping, templateId: chosen.templateId });
        }
        return chosen.mapping;
      },
      onRow: (outcome, codes) => index!.add(rows++, outcome, codes),
      onBatch: (batch) => {
        if (gen !== this.gen) return false;
        // Exactly as the conversion files them: with the row of that line in this batch, else file-level.
        if (batch.issues.length) {
          const lines = new Set(batch.rows.map((r) => r.line));
          for (const i of batch.issues) {
            if (i.line === undefined || !lines.has(i.line)) fileIssues.push(i);
            else readerIssues.set(i.line, [...(readerIssues.get(i.line) ?? []), i]);
          }
        }
        (archive as ReturnType<typeof createRowArchive> | null)?.add(batch.rows);
        for (let k = 0; head.length < HEAD_ROWS && k < batch.rows.length; k++) head.push(batch.rows[k]!);
        this.head = head;
        this.rowCount = rows;
        const now = performance.now();
        if (now - lastPost > POST_EVERY_MS) {
          lastPost = now;
          this.postCounts(gen, false, true, batch.inputBytes, this.file.size, now - t0, null);
        }
      },
    });
    if (gen !== this.gen || !result.complete) return;
    (archive as ReturnType<typeof createRowArchive> | null)?.end();
    const xlsx = result.info.kind === "xlsx";
    this.source = container === "gzip" || xlsx ? kept.blob() : this.file;
    this.spec = {
      encoding: xlsx ? "utf-8" : (result.info.encoding?.encoding ?? "utf-8"),
      delimiter: xlsx ? "," : (result.info.delimiter?.delimiter ?? ","),
      nativeDecoder: nativeUtf8,
      lineInFirstField: xlsx,
    };
    this.start = xlsx ? { offset: 0, rowIndex: 0, line: 1 } : START_CHECKPOINT;
    this.checkpoints = checkpoints;
    this.readerIssues = readerIssues;
    this.fileIssues = fileIssues;
    this.facts = this.factsOf(result.info);
    this.header = result.header;
    this.rowCount = rows;
    this.indexed = true;
    this.index = index;
    this.summary = result.summary;
    this.postCounts(gen, true, true, this.file.size, this.file.size, performance.now() - t0, result.summary);
  }

  /** Re-checks every row with the current mapping and fixes, reading the kept source from the top. */
  async checkPass(): Promise<void> {
    const gen = ++this.gen;
    const t0 = performance.now();
    const mapping = this.mapping;
    if (!mapping || !this.source || !this.spec) return;
    const index = (this.live = new IssueIndex(mapping));
    let row = 0;
    const conversion = createConversion({
      mapping,
      idType: this.settings.idType,
      mode: this.settings.mode,
      format: false,
      maxIssues: 200,
      header: this.header,
      ...(this.settings.patches.length ? { patches: compilePatches(this.settings.patches) } : {}),
      onRow: (outcome, codes) => index.add(row++, outcome, codes),
    });
    conversion.addIssues(this.fileIssues);
    let lastPost = 0;
    for await (const rows of iterateRows(blobInput(this.source), this.start, this.spec)) {
      if (gen !== this.gen) return;
      const own: Issue[] = [];
      if (this.readerIssues.size) for (const r of rows) for (const i of this.readerIssues.get(r.line) ?? []) own.push(i);
      conversion.pushRows(rows, own);
      const now = performance.now();
      if (now - lastPost > POST_EVERY_MS) {
        lastPost = now;
        this.postCounts(gen, false, false, row, this.rowCount, now - t0, null);
      }
    }
    if (gen !== this.gen) return;
    this.index = index;
    this.summary = conversion.finish();
    this.postCounts(gen, true, false, this.rowCount, this.rowCount, performance.now() - t0, this.summary);
  }

  private postCounts(pass: number, done: boolean, indexing: boolean, bytes: number, totalBytes: number, ms: number, summary: ConversionSummary | null): void {
    const index = done ? this.index : this.live;
    const tallies = index?.tallies() ?? [];
    let errors = 0;
    let warnings = 0;
    for (const t of tallies) {
      if (t.severity === "error") errors += t.count;
      else if (t.severity === "warning") warnings += t.count;
    }
    if (summary) {
      // Issues about the whole file (header, encoding, empty file, mixed ID types) have no row.
      const perRow = new Set(tallies.map((t) => t.code));
      for (const [code, v] of Object.entries(summary.countsByCode)) {
        if (!perRow.has(code)) tallies.push({ key: `${code}|${v.severity}|`, code, severity: v.severity, column: null, count: v.count });
      }
    }
    const dropped = index?.droppedRows.length ?? 0;
    const errorRows = index?.errorRows.length ?? 0;
    const rows = summary?.rows ?? this.rowCount;
    const counts: CountsSnapshot = {
      pass,
      done,
      indexing,
      rows,
      dropped: summary?.dropped ?? dropped,
      records: summary ? summary.records : Math.max(0, rows - dropped - errorRows),
      errors: summary?.errors ?? errors,
      warnings: summary?.warnings ?? warnings,
      tallies,
      byCode: Object.fromEntries(Object.entries(summary?.countsByCode ?? {}).map(([code, v]) => [code, v.count])),
      views: { all: this.rowCount, errors: errorRows, warnings: index?.warningRows.length ?? 0, dropped },
      bytes,
      totalBytes,
      ms: Math.round(ms),
    };
    this.post({ type: "counts", doc: this.doc, counts });
  }
}
