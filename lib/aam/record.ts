// One line of an inbound trait file: `<user ID> TAB <signal>,<signal>...` (spec §2.1). Reading is lenient and
// writing is strict (A11): the parser accepts what Adobe's own examples print (spaces around TAB, ", ",
// spaces around "=", CRLF) with warnings, and formatRecord emits only the canonical form.
import { makeIssue, type AamIssue } from "./issues";
import { formatSignal, type Signal } from "./signals";

export interface AamRecord {
  id: string;
  signals: Signal[];
}

/** The canonical line, without terminator. Throws when a part cannot be represented (run validateRecord first). */
export function formatRecord(r: AamRecord): string {
  const id = r.id;
  if (id.length === 0 || id.indexOf("\t") >= 0 || id.indexOf("\n") >= 0 || id.indexOf("\r") >= 0) {
    throw new TypeError("the user ID is empty or contains a TAB or line break");
  }
  if (r.signals.length === 0) throw new TypeError("a record needs at least one signal");
  let line = id + "\t" + formatSignal(r.signals[0]!);
  for (let i = 1; i < r.signals.length; i++) line += "," + formatSignal(r.signals[i]!);
  return line;
}

export function parseLine(line: string, lineNo: number): { record?: AamRecord; issues: AamIssue[] } {
  const issues: AamIssue[] = [];
  const record = parseLineInto(line, lineNo, issues);
  return record ? { record, issues } : { issues };
}

const CURLY_QUOTES = /[\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb]/;

/**
 * As parseLine, appending issues to `out` (the file validator's hot path: one pass over each signal, no
 * intermediate arrays). A trailing CR is ignored: A12, Adobe's own sample uses CRLF; we write LF only.
 */
export function parseLineInto(raw: string, lineNo: number, out: AamIssue[]): AamRecord | undefined {
  const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  const first = line.charCodeAt(0);
  if (line.length === 0 || ((first === 32 || first === 9) && line.trim().length === 0)) {
    out.push(makeIssue("LINE_FORMAT", "warning", "The line is blank; remove it (AAM counts it as a format error).", { line: lineNo }));
    return undefined;
  }
  const tab = line.indexOf("\t");
  if (tab < 0) {
    const hint = line.includes(" ") ? " Spaces do not count: the ID and the signals must be separated by exactly one TAB character." : "";
    out.push(makeIssue("LINE_FORMAT", "error", `The line has no TAB between the user ID and the signals.${hint}`, { line: lineNo, value: preview(line) }));
    return undefined;
  }
  const tab2 = line.indexOf("\t", tab + 1);
  if (tab2 >= 0) {
    out.push(
      makeIssue("LINE_FORMAT", "error", "The line has more than one TAB; use TAB only between the user ID and the signals, and commas between signals.", {
        line: lineNo,
        column: tab2 + 1,
        value: preview(line),
      }),
    );
    return undefined;
  }
  const p = state;
  p.line = line;
  p.lineNo = lineNo;
  p.out = out;
  p.signals = [];
  p.ws = 0;
  let id = line.slice(0, tab);
  if (id.charCodeAt(id.length - 1) === 32 || first === 32) {
    p.ws = first === 32 ? 1 : tab;
    id = id.trim();
  }
  let start = tab + 1;
  let end = line.length;
  while (start < end && line.charCodeAt(start) === 32) start++;
  if (start > tab + 1 && !p.ws) p.ws = tab + 2;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  if (end < line.length) {
    out.push(
      makeIssue("LINE_WHITESPACE", "warning", "The line ends in whitespace; AAM may skip such rows. Remove the trailing spaces.", { line: lineNo, column: end + 1 }),
    );
  }
  if (start < end) {
    // Commas inside balanced quotes stay in their signal, so `"city"="New York, NY"` is one signal whose value
    // the validator then rejects (no escape exists, A14). With unbalanced quotes every comma splits, so the
    // broken quote is reported on its own signal instead of swallowing the rest of the line: that case is
    // only known at the end of the scan, so it undoes the quote-aware pass and splits again.
    const issuesBefore = out.length;
    const wsBefore = p.ws;
    if (!scanSignals(p, start, end, true)) {
      p.signals.length = 0;
      out.length = issuesBefore;
      p.ws = wsBefore;
      scanSignals(p, start, end, false);
    }
  }
  if (p.ws > 0) {
    out.push(
      makeIssue("LINE_WHITESPACE", "warning", "The line has spaces around the TAB, after a comma or around \"=\"; AAM's examples show them, but write without them.", {
        line: lineNo,
        column: p.ws,
      }),
    );
  }
  const record = { id, signals: p.signals };
  // Let go of the line and the caller's list: the line may be a slice of a large input chunk.
  p.line = "";
  p.out = p.signals = RELEASED;
  return record;
}

