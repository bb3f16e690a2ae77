// Streaming RFC 4180 parser. Text arrives in arbitrary chunks (split inside quotes, between \r and \n,
// inside a doubled quote); all state needed to resume is kept, so nothing is ever re-scanned. The hot path
// finds the next delimiter / line break with indexOf and slices fields: no per-character concatenation.
import type { Issue } from "../aam/issues";
import type { CrmIssueCode } from "./issue-codes";
import { fieldTooLong, inputLimits, nulCharacter, rowTooLong, tooManyColumns, type InputLimits } from "./input-limits";
import { sniffDelimiter, type Delimiter } from "./sniff";

export interface ParsedRow {
  /** 1-based file line where the row starts (blank lines and newlines inside quotes are counted). */
  line: number;
  fields: string[];
}

export interface CsvParser {
  push(text: string): ParsedRow[];
  end(): ParsedRow[];
  /** The first `maxIssues` issues; a file broken on every line must not hold a million issue objects. */
  readonly issues: Issue<CrmIssueCode>[];
  /** All issues found, kept or not. */
  readonly issueCount: number;
  /** Physical lines seen so far (for progress and "line N of M" messages). */
  readonly lines: number;
  /** True between rows: nothing of the next row has been read (a safe place to resume from). */
  readonly atRowStart: boolean;
}

export interface CsvParserOptions {
  delimiter: Delimiter;
  quote?: '"';
  /** Issues kept in `issues` (default 10,000); `issueCount` counts them all. */
  maxIssues?: number;
  /** File line of the first character pushed (default 1): resuming mid-file at a known row boundary. */
  startLine?: number;
  /** Row, value and column bounds (input-limits.ts): exceeding one throws ImportRefusedError. */ limits?: Partial<InputLimits>;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Parser states: plain numbers rather than a (const) enum, so every transpiler (tsc, esbuild, SWC) agrees.
const FIELD_START = 0;
const UNQUOTED = 1; // inside an unquoted field that continues from an earlier chunk (text so far in `partial`)
const QUOTED = 2; // inside quotes; `partial` holds the unescaped text so far
const QUOTED_QUOTE = 3; // inside quotes and the previous chunk ended on a quote: escape or close, unknown yet
const AFTER_CLOSE = 4; // a quoted field was closed; `partial` holds its value
const AFTER_CR = 5; // a row ended on \r at the end of a chunk; a leading \n in the next chunk belongs to it
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTED_QUOTE | typeof AFTER_CLOSE | typeof AFTER_CR;

export function createCsvParser(opts: CsvParserOptions): CsvParser {
  const delim = opts.delimiter;
  const delimCode = delim.charCodeAt(0);
  const issues: Issue<CrmIssueCode>[] = [];
  const maxIssues = opts.maxIssues ?? 10_000;
  let issueCount = 0;
  const report = (issue: Issue<CrmIssueCode>): void => {
    issueCount++;
    if (issues.length < maxIssues) issues.push(issue);
  };

  let state: State = FIELD_START;
  let line = opts.startLine ?? 1; // physical line at the scan position
  let rowLine = line;
  let fields: string[] = [];
  let partial = "";
  let fieldQuoted = false;
  let quoteLine = 1;
  let skipLeadingLf = false; // a \r inside quotes ended the previous chunk
  const { maxRowChars, maxFieldChars, maxColumns } = inputLimits(opts.limits);
  let consumed = 0; // characters in earlier chunks: positions are absolute, so the row bound spans chunks
  let rowStart = 0;
  // Every value passes here: one comparison each, so the bounds cost nothing measurable.
  const pushField = (value: string): void => {
    if (value.length > maxFieldChars) throw fieldTooLong({ line: fieldQuoted ? quoteLine : rowLine }, fields.length + 1, maxFieldChars);
    if (fields.push(value) > maxColumns) throw tooManyColumns({ line: rowLine }, maxColumns);
  };
  const checkRowLength = (endAt: number): void => {
    if (endAt - rowStart > maxRowChars) throw rowTooLong({ line: rowLine }, maxRowChars, state === QUOTED || state === QUOTED_QUOTE ? { line: quoteLine, column: fields.length + 1 } : undefined);
  };
  // A NUL is refused where it is: the text before it is parsed first, so line and column are exact.
  const scanChecked = (s: string): ParsedRow[] => {
    const nul = s.indexOf("\u0000");
    if (nul < 0) return scan(s);
    scan(s.slice(0, nul));
    throw nulCharacter({ line }, fields.length + 1);
  };

  function scan(s: string): ParsedRow[] {
    const rows: ParsedRow[] = [];
    const n = s.length;
    let i = 0;
    // Cached positions of the next LF / CR / delimiter at or after i; n means "none in this chunk".
    let nextLf = -1;
    let nextCr = -1;
    let nextD = -1;
    const find = (ch: string, from: number): number => {
      const k = s.indexOf(ch, from);
      return k < 0 ? n : k;
    };

    if (n === 0) return rows;
    const skipLf = skipLeadingLf;
    skipLeadingLf = false;
    if (state === AFTER_CR) {
      state = FIELD_START;
      if (s.charCodeAt(0) === LF) i = 1;
    } else if (state === QUOTED_QUOTE) {
      if (s.charCodeAt(0) === QUOTE) {
        partial += '"';
        i = 1;
        state = QUOTED;
      } else state = AFTER_CLOSE;
    }

    // Count line breaks inside quoted text s[from, to) so later rows keep true file line numbers.
    const countLines = (from: number, to: number): void => {
      if (nextLf < from) nextLf = find("\n", from);
      while (nextLf < to) {
        if (!(nextLf === 0 && skipLf)) line++;
        nextLf = find("\n", nextLf + 1);
      }
      if (nextCr < from) nextCr = find("\r", from);
      while (nextCr < to) {
        if (nextCr + 1 === n) {
          line++;
          skipLeadingLf = true;
        } else if (s.charCodeAt(nextCr + 1) !== LF) line++;
        nextCr = find("\r", nextCr + 1);
      }
    };

    while (i < n) {
      if (state === FIELD_START || state === UNQUOTED) {
        if (state === FIELD_START && s.charCodeAt(i) === QUOTE) {
          state = QUOTED;
          fieldQuoted = true;
          quoteLine = line;
          partial = "";
          i++;
          continue;
        }
        if (nextD < i) nextD = find(delim, i);
        if (nextLf < i) nextLf = find("\n", i);
        if (nextCr < i) nextCr = find("\r", i);
        const eol = nextLf < nextCr ? nextLf : nextCr;
        if (nextD < eol) {
          const v = s.slice(i, nextD);
          pushField(state === UNQUOTED ? partial + v : v);
          partial = "";
          state = FIELD_START;
          fieldQuoted = false;
          i = nextD + 1;
          continue;
        }
        if (eol === n) {
          partial = state === UNQUOTED ? partial + s.slice(i) : s.slice(i);
          state = UNQUOTED;
          break;
        }
        const v = s.slice(i, eol);
        const value = state === UNQUOTED ? partial + v : v;
        // An empty unquoted line is blank: skipped, but its line is still counted.
        if (fields.length > 0 || value !== "") {
          pushField(value);
          checkRowLength(consumed + eol);
          rows.push({ line: rowLine, fields });
          fields = [];
        }
        i = endOfLine(eol);
        continue;
      }
      if (state === QUOTED) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          countLines(i, n);
          partial += s.slice(i);
          break;
        }
        countLines(i, q);
        if (q + 1 === n) {
          partial += s.slice(i, q);
          state = QUOTED_QUOTE;
          break;
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          partial += s.slice(i, q + 1);
          i = q + 2;
        } else {
          partial += s.slice(i, q);
          state = AFTER_CLOSE;
          i = q + 1;
        }
        continue;
      }
      // AFTER_CLOSE: a closed quoted field must be followed by a delimiter or a line break.
      const c = s.charCodeAt(i);
      if (c === delimCode) {
        pushField(partial);
        partial = "";
        fieldQuoted = false;
        state = FIELD_START;
        i++;
      } else if (c === LF || c === CR) {
        pushField(partial);
        partial = "";
        checkRowLength(consumed + i);
        rows.push({ line: rowLine, fields });
        fields = [];
        i = endOfLine(i);
      } else {
        report({
          code: "CSV_QUOTE_TRAILING",
          severity: "warning",
          message: `Text after the closing quote in column ${fields.length + 1}; it was kept as part of the value.`,
          line,
          column: fields.length + 1,
        });
        state = UNQUOTED; // the rest up to the next delimiter is appended to `partial`
      }
    }
    checkRowLength((consumed += n)); // an unfinished row is bounded too: a 10 MB line arrives in many chunks
    return rows;

