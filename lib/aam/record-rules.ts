// Per-record rules (spec §2, §3, §9): everything that can be judged from one record alone. Rules that need
// the whole file (empty file, lines per user, case collisions, mixed ID types) are in file-validator.ts.
import { checkIdInto, looksLikeEmail, looksLikePhone, type IdType } from "./id-rules";
import type { InboundMode } from "./file-name";
import { makeIssue, type AamIssue } from "./issues";
import { MAX_LINE_BYTES } from "./line-splitter";
import type { AamRecord } from "./record";
import {
  icCodeUnrepresentableReason,
  isRecommendedKey,
  isTraitId,
  keyUnrepresentableReason,
  RESERVED_KEYS,
  valueUnrepresentableReason,
} from "./signals";
import { utf8ByteLength } from "./utf8";

export interface RecordContext {
  idType: IdType;
  mode: InboundMode;
  line?: number;
  /**
   * "read" (default) judges a record found in an existing file; "write" judges one we are about to write,
   * where the writer rules of §2.6 apply: keys outside [A-Za-z0-9_-] are errors, not warnings.
   */
  purpose?: "read" | "write";
  /** Bytes of the line including its terminator, when known; otherwise the canonical line is measured. */
  lineBytes?: number;
}

export function validateRecord(r: AamRecord, ctx: RecordContext): AamIssue[] {
  const out: AamIssue[] = [];
  validateRecordInto(r, ctx, out, true);
  return out;
}

/** As validateRecord, appending to `out`; `checkLength` is false when the caller measured the raw line itself. */
export function validateRecordInto(r: AamRecord, ctx: RecordContext, out: AamIssue[], checkLength: boolean): void {
  const line = ctx.line;
  checkIdInto(r.id, ctx.idType, out, line);
  if (r.signals.length === 0) {
    out.push(makeIssue("SIGNAL_EMPTY", "error", "The line has no signals after the TAB; add at least one (e.g. d_sid=<trait ID>) or drop the line.", { line }));
  }
  const write = ctx.purpose === "write";
  let styles = 0;
  let removalInOverwrite = false;
  let chars = r.id.length + 1;
  // styles: a bit per signal style (trait IDs, ic, key-value; see signalStyle), to spot mixed lines.
  for (const s of r.signals) {
    switch (s.kind) {
      case "sid":
      case "unsid":
      case "sidFlag":
        styles |= 1;
        chars += s.traitId.length + 9;
        if (!isTraitId(s.traitId)) {
          out.push(makeIssue("SIGNAL_INVALID_TRAIT_ID", "error", `Trait ID "${s.traitId}" is not a number; trait IDs are numeric only (see the trait in AAM or the Traits API).`, { line, value: s.traitId }));
        }
        if (s.kind !== "sid" && ctx.mode === "overwrite") removalInOverwrite = true;
        break;
      case "ic": {
        styles |= 2;
        chars += s.code.length + 4;
        if (s.bare) {
          if (!isTraitId(s.code)) {
            out.push(makeIssue("SIGNAL_INVALID_TRAIT_ID", "error", `"${s.code}" on its own must be a numeric code; write ic=${s.code} or key=value instead.`, { line, value: s.code }));
          }
        } else {
          // A10: ic semantics (string or number) are unclear, so non-numeric tokens are allowed after ic=.
          const why = icCodeUnrepresentableReason(s.code);
          if (why) out.push(makeIssue("VALUE_UNREPRESENTABLE", "error", `ic=${s.code}: ${why}.`, { line, value: s.code }));
        }
        break;
      }
      case "kv":
        styles |= 4;
        chars += s.key.length + s.value.length + 6;
        checkKeyValue(s.key, s.value, write, line, out);
        break;
    }
  }
  if (removalInOverwrite) {
    out.push(
      makeIssue("UNSID_IN_OVERWRITE", "warning", "Removals (d_unsid= or <trait>:0 / :-1) are ignored in .overwrite files, which replace the user's traits anyway; drop them or use a .sync file.", { line }),
    );
  }
  if (styles !== 0 && (styles & (styles - 1)) !== 0) {
    out.push(
      makeIssue("SIGNAL_MIXED_STYLES", "warning", "The line mixes trait IDs, ic codes and key=value pairs; whether AAM accepts that is undocumented, so use one style per line.", { line }),
    );
  }
  // Every UTF-16 unit is at most 3 UTF-8 bytes: only measure exactly when the line could be near the limit.
  if (checkLength) {
    const bytes = ctx.lineBytes ?? (chars * 3 + 1 > MAX_LINE_BYTES ? recordBytes(r) + 1 : 0);
    if (bytes > MAX_LINE_BYTES) out.push(lineTooLong(bytes, line));
  }
}

