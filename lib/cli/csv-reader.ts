// A small streaming CSV reader (RFC 4180: comma, double-quote quoting with "" escapes, CRLF or LF, newlines
// inside quoted fields). It is a stopgap for the CLI: lib/crm (encoding and delimiter sniffing, Excel) will
// replace it. Text arrives in chunks; only the current row is held.

/** A single field beyond this is almost always an unbalanced quote swallowing the file. */
export const MAX_FIELD_CHARS = 1 << 20;

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface CsvReader {
  push(text: string): void;
  end(): void;
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Calls onRow(fields, line) for each row, `line` being the 1-based line the row starts on. Blank lines are
 * skipped. Text after a closing quote is kept and reported through onWarning (lenient, like spreadsheet apps).
 * Throws CsvError for an unterminated quote or a field over MAX_FIELD_CHARS.
 */
export function createCsvReader(
  onRow: (fields: string[], line: number) => void,
  onWarning: (message: string, line: number) => void = () => {},
): CsvReader {
  let state = S.FieldStart;
  let field = "";
  let fields: string[] = [];
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;

  function endField(value: string): void {
    fields.push(value);
    field = "";
  }
  function endRow(): void {
    if (!(fields.length === 1 && fields[0] === "")) onRow(fields, rowLine);
    fields = [];
    rowLine = line + 1;
  }
  function grow(add: string): void {
    field += add;
    if (field.length > MAX_FIELD_CHARS) {
      throw new CsvError(`A field starting on line ${quoteLine} is over ${MAX_FIELD_CHARS} characters; is a quote not closed?`, quoteLine);
    }
  }
  const stripCr = (v: string) => (v.charCodeAt(v.length - 1) === 13 ? v.slice(0, -1) : v);

  return {
    push(text) {
      let start = 0; // start of the pending slice of `text` for the current field
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        switch (state) {
          case S.FieldStart:
            if (c === 34) {
              state = S.Quoted;
              quoteLine = line;
              start = i + 1;
              break;
            }
            state = S.Unquoted;
            quoteLine = line;
            start = i;
          // falls through: this character belongs to the unquoted field
          case S.Unquoted:
            if (c === 44) {
              endField(field + text.slice(start, i));
              state = S.FieldStart;
            } else if (c === 10) {
              endField(stripCr(field + text.slice(start, i)));
              endRow();
              line++;
              state = S.FieldStart;
            }
            break;
          case S.Quoted:
            if (c === 34) {
              grow(text.slice(start, i));
              state = S.QuoteInQuoted;
            } else if (c === 10) line++;
            break;
          case S.QuoteInQuoted:
            if (c === 34) {
              grow('"');
              start = i + 1;
              state = S.Quoted;
            } else if (c === 44) {
              endField(field);
              state = S.FieldStart;
            } else if (c === 10) {
              endField(field);
              endRow();
              line++;
              state = S.FieldStart;
            } else if (c !== 13) {
              onWarning("Text follows a closing quote; it was kept as part of the field.", line);
              state = S.Unquoted;
              start = i;
            }
            break;
        }
      }
      if (state === S.Unquoted || state === S.Quoted) grow(text.slice(start));
    },
    end() {
      if (state === S.Quoted) throw new CsvError(`The quote opened on line ${quoteLine} is never closed.`, quoteLine);
      if (state === S.Unquoted) endField(stripCr(field));
      else if (state === S.QuoteInQuoted || fields.length > 0) endField(field);
      if (fields.length > 0) endRow();
    },
  };
}
