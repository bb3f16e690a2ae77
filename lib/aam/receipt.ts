// AAM's inbound receipt (spec §4.5, [RCPT]): the counters, the e-mail's text layout, a CSV export, and a
// parser that reads AAM's own receipt e-mail (pasted or extracted from the message) into the same fields.
// What each counter means for our processor (AAM's definitions leave room):
// - recordsReceived: lines in the files. recordsProcessed: minus lines AAM discards beyond 200 per user.
// - formatErrors, invalidAamId, invalidDeviceId, noMatchingAamId, noTraitRealized: exclusive, judged in
//   that order over processed records; storedRecords is what remains (AAM's formula, plus invalid device
//   IDs, which AAM's Onboarding Status Report counts but its e-mail does not show).
// - totalSignals / totalUnusedSignals: over records that passed the format and ID checks.
// - totalRealizedTraits: distinct traits realised per stored record. totalRemovedTraits: realisations
//   actually removed from the profile store (for .overwrite: traits users had before but not now).
// - traitsFailedValidation: signals naming another data source's trait; usersWithTraitsFailedValidation:
//   records with at least one (AAM's own description says "records").
// - totalDevices: distinct user IDs with at least one stored record.

export const RECEIPT_FIELDS = [
  { key: "recordsReceived", label: "Records received" },
  { key: "formatErrors", label: "Format Errors" },
  { key: "invalidAamId", label: "Invalid AAM ID" },
  { key: "invalidDeviceId", label: "Invalid Device ID", notInAamEmail: true },
  { key: "noMatchingAamId", label: "No Matching AAM ID" },
  { key: "noTraitRealized", label: "No Trait Realized" },
  { key: "recordsProcessed", label: "Records processed" },
  { key: "storedRecords", label: "Stored Records" },
  { key: "totalDevices", label: "Total devices" },
  { key: "totalSignals", label: "Total signals" },
  { key: "totalUnusedSignals", label: "Total unused signals" },
  { key: "totalRealizedTraits", label: "Total realized traits" },
  { key: "totalRemovedTraits", label: "Total removed traits" },
  { key: "traitsFailedValidation", label: "Total traits failed validation" },
  { key: "usersWithTraitsFailedValidation", label: "Total users that have traits which failed validation" },
] as const;

export type CounterKey = (typeof RECEIPT_FIELDS)[number]["key"];
export type ReceiptCounters = Record<CounterKey, number>;

export const COUNTER_KEYS: readonly CounterKey[] = RECEIPT_FIELDS.map((f) => f.key);

export const AAM_SUBJECT = "Adobe Audience Manager Server-To-Server Processing Result:";

export interface ReceiptData {
  /** The partner (the files' DPID) in "Dear Adobe Partner: (ID:n)"; null when unknown. */
  partnerId: number | null;
  /** Every file processed together, as URIs (s3n://bucket/key) or names. */
  files: string[];
  counters: ReceiptCounters;
  startedAt: Date;
  endedAt: Date;
}

export function emptyCounters(): ReceiptCounters {
  const c = {} as ReceiptCounters;
  for (const k of COUNTER_KEYS) c[k] = 0;
  return c;
}

export function addCounters(a: ReceiptCounters, b: ReceiptCounters): ReceiptCounters {
  const c = emptyCounters();
  for (const k of COUNTER_KEYS) c[k] = a[k] + b[k];
  return c;
}

/** AAM's definition of stored records (A8: AAM's own sample does not satisfy it, so only ours are held to it). */
export function storedByFormula(c: ReceiptCounters): number {
  return c.recordsProcessed - c.formatErrors - c.invalidAamId - c.invalidDeviceId - c.noMatchingAamId - c.noTraitRealized;
}

/** `YYYY-MM-DD hh:mm:ss` in UTC, the receipt's layout (its time zone is not stated; ours is UTC). */
export function formatAamTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}

export interface FormatTextOptions {
  from?: string;
  /** A closing line after the counters (e.g. who processed the files). */
  footer?: string;
}

/** The receipt as AAM lays out its e-mail, one field per line. */
export function formatReceiptText(r: ReceiptData, options: FormatTextOptions = {}): string {
  const lines: string[] = [];
  if (options.from) lines.push(`From: ${options.from}`);
  lines.push(`Subject: ${AAM_SUBJECT}`, "");
  lines.push(`Dear Adobe Partner: (ID:${r.partnerId ?? "unknown"})`, "");
  lines.push("We have received your Adobe Audience Manager Server-To-Server file delivery", "");
  lines.push("File name:");
  for (const f of r.files) lines.push(f);
  lines.push("");
  for (const f of RECEIPT_FIELDS) lines.push(`${f.label}: ${r.counters[f.key]}`);
  lines.push(`Job start time: ${formatAamTime(r.startedAt)}`);
  lines.push(`Job end time: ${formatAamTime(r.endedAt)}`);
  if (options.footer) lines.push("", options.footer);
  return lines.join("\n") + "\n";
}