interface ParseState {
  line: string;
  lineNo: number;
  out: AamIssue[];
  signals: Signal[];
  /** 1-based column of the first stray space, reported once per line; 0 = none yet. */
  ws: number;
}
// One state object reused for every line (parsing is synchronous and never re-entered): no allocation per line.
// Between lines its arrays point at RELEASED, which is never written: each parse installs fresh ones.
const RELEASED: never[] = [];
const state: ParseState = { line: "", lineNo: 0, out: RELEASED, signals: RELEASED, ws: 0 };

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function preview(s: string): string {
  return s.length > 120 ? s.slice(0, 120) + "…" : s;
}

/**
 * One pass over the signal list: splits at commas (outside quotes when `quoteAware`) and, on the way, notes
 * each signal's first "=" outside quotes, first ":", quote counts and non-ASCII, so no signal is scanned
 * twice. Returns false when quote-aware splitting met unbalanced quotes.
 */
function scanSignals(p: ParseState, start: number, end: number, quoteAware: boolean): boolean {
  const line = p.line;
  let inQuote = false;
  let from = start;
  let eq = -1;
  let quotes = 0;
  let keyQuotes = 0;
  let colon = -1;
  let high = false;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 44) {
      if (inQuote && quoteAware) continue;
      parseElement(p, from, i, eq, quotes, keyQuotes, colon, high);
      from = i + 1;
      eq = -1;
      quotes = 0;
      keyQuotes = 0;
      colon = -1;
      high = false;
    } else if (c === 34) {
      quotes++;
      inQuote = !inQuote;
    } else if (c === 61) {
      if (eq < 0 && (quotes & 1) === 0) {
        eq = i;
        keyQuotes = quotes;
      }
    } else if (c === 58) {
      if (colon < 0) colon = i;
    } else if (c >= 0x80) high = true;
  }
  if (inQuote && quoteAware) return false;
  parseElement(p, from, end, eq, quotes, keyQuotes, colon, high);
  return true;
}

/**
 * Parses line[a, b) as one signal, given what scanSignals saw in it: the first "=" outside quotes (`eq`),
 * the quote count in all and before `eq`, the first ":" and whether any non-ASCII character occurs.
 */