    // Consumes the line break at eol (\n, \r\n or a lone \r) and starts a new row.
    function endOfLine(eol: number): number {
      line++;
      state = FIELD_START;
      fieldQuoted = false;
      partial = "";
      let next = eol + 1;
      if (s.charCodeAt(eol) === CR) {
        if (next === n) state = AFTER_CR;
        else if (s.charCodeAt(next) === LF) next++;
      }
      rowLine = line;
      rowStart = consumed + next;
      return next;
    }
  }

  function finish(): ParsedRow[] {
    const rows: ParsedRow[] = [];
    const st = state;
    state = FIELD_START;
    if (st === QUOTED) {
      report({
        code: "CSV_UNCLOSED_QUOTE",
        severity: "error",
        message: `The quote opened at line ${quoteLine} (column ${fields.length + 1}) is never closed, so the rest of the file became one value.`,
        line: quoteLine,
        column: fields.length + 1,
      });
    }
    if (st === FIELD_START) {
      // "a,b," at the very end: the final delimiter still opens an (empty) last field.
      if (fields.length > 0) {
        pushField("");
        rows.push({ line: rowLine, fields });
      }
    } else if (st !== AFTER_CR) {
      pushField(partial);
      if (fields.length > 1 || partial !== "" || fieldQuoted) rows.push({ line: rowLine, fields });
    }
    fields = [];
    partial = "";
    return rows;
  }

  return {
    push: scanChecked,
    end: finish,
    get issues() {
      return issues;
    },
    get issueCount() {
      return issueCount;
    },
    get lines() {
      return line;
    },
    get atRowStart() {
      return state === FIELD_START && fields.length === 0 && !skipLeadingLf;
    },
  };
}

/** Parses a whole text: BOM stripped, delimiter sniffed when not given, first row is the header. */
export function parseCsvText(
  text: string,
  delimiter?: Delimiter,
): { header: string[]; rows: ParsedRow[]; issues: Issue<CrmIssueCode>[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parser = createCsvParser({ delimiter: delimiter ?? sniffDelimiter(body.slice(0, 65536)).delimiter });
  const rows = parser.push(body);
  for (const r of parser.end()) rows.push(r);
  const first = rows.shift();
  return { header: first ? first.fields : [], rows, issues: parser.issues };
}
