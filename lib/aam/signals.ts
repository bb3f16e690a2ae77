// Trait signals, spec §2.1-2.3. The writer emits exactly one canonical form per kind (§2.6): no spaces,
// d_sid=/d_unsid= for trait IDs, "key"="value" always quoted. Anything that form cannot carry (no escape
// for quotes or commas exists, A14) is rejected here rather than written ambiguously.

export type Signal =
  | { kind: "sid"; traitId: string }
  | { kind: "unsid"; traitId: string }
  /**
   * `<traitId>:0` or `<traitId>:-1`, the spec's "remove-flag": both REMOVE the user from the trait, as an
   * alternative to d_unsid (spec §2.2, examples V2 and V3). `flag` keeps which spelling was used so a
   * parsed line can be written back unchanged.
   */
  | { kind: "sidFlag"; traitId: string; flag: "0" | "-1" }
  /** `ic=<code>`, or with `bare` just `<code>` (numeric only), for traits whose rule is ic == "<code>". */
  | { kind: "ic"; code: string; bare?: boolean }
  | { kind: "kv"; key: string; value: string };

export type SignalKind = Signal["kind"];

/** Keys the parser turns into other kinds; as key-value pairs they would change meaning. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["d_sid", "d_unsid", "ic"]);

/** Trait IDs are numeric only [FC]. */
export function isTraitId(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The key rule of AAM's Expression Builder [KEYN]: letters, digits, "_" and "-", and not digits only. */
export function isRecommendedKey(key: string): boolean {
  let letter = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!digit && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && c !== 95 && c !== 45) return false;
    if (!digit) letter = true;
  }
  return letter && key.charCodeAt(0) !== 45; // AAM drops a leading "-" [FC]
}

/** Why a key cannot be written as "key" at all, or null when it can. */
export function keyUnrepresentableReason(key: string): string | null {
  if (key.length === 0) return "the key is empty";
  const bad = /["\u201c\u201d,=\t\r\n]/.exec(key);
  if (bad) return `the key contains ${describeChar(bad[0])}, which the file format cannot carry`;
  if (key.trim() !== key) return "the key starts or ends with a space";
  return null;
}

/** Why a value cannot be written as "value", or null when it can (spec §2.6 rule 3, A14). */
export function valueUnrepresentableReason(value: string): string | null {
  if (value.length === 0) return "the value is empty (leave the pair out instead)";
  const bad = /["\u201c\u201d,\t\r\n]/.exec(value);
  if (bad) return `the value contains ${describeChar(bad[0])}; AAM has no escape for it, so remove or replace it`;
  return null;
}

/** Why an ic= code cannot be written bare after "ic=", or null. */
export function icCodeUnrepresentableReason(code: string): string | null {
  if (code.length === 0) return "the integration code is empty";
  const bad = /["\u201c\u201d,=\s]/.exec(code);
  if (bad) return `the integration code contains ${describeChar(bad[0])}`;
  return null;
}

export function describeChar(ch: string): string {
  switch (ch) {
    case "\t":
      return "a TAB";
    case "\r":
    case "\n":
      return "a line break";
    case " ":
      return "a space";
    case ",":
      return "a comma";
    case '"':
      return "a double quote";
    default:
      return JSON.stringify(ch);
  }
}

/** Canonical text of one signal. Throws when the signal cannot be represented (validate first). */
export function formatSignal(s: Signal): string {
  switch (s.kind) {
    case "sid":
      if (!isTraitId(s.traitId)) throw new TypeError(`trait ID "${s.traitId}" is not numeric`);
      return "d_sid=" + s.traitId;
    case "unsid":
      if (!isTraitId(s.traitId)) throw new TypeError(`trait ID "${s.traitId}" is not numeric`);
      return "d_unsid=" + s.traitId;
    case "sidFlag":
      if (!isTraitId(s.traitId)) throw new TypeError(`trait ID "${s.traitId}" is not numeric`);
      if (s.flag !== "0" && s.flag !== "-1") throw new TypeError(`removal flag must be 0 or -1`);
      return s.traitId + ":" + s.flag;
    case "ic": {
      if (s.bare) {
        if (!isTraitId(s.code)) throw new TypeError(`bare integration code "${s.code}" must be numeric`);
        return s.code;
      }
      const why = icCodeUnrepresentableReason(s.code);
      if (why) throw new TypeError(why);
      return "ic=" + s.code;
    }
    case "kv": {
      const why = keyUnrepresentableReason(s.key) ?? valueUnrepresentableReason(s.value);
      if (why) throw new TypeError(why);
      if (RESERVED_KEYS.has(s.key)) throw new TypeError(`"${s.key}" is reserved; use a ${s.key === "ic" ? "ic" : "sid"} signal`);
      return '"' + s.key + '"="' + s.value + '"';
    }
  }
}

/** Signal styles for the one-style-per-line recommendation (§2.2); d_sid with d_unsid counts as one style. */
export function signalStyle(s: Signal): "trait" | "ic" | "kv" {
  return s.kind === "kv" ? "kv" : s.kind === "ic" ? "ic" : "trait";
}
