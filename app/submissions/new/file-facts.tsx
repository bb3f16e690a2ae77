"use client";
// How the file was read, with the evidence for each guess, and a way to overrule it: encoding (Excel's
// Windows code page vs UTF-8), delimiter (with each candidate's score) and, for workbooks, the sheet.
import { formatBytes } from "@/components/format";
import { ENCODING_LABELS, type TextEncodingName } from "@/lib/crm/decode";
import { DELIMITER_NAMES, DELIMITERS, type Delimiter } from "@/lib/crm/sniff";
import type { FileFacts, ReadChoice } from "@/lib/worker/protocol";

const ENCODINGS = Object.keys(ENCODING_LABELS) as TextEncodingName[];

export function FileFactsPanel({ facts, rows, read, onReread }: { facts: FileFacts; rows: number | null; read: ReadChoice; onReread(read: ReadChoice): void }) {
  const enc = facts.encoding;
  return (
    <section aria-label="How the file was read" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="file-facts">
      <p>
        <strong>{facts.name}</strong> · {formatBytes(facts.size)}
        {facts.gzip ? " · gzip" : ""} · {facts.kind === "xlsx" ? "Excel workbook" : "delimited text"}
        {rows !== null ? ` · ${rows.toLocaleString("en-US")} rows` : ""} · header on line {facts.headerLine}
      </p>
      <div className="grid gap-2 md:grid-cols-2">
        {facts.kind === "delimited" ? (
          <>
            <div>
              <label className="font-medium">
                Encoding{" "}
                <select
                  value={read.encoding ?? ""}
                  onChange={(e) => onReread({ ...read, ...(e.target.value ? { encoding: e.target.value as TextEncodingName } : { encoding: undefined }) })}
                  className="rounded border border-slate-300 px-1 py-0.5"
                >
                  <option value="">Detected: {ENCODING_LABELS[enc.encoding]}</option>
                  {ENCODINGS.map((e) => (
                    <option key={e} value={e}>{ENCODING_LABELS[e]}</option>
                  ))}
                </select>
              </label>
              <p className="text-xs text-slate-600" data-testid="encoding-evidence">
                {ENCODING_LABELS[enc.encoding]}{enc.bom ? " with byte-order mark" : ""} ({enc.confidence}): {enc.reason}
              </p>
            </div>
            <div>
              <label className="font-medium">
                Delimiter{" "}
                <select
                  value={read.delimiter ?? ""}
                  onChange={(e) => onReread({ ...read, ...(e.target.value ? { delimiter: e.target.value as Delimiter } : { delimiter: undefined }) })}
                  className="rounded border border-slate-300 px-1 py-0.5"
                >
                  <option value="">Detected: {facts.delimiter ? DELIMITER_NAMES[facts.delimiter.delimiter] : "none"}</option>
                  {DELIMITERS.map((d) => (
                    <option key={d} value={d}>{DELIMITER_NAMES[d]}</option>
                  ))}
                </select>
              </label>
              <p className="text-xs text-slate-600" data-testid="delimiter-evidence">
                {facts.delimiter ? `${DELIMITER_NAMES[facts.delimiter.delimiter]}-delimited: ${facts.delimiter.reason}` : ""}
              </p>
            </div>
          </>
        ) : (
          <div>
            <label className="font-medium">
              Sheet{" "}
              <select value={facts.sheet} onChange={(e) => onReread({ ...read, sheet: Number(e.target.value) })} className="rounded border border-slate-300 px-1 py-0.5">
                {(facts.sheets ?? []).map((s, i) => (
                  <option key={i} value={i}>{s.name}{s.hidden ? " (hidden)" : ""}</option>
                ))}
              </select>
            </label>
            <p className="text-xs text-slate-600" data-testid="encoding-evidence">{enc.reason}. Dates formatted as dates are read as ISO dates; numbers are kept as stored.</p>
          </div>
        )}
      </div>
    </section>
  );
}