export function lineTooLong(bytes: number, line: number | undefined): AamIssue {
  return makeIssue(
    "LINE_TOO_LONG",
    "error",
    `The line is ${bytes} bytes; AAM drops lines over ${MAX_LINE_BYTES} bytes (terminator included). Split the user's signals over several lines.`,
    { line },
  );
}

/** UTF-8 bytes of the canonical line for `r`, without terminator (estimates unrepresentable parts as written). */
export function recordBytes(r: AamRecord): number {
  let n = utf8ByteLength(r.id) + 1;
  r.signals.forEach((s, i) => {
    if (i > 0) n += 1;
    if (s.kind === "sid") n += 6 + s.traitId.length;
    else if (s.kind === "unsid") n += 8 + s.traitId.length;
    else if (s.kind === "sidFlag") n += s.traitId.length + 1 + s.flag.length;
    else if (s.kind === "ic") n += (s.bare ? 0 : 3) + utf8ByteLength(s.code);
    else n += 5 + utf8ByteLength(s.key) + utf8ByteLength(s.value);
  });
  return n;
}

/** True for a key matching [A-Za-z0-9_-]+ with a letter or "_", not starting with "-", not reserved: the usual case. */
function isPlainKey(key: string): boolean {
  let letter = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) letter = true;
    else if (c !== 45 || i === 0) return false;
  }
  // Length test first: hashing a fresh string for the Set lookup costs more than this whole check.
  const n = key.length;
  return letter && !((n === 2 || n === 5 || n === 7) && RESERVED_KEYS.has(key));
}

function checkKeyValue(key: string, value: string, write: boolean, line: number | undefined, out: AamIssue[]): void {
  // Fast path, one pass over each string: a plain key and a value without characters the format cannot carry.
  if (value.length > 0 && isPlainKey(key)) {
    let at = false;
    let bad = false;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 34 || c === 44 || c === 9 || c === 10 || c === 13 || c === 0x201c || c === 0x201d) bad = true;
      else if (c === 64) at = true;
    }
    if (!bad) {
      if ((at && looksLikeEmail(value)) || (value.length >= 10 && looksLikePhone(value))) out.push(valuePii(key, value, line));
      return;
    }
  }
  const keyWhy = keyUnrepresentableReason(key);
  if (keyWhy) {
    out.push(makeIssue("VALUE_UNREPRESENTABLE", "error", `Key "${key}": ${keyWhy}.`, { line, value: key }));
  } else if (RESERVED_KEYS.has(key)) {
    out.push(makeIssue("SIGNAL_INVALID_KEY", "error", `"${key}" is a reserved key in inbound files; pick another key name.`, { line, value: key }));
  } else if (!isRecommendedKey(key)) {
    // §9 lists odd keys as a warning for files we read; §2.6 tells the writer to reject them.
    out.push(
      makeIssue(
        "SIGNAL_INVALID_KEY",
        write ? "error" : "warning",
        `Key "${key}" should use only letters, digits, "_" and "-", must not be digits only and must not start with "-" (AAM's key rule); rename it.`,
        { line, value: key },
      ),
    );
  }
  if (value.length === 0) {
    out.push(makeIssue("SIGNAL_EMPTY", "error", `Key "${key}" has an empty value; leave the pair out instead.`, { line, value: key }));
    return;
  }
  const valueWhy = valueUnrepresentableReason(value);
  if (valueWhy) out.push(makeIssue("VALUE_UNREPRESENTABLE", "error", `Key "${key}": ${valueWhy}.`, { line, value: clip(value) }));
  if ((value.includes("@") && looksLikeEmail(value)) || (value.length >= 10 && looksLikePhone(value))) out.push(valuePii(key, value, line));
}

function valuePii(key: string, value: string, line: number | undefined): AamIssue {
  return makeIssue("VALUE_PII", "warning", `The value of "${key}" looks like an e-mail address or phone number; AAM must not receive personal data. Hash it or leave it out.`, {
    line,
    value: clip(value),
  });
}

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