/**
 * One CSV cell, safe to open in a spreadsheet: text starting with = + - @ TAB or CR gets a leading
 * single quote (OWASP's CSV-injection advice), then RFC 4180 quoting where needed.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  // Fullwidth ＝ ＋ － ＠ too: spreadsheets in CJK locales read them as formula starts (as lib/crm/issues-csv.ts does).
  if (typeof value === "string" && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export interface CsvErrorRow {
  type: string;
  key: string;
  count: number;
  sample?: string;
}

/** The receipt as one table: section,field,value,sample (job details, counters, files, top errors). */
export function formatReceiptCsv(r: ReceiptData, errors: readonly CsvErrorRow[] = []): string {
  const rows: (string | number)[][] = [["section", "field", "value", "sample"]];
  rows.push(["job", "Partner ID", r.partnerId ?? "", ""]);
  rows.push(["job", "Job start time", formatAamTime(r.startedAt), ""]);
  rows.push(["job", "Job end time", formatAamTime(r.endedAt), ""]);
  for (const f of RECEIPT_FIELDS) rows.push(["counter", f.label, r.counters[f.key], ""]);
  for (const f of r.files) rows.push(["file", "File name", f, ""]);
  for (const e of errors) rows.push(["error", `${e.type}: ${e.key}`, e.count, e.sample ?? ""]);
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export type ParsedReceipt = ReceiptData & {
  /** Counters the text did not contain and that were set to 0 (only ones AAM's e-mail may omit). */
  defaulted: CounterKey[];
  /** Stored Records as reported differs from AAM's formula (A8); shown, not corrected. */
  storedMismatch: boolean;
};

const LABEL_TO_KEY = new Map<string, CounterKey>(RECEIPT_FIELDS.map((f) => [normaliseLabel(f.label), f.key]));
// Labels seen with small variations (the status report's wording, singular/plural).
LABEL_TO_KEY.set("invalid device ids", "invalidDeviceId");
LABEL_TO_KEY.set("no trait realised", "noTraitRealized");
LABEL_TO_KEY.set("total realised traits", "totalRealizedTraits");
LABEL_TO_KEY.set("records stored", "storedRecords");

function normaliseLabel(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Text of an HTML receipt (AAM sends one; mail clients paste one): block ends become line breaks. */
function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "")
      .replace(/<br\s*\/?>|<\/(p|div|tr|td|li|h[1-6]|table)>/gi, "\n")
      .replace(/<[^>]*>/g, ""),
  );
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };
    return named[e.toLowerCase()] ?? m;
  });
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const FILE_TOKEN = /(s3n?:\/\/\S+|ftp:\/\/\S+|\S*ftp_dpm_\S+)/;

/**
 * Reads AAM's receipt e-mail from its text (or HTML). Lenient about layout (quoting, bold markers,
 * thousands separators, label case), strict about content: every counter AAM's e-mail carries and both
 * job times must be present, or the result says which are missing.
 */
export function parseReceiptText(input: string): { ok: true; value: ParsedReceipt } | { ok: false; errors: string[] } {
  const text = /<(p|br|div|td|table|b|html|body)\b[^>]*>/i.test(input) ? htmlToText(input) : input;
  const counters: Partial<ReceiptCounters> = {};
  const files: string[] = [];
  const errors: string[] = [];
  let partnerId: number | null = null;
  let startedAt: Date | null = null;
  let endedAt: Date | null = null;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/^[>\s]+/, "").replace(/\*\*|__/g, "").replace(/[\u00a0\u202f]/g, " ").trim();
    if (line === "") continue;
    const partner = /Dear Adobe Partner:?\s*\(ID:\s*(\d+)\s*\)/i.exec(line);
    if (partner) {
      partnerId = Number(partner[1]);
      continue;
    }
    const colon = line.indexOf(":");
    const label = colon > 0 ? normaliseLabel(line.slice(0, colon)) : "";
    const value = colon > 0 ? line.slice(colon + 1).trim() : "";
    const key = LABEL_TO_KEY.get(label);
    if (key) {
      if (!/^\d[\d,.' ]*$/.test(value)) {
        errors.push(`"${line.slice(0, 80)}": the value is not a whole number.`);
        continue;
      }
      counters[key] = Number(value.replace(/\D/g, ""));
      continue;
    }
    if (label === "job start time" || label === "job end time") {
      const m = TIME.exec(value);
      if (!m) {
        errors.push(`"${line.slice(0, 80)}": expected a time like 2018-05-17 18:07:49.`);
        continue;
      }
      const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
      if (label === "job start time") startedAt = d;
      else endedAt = d;
      continue;
    }
    if (label === "from" || label === "subject" || label === "to" || label === "date") continue;
    const file = FILE_TOKEN.exec(line);
    if (file && (label === "" || label === "file name" || /^(s3n?|ftp)$/.test(label))) files.push(file[1]!);
  }
  const defaulted: CounterKey[] = [];
  const missing: string[] = [];
  for (const f of RECEIPT_FIELDS) {
    if (counters[f.key] !== undefined) continue;
    if ("notInAamEmail" in f) {
      counters[f.key] = 0;
      defaulted.push(f.key);
    } else missing.push(f.label);
  }
  if (missing.length > 0) errors.push(`These lines of the receipt are missing: ${missing.join(", ")}.`);
  if (!startedAt) errors.push("The receipt has no \"Job start time\".");
  if (!endedAt) errors.push("The receipt has no \"Job end time\".");
  if (files.length === 0) errors.push("The receipt lists no files (the lines after \"File name:\").");
  if (errors.length > 0 || !startedAt || !endedAt) return { ok: false, errors };
  const c = counters as ReceiptCounters;
  return {
    ok: true,
    value: { partnerId, files, counters: c, startedAt, endedAt, defaulted, storedMismatch: storedByFormula(c) !== c.storedRecords },
  };
}

/** The bare file name of a receipt's file entry (`s3n://bucket/2018-05-17/ftp_dpm_7_901_1368806402.sync`). */
export function receiptFileName(entry: string): string {
  const slash = entry.lastIndexOf("/");
  return slash >= 0 ? entry.slice(slash + 1) : entry;
}
