// Delimiter sniffing. Guessing wrong is a top importer complaint (semicolon files with decimal commas,
// commas in headers, multi-line quoted fields: research theme 6), so each candidate is parsed for real,
// quote-aware, and the one that splits the most lines into the same number of fields wins. The reason
// and per-delimiter scores go to the UI so the user can see and override the choice.
import { createCsvParser } from "./csv-parser";

export type Delimiter = "," | "\t" | ";" | "|";

export const DELIMITERS: readonly Delimiter[] = [",", "\t", ";", "|"];

export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ",": "comma",
  "\t": "tab",
  ";": "semicolon",
  "|": "pipe",
};

const MAX_ROWS = 200;

interface Candidate {
  delimiter: Delimiter;
  rows: number;
  fields: number; // most common field count
  matching: number; // rows with that count
  min: number;
  max: number;
  score: number;
}

function measure(sample: string, delimiter: Delimiter): Candidate {
  const parser = createCsvParser({ delimiter });
  const rows = parser.push(sample);
  const complete = /[\r\n]$/.test(sample);
  const tail = parser.end();
  // Without a final line break the last line may be cut off by the sample window; it would only add noise.
  if (complete || rows.length < 2) rows.push(...tail);
  const counts = rows.slice(0, MAX_ROWS).map((r) => r.fields.length);
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let fields = 0;
  let matching = 0;
  for (const [c, k] of freq) {
    if (k > matching || (k === matching && c > fields)) {
      fields = c;
      matching = k;
    }
  }
  const total = counts.length;
  const score = total === 0 || fields < 2 ? 0 : Math.round((matching / total) * 1000) / 1000;
  return {
    delimiter,
    rows: total,
    fields,
    matching,
    min: total ? Math.min(...counts) : 0,
    max: total ? Math.max(...counts) : 0,
    score,
  };
}

function describe(c: Candidate): string {
  return c.min === c.max ? `${c.min} field${c.min === 1 ? "" : "s"}` : `${c.min}–${c.max} fields`;
}

export function sniffDelimiter(sampleText: string): {
  delimiter: Delimiter;
  reason: string;
  scores: Record<Delimiter, number>;
} {
  const sample = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  const candidates = DELIMITERS.map((d) => measure(sample, d));
  const scores = { ",": 0, "\t": 0, ";": 0, "|": 0 } as Record<Delimiter, number>;
  for (const c of candidates) scores[c.delimiter] = c.score;

  // Highest consistency wins; then more fields (a real delimiter splits more); then the list order.
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (c.score === 0) continue;
    if (!best || c.score > best.score || (c.score === best.score && c.fields > best.fields)) best = c;
  }
  if (!best) {
    return {
      delimiter: ",",
      reason: "no delimiter splits the lines into two or more fields: read as a single column (comma)",
      scores,
    };
  }
  const name = DELIMITER_NAMES[best.delimiter];
  const lines = best.rows === 1 ? "the only line" : best.matching === best.rows ? `all ${best.rows} lines` : `${best.matching} of ${best.rows} lines`;
  const others = candidates
    .filter((c) => c !== best && c.max > 1)
    .map((c) => `${DELIMITER_NAMES[c.delimiter]} gives ${describe(c)}`);
  const reason = `${name} splits ${lines} into ${best.fields} fields` + (others.length ? `; ${others.join(", ")}` : "");
  return { delimiter: best.delimiter, reason, scores };
}
