// Saved mappings ("templates") are keyed by header name, not position, so a re-ordered export still maps.
// When a new file's header differs from the one the template was made for, the drift is shown (new,
// missing and renamed columns, each with a reason) and the template can be applied with the renames in
// one click, instead of the silent mis-mapping or the "open a support case" of other uploaders.
import type { ColumnRole, Mapping } from "./mapping";
import type { TextEncodingName } from "./decode";
import type { Delimiter } from "./sniff";

export interface TemplateColumn {
  header: string;
  role: ColumnRole;
  valueMap?: Record<string, string | null>;
  split?: string;
}

export interface TemplateBody {
  version: 1;
  columns: TemplateColumn[];
  delimiter?: Delimiter;
  encoding?: TextEncodingName;
}

export interface Rename {
  from: string;
  to: string;
  reason: string;
}

export interface HeaderDrift {
  /** Same names in the same order: the template applies as it is. */
  identical: boolean;
  added: string[];
  missing: string[];
  renamed: Rename[];
  /** Same columns in another order (harmless: templates map by name). */
  reordered: boolean;
}

export function templateFromMapping(header: readonly string[], mapping: Mapping, extra: { delimiter?: Delimiter; encoding?: TextEncodingName } = {}): TemplateBody {
  const columns = header.map((name, i): TemplateColumn => {
    const col: TemplateColumn = { header: name, role: mapping.columns[i] ?? { role: "ignore" } };
    const valueMap = mapping.valueMaps?.[i];
    if (valueMap) col.valueMap = valueMap;
    const split = mapping.splitMultiValues?.[i];
    if (split) col.split = split;
    return col;
  });
  return { version: 1, columns, ...extra };
}

const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
const tokens = (s: string): Set<string> => new Set(s.toLowerCase().replace(/([a-z])([A-Z])/g, "$1 $2").split(/[^\p{L}\p{N}]+/u).filter(Boolean));

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** How alike two header names are (0..1) and why, in words for the user. */
export function nameSimilarity(a: string, b: string): { score: number; reason: string } {
  const ca = compact(a);
  const cb = compact(b);
  if (ca === cb && ca !== "") return { score: 1, reason: "same name apart from case, spaces or punctuation" };
  if (ca.length >= 3 && cb.length >= 3 && (ca.includes(cb) || cb.includes(ca))) return { score: 0.8, reason: `"${ca.length < cb.length ? a : b}" is part of "${ca.length < cb.length ? b : a}"` };
  const ta = tokens(a);
  const tb = tokens(b);
  const shared = [...ta].filter((t) => tb.has(t));
  const jaccard = shared.length / (ta.size + tb.size - shared.length || 1);
  const edit = 1 - levenshtein(ca, cb) / Math.max(ca.length, cb.length, 1);
  if (jaccard >= edit && jaccard >= 0.5) return { score: jaccard, reason: `both mention ${shared.map((t) => `"${t}"`).join(" and ")}` };
  return { score: edit, reason: `spelled alike (${Math.round(edit * 100)}% of the letters match)` };
}

export function detectDrift(templateHeader: readonly string[], fileHeader: readonly string[]): HeaderDrift {
  const fileSet = new Set(fileHeader);
  const templateSet = new Set(templateHeader);
  const missing = templateHeader.filter((h) => !fileSet.has(h));
  const added = fileHeader.filter((h) => !templateSet.has(h));
  const renamed: Rename[] = [];
  // Greedy best-first pairing of missing and new names; below 0.5 a pair is a guess we do not make.
  const pairs: { from: string; to: string; score: number; reason: string }[] = [];
  for (const from of missing) for (const to of added) pairs.push({ from, to, ...nameSimilarity(from, to) });
  pairs.sort((x, y) => y.score - x.score);
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.score < 0.5 || used.has("f:" + p.from) || used.has("t:" + p.to)) continue;
    used.add("f:" + p.from);
    used.add("t:" + p.to);
    renamed.push({ from: p.from, to: p.to, reason: p.reason });
  }
  // The only missing column and the only new one, in the same place: almost certainly a rename.
  const leftMissing = missing.filter((m) => !used.has("f:" + m));
  const leftAdded = added.filter((a) => !used.has("t:" + a));
  if (leftMissing.length === 1 && leftAdded.length === 1 && templateHeader.indexOf(leftMissing[0]!) === fileHeader.indexOf(leftAdded[0]!)) {
    renamed.push({ from: leftMissing[0]!, to: leftAdded[0]!, reason: "it is the only new column and sits where the missing one was" });
    leftMissing.length = 0;
    leftAdded.length = 0;
  }
  const identical = templateHeader.length === fileHeader.length && templateHeader.every((h, i) => h === fileHeader[i]);
  const reordered = !identical && missing.length === 0 && added.length === 0;
  return { identical, added: leftAdded, missing: leftMissing, renamed, reordered };
}

/**
 * The template's mapping for this file's header. Renamed columns take their old column's role; columns
 * the template does not know are ignored (never guessed into an ID) and listed so the UI can say so.
 */
export function applyTemplate(body: TemplateBody, fileHeader: readonly string[], renames: readonly Pick<Rename, "from" | "to">[] = []): { mapping: Mapping; unmatched: string[]; applied: number } {
  const byHeader = new Map(body.columns.map((c) => [c.header, c]));
  for (const r of renames) {
    const col = byHeader.get(r.from);
    if (col && !byHeader.has(r.to)) byHeader.set(r.to, col);
  }
  const mapping: Mapping = { columns: [] };
  const unmatched: string[] = [];
  let applied = 0;
  fileHeader.forEach((name, i) => {
    const col = byHeader.get(name);
    if (!col) {
      unmatched.push(name);
      mapping.columns.push({ role: "ignore" });
      return;
    }
    applied++;
    mapping.columns.push(col.role);
    if (col.valueMap) (mapping.valueMaps ??= {})[i] = col.valueMap;
    if (col.split) (mapping.splitMultiValues ??= {})[i] = col.split;
  });
  return { mapping, unmatched, applied };
}
