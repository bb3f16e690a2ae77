// XLSX (Office Open XML) as rows of strings, streamed: the sheet part is inflated and scanned chunk by
// chunk, so a 1,000,000-row sheet never sits in memory as one string (SheetJS loads the whole workbook,
// which is what freezes other importers, research theme 1). Values are what Excel stored, never
// reformatted, with two exceptions that restore what the user saw: cells styled as dates become ISO
// dates (not serial numbers, theme 7) and "00000"-style formats keep their leading zeros.
import { ImportRefusedError, type DecompressionLimits, type Inflate, type RandomAccessInput } from "./byte-input";
import type { ParsedRow } from "./csv-parser";
import { createDecoder, type NativeTextDecoderFactory } from "./decode";
import { excelSerialToIsoDate } from "./excel-damage";
import { fieldTooLong, formatCount, inputLimits, nulCharacter, rowTooLong, tooManyColumns, type InputLimits } from "./input-limits";
import { attr, createElementSplitter, parseRowElement, richText, type RawCell } from "./xlsx-xml";
import { readZipDirectory, readZipEntry, zipEntryChunks, type ZipEntry } from "./zip";

export interface XlsxSheet {
  name: string;
  path: string;
  hidden: boolean;
}

type StyleKind = { date: true } | { zeros: number } | null;

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  /** Data rows in batches; `line` is the sheet's own 1-based row number. Empty rows are skipped. */
  readSheet(index: number): AsyncGenerator<ParsedRow[]>;
}

export interface XlsxOptions {
  inflate: Inflate;
  limits: DecompressionLimits;
  /** Row, value and column bounds (see input-limits.ts); a row is a sheet row, a value a cell. */
  inputLimits?: Partial<InputLimits>;
  nativeDecoder?: NativeTextDecoderFactory;
}

// A row's or shared string's XML is bounded at this multiple of its text bound: markup (<c r="AB12"
// t="s"><v>…</v></c>) and entities make XML several times longer than the text it carries.
const XML_OVERHEAD = 4;

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom number format shows a date or time when it has d/m/y/h/s outside quotes, escapes and colours. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").split(";")[0]!;
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

export function excelSerialToIso(value: string, date1904: boolean): string {
  const serial = Number(value);
  if (!Number.isFinite(serial) || serial < 0) return value;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const seconds = Math.round((serial - Math.floor(serial)) * 86400);
  const time = seconds === 0 ? "" : [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, "0")).join(":");
  if (Math.floor(serial) === 0 && !date1904) return time || "00:00:00";
  return time ? `${excelSerialToIsoDate(days)} ${time}` : excelSerialToIsoDate(days);
}

function text(bytes: Uint8Array, native?: NativeTextDecoderFactory): string {
  const d = createDecoder("utf-8", native ? { native } : {});
  return d.decode(bytes) + d.end();
}

function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ("xl/" + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

function parseStyles(xml: string): StyleKind[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = attr(m[0], "numFmtId");
    const code = attr(m[0], "formatCode");
    if (id !== null && code !== null) custom.set(Number(id), code);
  }
  const start = xml.indexOf("<cellXfs");
  const end = xml.indexOf("</cellXfs>", start);
  if (start < 0 || end < 0) return [];
  const kinds: StyleKind[] = [];
  for (const m of xml.slice(start, end).matchAll(/<xf[\s>][^>]*>/g)) {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined && /^0+$/.test(code)) kinds.push({ zeros: code.length });
    else if (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id)) kinds.push({ date: true });
    else kinds.push(null);
  }
  return kinds;
}

