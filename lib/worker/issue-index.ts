// Which rows have which issue, for a million rows without a million objects: one (row, key) pair per
// issue in growing typed arrays, where a key is code|severity|column. Filtered views (rows with errors,
// rows with one issue in one column) are built from it on demand and cached.
import type { Issue, Severity } from "@/lib/aam/issues";
import type { IssueTally } from "@/lib/crm/fixes";
import { issueColumn } from "@/lib/crm/issue-columns";
import type { Mapping } from "@/lib/crm/mapping";
import type { RowOutcome } from "@/lib/crm/row-pipeline";

export class GrowableU32 {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

export interface KeyInfo extends IssueTally {
  key: string;
}

export class IssueIndex {
  private readonly ids = new Map<string, number>();
  readonly keys: KeyInfo[] = [];
  private readonly entryRows = new GrowableU32();
  private readonly entryKeys = new GrowableU32();
  readonly errorRows = new GrowableU32();
  readonly warningRows = new GrowableU32();
  readonly droppedRows = new GrowableU32();
  private readonly byKey = new Map<number, Uint32Array>();

  constructor(private readonly mapping: Mapping) {}

  // code -> (severity and column packed in a number) -> key id: no string building per issue.
  private readonly fast = new Map<string, Map<number, number>>();
  private readonly rowKeys: number[] = [];

  private idFor(i: Issue, column: number | null, fields: readonly string[]): number {
    let byCode = this.fast.get(i.code);
    if (!byCode) this.fast.set(i.code, (byCode = new Map()));
    const packed = (i.severity === "error" ? 0 : i.severity === "warning" ? 1 : 2) * 100_000 + (column ?? 0);
    let id = byCode.get(packed);
    if (id === undefined) {
      id = this.keys.length;
      const key = `${i.code}|${i.severity}|${column ?? ""}`;
      this.ids.set(key, id);
      byCode.set(packed, id);
      const info: KeyInfo = { key, code: i.code, severity: i.severity, column, count: 0 };
      const sample = column !== null ? fields[column - 1] : i.value;
      if (sample !== undefined) info.sample = sample;
      this.keys.push(info);
    }
    return id;
  }

  add(row: number, outcome: RowOutcome, codes: readonly Issue[]): void {
    if (outcome.dropped) {
      this.droppedRows.push(row);
      return;
    }
    if (codes.length === 0) return;
    let error = false;
    let warning = false;
    const seen = this.rowKeys;
    seen.length = 0;
    for (const i of codes) {
      const id = this.idFor(i, issueColumn(i, this.mapping, outcome.fields), outcome.fields);
      if (seen.includes(id)) continue;
      seen.push(id);
      this.keys[id]!.count++;
      this.entryRows.push(row);
      this.entryKeys.push(id);
      if (i.severity === "error") error = true;
      else if (i.severity === "warning") warning = true;
    }
    if (error) this.errorRows.push(row);
    if (warning) this.warningRows.push(row);
  }

  /** Row indices (ascending) that have the issue `key`. */
  rowsFor(key: string): Uint32Array {
    const id = this.ids.get(key);
    if (id === undefined) return new Uint32Array(0);
    let rows = this.byKey.get(id);
    if (!rows) {
      rows = new Uint32Array(this.keys[id]!.count);
      const r = this.entryRows.view();
      const k = this.entryKeys.view();
      let n = 0;
      for (let e = 0; e < k.length; e++) if (k[e] === id) rows[n++] = r[e]!;
      this.byKey.set(id, rows);
    }
    return rows;
  }

  tallies(): KeyInfo[] {
    return this.keys.map((k) => ({ ...k }));
  }

  severityOf(key: string): Severity | null {
    const id = this.ids.get(key);
    return id === undefined ? null : this.keys[id]!.severity;
  }
}