function parseElement(p: ParseState, a: number, b: number, eq: number, quotes: number, keyQuotes: number, colon: number, high: boolean): void {
  const line = p.line;
  let s = a;
  let e = b;
  while (s < e && line.charCodeAt(s) === 32) s++;
  while (e > s && line.charCodeAt(e - 1) === 32) e--;
  if ((s > a || e < b) && !p.ws) p.ws = s > a ? a + 1 : e + 1;
  if (s === e) {
    // Adobe's own sample has a ",,", so AAM evidently skips empty elements: a warning, not an error.
    p.out.push(makeIssue("SIGNAL_EMPTY", "warning", "There is an empty signal between commas (or a trailing comma); remove the extra comma.", { line: p.lineNo, column: a + 1 }));
    return;
  }
  if (high && CURLY_QUOTES.test(line.slice(s, e))) {
    const text = line.slice(s, e);
    p.out.push(
      makeIssue("SIGNAL_BAD_QUOTES", "error", `"${text}" uses typographic quotes; use the plain double quote (") or none.`, { line: p.lineNo, column: s + 1, value: text }),
    );
    return;
  }
  if (eq < 0) {
    if (quotes > 0) return badQuotes(p, s, e);
    if (colon < 0) {
      p.signals.push({ kind: "ic", code: line.slice(s, e), bare: true });
      return;
    }
    const flag = line.slice(colon + 1, e);
    if (flag === "0" || flag === "-1") {
      p.signals.push({ kind: "sidFlag", traitId: line.slice(s, colon), flag });
      return;
    }
    const text = line.slice(s, e);
    p.out.push(
      makeIssue("SIGNAL_UNKNOWN", "error", `"${text}" is not a signal AAM understands: use d_sid=<trait ID>, d_unsid=<trait ID>, <trait ID>:0 or <trait ID>:-1, ic=<code>, or key=value.`, {
        line: p.lineNo,
        column: s + 1,
        value: text,
      }),
    );
    return;
  }
  // key = [ks, ke), value = [vs, e), spaces around "=" trimmed (Adobe's examples have them)
  let ks = s;
  let ke = eq;
  let vs = eq + 1;
  while (ke > ks && line.charCodeAt(ke - 1) === 32) ke--;
  while (vs < e && line.charCodeAt(vs) === 32) vs++;
  if ((ke < eq || vs > eq + 1) && !p.ws) p.ws = ke + 1;
  if (line.charCodeAt(ks) === 45) ks++; // a leading "-" on a key is ignored by AAM [FC]
  const valueQuotes = quotes - keyQuotes;
  const keyQuoted = keyQuotes === 2 && ke - ks >= 2 && line.charCodeAt(ks) === 34 && line.charCodeAt(ke - 1) === 34;
  const valueQuoted = valueQuotes === 2 && e - vs >= 2 && line.charCodeAt(vs) === 34 && line.charCodeAt(e - 1) === 34;
  if ((keyQuotes !== 0 && !keyQuoted) || (valueQuotes !== 0 && !valueQuoted)) return badQuotes(p, s, e);
  const k0 = keyQuoted ? ks + 1 : ks;
  const k1 = keyQuoted ? ke - 1 : ke;
  const value = valueQuoted ? line.slice(vs + 1, e - 1) : line.slice(vs, e);
  if (!valueQuoted && value.includes(" ")) {
    p.out.push(
      makeIssue("VALUE_UNQUOTED_SPACE", "warning", `The value "${value}" contains a space but is not quoted; write "${line.slice(k0, k1)}"="${value}".`, {
        line: p.lineNo,
        column: s + 1,
        value: line.slice(s, e),
      }),
    );
  }
  // Recognise d_sid / d_unsid / ic in place: no key string is made for the most common signals.
  const keyLength = k1 - k0;
  if (keyLength === 5 && line.startsWith("d_sid", k0)) p.signals.push({ kind: "sid", traitId: value });
  else if (keyLength === 7 && line.startsWith("d_unsid", k0)) p.signals.push({ kind: "unsid", traitId: value });
  // `bare: undefined` keeps every ic signal one object shape, so property reads on signals stay fast.
  else if (keyLength === 2 && line.startsWith("ic", k0)) p.signals.push({ kind: "ic", code: value, bare: undefined });
  else p.signals.push({ kind: "kv", key: line.slice(k0, k1), value });
}

function badQuotes(p: ParseState, s: number, e: number): void {
  const text = p.line.slice(s, e);
  p.out.push(
    makeIssue("SIGNAL_BAD_QUOTES", "error", `"${text}" has unbalanced or misplaced quotes; quote the whole key and/or the whole value, e.g. "key"="value".`, {
      line: p.lineNo,
      column: s + 1,
      value: text,
    }),
  );
}
