// Fixes are stored as a patch list against the original rows, not as a second copy of the data: the
// list is small, undo is "drop the last patch", and the server replays it over the stored original file
// to get exactly what the user saw. Compiling the list into lookup maps keeps replay O(1) per row.
import type { ParsedRow } from "./csv-parser";
import { normaliseEmail, normalisePhone } from "./normalise";
import { sha256Hex } from "./sha256";

export type Recipe =
  | "trim"
  | "lower"
  | "upper"
  | "sha256"
  | "stripUnrepresentable"
  | "normaliseEmail"
  | "normalisePhone";

export const RECIPES: readonly Recipe[] = [
  "trim",
  "lower",
  "upper",
  "sha256",
  "stripUnrepresentable",
  "normaliseEmail",
  "normalisePhone",
];

/**
 * `line` is the 1-based file line where the row starts (ParsedRow.line) and `column` is 1-based, both
 * exactly as in Issue.line / Issue.column, so a fix can be made straight from the issue it resolves.
 */
export type Patch =
  | { op: "set"; line: number; column: number; value: string }
  | { op: "dropRow"; line: number }
  | { op: "recipe"; recipe: Recipe; column: number }
  | { op: "dropRowsWithIssue"; code: string };

interface Ordered<T> {
  value: T;
  /** Position in the patch list: later patches win, and recipes apply only to what precedes them. */
  order: number;
}

export interface CompiledPatches {
  readonly sets: ReadonlyMap<number, ReadonlyMap<number, Ordered<string>>>;
  readonly drops: ReadonlySet<number>;
  readonly recipes: ReadonlyMap<number, readonly Ordered<Recipe>[]>;
  readonly dropIssueCodes: ReadonlySet<string>;
}

export function compilePatches(list: readonly Patch[]): CompiledPatches {
  const sets = new Map<number, Map<number, Ordered<string>>>();
  const drops = new Set<number>();
  const recipes = new Map<number, Ordered<Recipe>[]>();
  const dropIssueCodes = new Set<string>();
  list.forEach((p, order) => {
    switch (p.op) {
      case "set": {
        let row = sets.get(p.line);
        if (!row) sets.set(p.line, (row = new Map()));
        row.set(p.column, { value: p.value, order });
        break;
      }
      case "dropRow":
        drops.add(p.line);
        break;
      case "recipe": {
        let chain = recipes.get(p.column);
        if (!chain) recipes.set(p.column, (chain = []));
        // A repeated click must not hash a hash; the other recipes are idempotent anyway.
        if (chain[chain.length - 1]?.value !== p.recipe) chain.push({ value: p.recipe, order });
        break;
      }
      case "dropRowsWithIssue":
        dropIssueCodes.add(p.code);
        break;
    }
  });
  return { sets, drops, recipes, dropIssueCodes };
}

/**
 * Characters an AAM value cannot carry, as lib/aam's valueUnrepresentableReason defines them (no escaping
 * exists): straight and curly double quotes and commas are removed; tabs, line breaks and other control
 * characters become a space.
 */
function stripUnrepresentable(v: string): string {
  return v
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/[",\u201c\u201d]+/g, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

export function applyRecipe(recipe: Recipe, v: string): string {
  switch (recipe) {
    case "trim":
      return v.trim();
    case "lower":
      return v.toLowerCase();
    case "upper":
      return v.toUpperCase();
    case "sha256":
      // Hashing an empty cell would invent a value where the user has none.
      return v === "" ? "" : sha256Hex(v);
    case "stripUnrepresentable":
      return stripUnrepresentable(v);
    case "normaliseEmail":
      return normaliseEmail(v);
    case "normalisePhone":
      return normalisePhone(v);
  }
}

function runChain(v: string, chain: readonly Ordered<Recipe>[] | undefined, after: number): string {
  if (!chain) return v;
  let out = v;
  for (const r of chain) if (r.order > after) out = applyRecipe(r.value, out);
  return out;
}

/**
 * Replays the patches on one original row: the patched fields, or null when the row is dropped.
 * `issueCodes` are the codes found on this row (for dropRowsWithIssue); pass the codes of the patched
 * values when available, so a cell the user already fixed does not get its row dropped.
 * The row's own array is returned untouched when nothing applies (no copy on the hot path).
 */
export function applyPatches(
  row: ParsedRow,
  patches: CompiledPatches,
  issueCodes?: Iterable<string>,
): string[] | null {
  if (patches.drops.has(row.line)) return null;
  if (issueCodes && patches.dropIssueCodes.size > 0) {
    for (const code of issueCodes) if (patches.dropIssueCodes.has(code)) return null;
  }
  const cellSets = patches.sets.get(row.line);
  if (!cellSets && patches.recipes.size === 0) return row.fields;
  const out = row.fields.slice();
  if (cellSets) {
    for (const [column, set] of cellSets) {
      while (out.length < column) out.push("");
      out[column - 1] = runChain(set.value, patches.recipes.get(column), set.order);
    }
  }
  for (const [column, chain] of patches.recipes) {
    if (cellSets?.has(column) || column > out.length) continue;
    out[column - 1] = runChain(out[column - 1]!, chain, -1);
  }
  return out;
}

/** True when the compiled list drops rows with any of these issue codes (for counting previews). */
export function dropsIssue(patches: CompiledPatches, code: string): boolean {
  return patches.dropIssueCodes.has(code);
}
