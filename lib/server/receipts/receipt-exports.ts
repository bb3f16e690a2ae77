// The downloadable forms of a receipt: AAM's e-mail text, JSON and spreadsheet-safe CSV.
import "server-only";
import { ERROR_TYPES, ERROR_TYPE_LABELS } from "@/lib/aam/error-samples";
import { formatReceiptCsv, type CsvErrorRow } from "@/lib/aam/receipt";
import type { ReceiptView } from "./get-receipt";

export type ReceiptFormat = "txt" | "json" | "csv";

export function receiptFileBase(r: ReceiptView): string {
  return `aam-receipt-${r.dataSource?.dpid ?? "x"}-${r.startedAt.toISOString().slice(0, 19).replace(/[:T]/g, "-")}`;
}

export function receiptCsv(r: ReceiptView): string {
  const errors: CsvErrorRow[] = [];
  for (const type of ERROR_TYPES) {
    for (const e of r.errorSamples[type] ?? []) {
      const s = e.samples[0];
      errors.push({ type: ERROR_TYPE_LABELS[type], key: e.key, count: e.count, ...(s ? { sample: `${s.file}:${s.line} ${s.text}` } : {}) });
    }
  }
  return formatReceiptCsv({ partnerId: r.dataSource?.dpid ?? null, files: r.files, counters: r.counters, startedAt: r.startedAt, endedAt: r.endedAt }, errors);
}

export function receiptJson(r: ReceiptView): string {
  return JSON.stringify(
    {
      id: r.id,
      source: r.source,
      dataSource: r.dataSource ? { id: r.dataSource.id, name: r.dataSource.name, dpid: r.dataSource.dpid } : null,
      environment: r.environment,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      files: r.files,
      counters: r.counters,
      errorSamples: r.errorSamples,
      submissionIds: r.submissionIds,
      emailedAt: r.emailedAt,
    },
    null,
    2,
  );
}