export async function openXlsx(input: RandomAccessInput, opts: XlsxOptions): Promise<XlsxWorkbook> {
  const entries = new Map<string, ZipEntry>();
  for (const e of await readZipDirectory(input)) entries.set(e.name, e);
  const load = async (name: string): Promise<string | null> => {
    const e = entries.get(name);
    return e ? text(await readZipEntry(input, e, opts.inflate, opts.limits), opts.nativeDecoder) : null;
  };
  const workbook = await load("xl/workbook.xml");
  if (workbook === null) {
    throw new ImportRefusedError("The file is a ZIP archive but not an Excel workbook (.xlsx). Export the data as CSV or XLSX.");
  }
  const rels = new Map<string, string>();
  for (const m of ((await load("xl/_rels/workbook.xml.rels")) ?? "").matchAll(/<Relationship\s[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) rels.set(id, resolveTarget(target));
  }
  const pr = /<workbookPr\s[^>]*>/.exec(workbook);
  const date1904 = pr ? /^(1|true)$/.test(attr(pr[0], "date1904") ?? "") : false;
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\s[^>]*>/g)) {
    const rid = attr(m[0], "r:id") ?? attr(m[0], "id");
    const path = rid ? rels.get(rid) : undefined;
    if (path && entries.has(path)) sheets.push({ name: attr(m[0], "name") ?? path, path, hidden: (attr(m[0], "state") ?? "visible") !== "visible" });
  }
  if (sheets.length === 0) throw new ImportRefusedError("The workbook has no worksheets.");
  let shared: string[] | null = null;
  let styles: StyleKind[] | null = null;
  const bounds = inputLimits(opts.inputLimits);

  async function loadShared(): Promise<string[]> {
    const out: string[] = [];
    const e = entries.get("xl/sharedStrings.xml");
    if (!e) return out;
    const splitter = createElementSplitter("si");
    const d = createDecoder("utf-8", opts.nativeDecoder ? { native: opts.nativeDecoder } : {});
    for await (const c of zipEntryChunks(input, e, opts.inflate, opts.limits)) {
      for (const si of splitter.push(d.decode(c))) out.push(richText(si));
      if (splitter.pending > bounds.maxFieldChars * XML_OVERHEAD) {
        throw new ImportRefusedError(
          `Shared text number ${formatCount(out.length + 1)} of the workbook is longer than ${formatCount(bounds.maxFieldChars * XML_OVERHEAD)} characters of XML, far more than one cell may hold. Nothing was imported.`,
        );
      }
    }
    for (const si of [...splitter.push(d.end()), ...splitter.end()]) out.push(richText(si));
    return out;
  }

  function cellText(c: RawCell): string {
    switch (c.type) {
      case "s":
        return shared![Number(c.value)] ?? "";
      case "b":
        return c.value === "1" ? "TRUE" : c.value === "0" ? "FALSE" : c.value;
      case "inlineStr":
      case "str":
      case "e":
      case "d":
        return c.value;
    }
    const kind = styles![c.style];
    if (!kind || c.value === "") return c.value;
    if ("date" in kind) return excelSerialToIso(c.value, date1904);
    return /^\d+$/.test(c.value) ? c.value.padStart(kind.zeros, "0") : c.value;
  }

  function toRow(element: string, previous: number, sheetName: string): ParsedRow {
    const parsed = parseRowElement(element);
    const line = parsed.row > 0 ? parsed.row : previous + 1;
    const where = { line, sheet: sheetName };
    const fields: string[] = [];
    let chars = 0;
    for (const c of parsed.cells) {
      const v = cellText(c);
      // Excel writes styled empty cells as far right as column XFD; only cells with a value take a place,
      // so padding (and the column bound) follow real values, and a reference like ZZZZZZ1 cannot make
      // the row a hundred-million-entry array.
      if (v === "") continue;
      if (c.column >= bounds.maxColumns) throw tooManyColumns(where, bounds.maxColumns, "Delete the unused columns in Excel and save the workbook again.");
      if (v.length > bounds.maxFieldChars) throw fieldTooLong(where, c.column + 1, bounds.maxFieldChars);
      if (v.indexOf("\u0000") >= 0) throw nulCharacter(where, c.column + 1);
      chars += v.length;
      if (chars > bounds.maxRowChars) throw rowTooLong(where, bounds.maxRowChars, undefined, "No CRM export has rows this long.");
      while (fields.length < c.column) fields.push("");
      fields[c.column] = v;
    }
    while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
    return { line, fields };
  }

  return {
    sheets,
    async *readSheet(index) {
      const sheet = sheets[index];
      if (!sheet) throw new ImportRefusedError(`The workbook has no sheet number ${index + 1}.`);
      shared ??= await loadShared();
      styles ??= parseStyles((await load("xl/styles.xml")) ?? "");
      const splitter = createElementSplitter("row");
      const d = createDecoder("utf-8", opts.nativeDecoder ? { native: opts.nativeDecoder } : {});
      let last = 0;
      const rowsOf = (elements: string[]): ParsedRow[] => {
        const out: ParsedRow[] = [];
        for (const el of elements) {
          const r = toRow(el, last, sheet.name);
          last = r.line;
          if (r.fields.length > 0) out.push(r);
        }
        return out;
      };
      for await (const c of zipEntryChunks(input, entries.get(sheet.path)!, opts.inflate, opts.limits)) {
        const rows = rowsOf(splitter.push(d.decode(c)));
        // A row element that never closes would otherwise be buffered to the end of the sheet.
        if (splitter.pending > bounds.maxRowChars * XML_OVERHEAD) {
          throw rowTooLong({ line: last + 1, sheet: sheet.name }, bounds.maxRowChars * XML_OVERHEAD, undefined, "Counted as XML; no CRM export has rows this long.");
        }
        if (rows.length) yield rows;
      }
      const rows = rowsOf([...splitter.push(d.end()), ...splitter.end()]);
      if (rows.length) yield rows;
    },
  };
}
