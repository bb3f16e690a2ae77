// Onboarded trait rules and how signals meet them (spec §2.2). Only onboarded traits are processed in
// inbound files, and they must belong to the data source the file names; a d_sid naming another data
// source's trait "fails validation" rather than counting as unused [RCPT].
import { isTraitId, type Signal } from "./signals";

export type TraitRuleKind = "sid" | "ic" | "kv";

/** A trait's rule: qualify by ID only (`d_sid`), by integration code (`ic == "v"`) or by a key-value pair. */
export type TraitRuleSpec = { kind: "sid" } | { kind: "ic"; value: string } | { kind: "kv"; key: string; value: string };

export interface TraitRule {
  /** Whatever the caller uses to store realisations (a database ID); opaque here. */
  id: string;
  /** The trait ID that `d_sid=` / `d_unsid=` name. */
  sid: number;
  rule: TraitRuleSpec;
}

/** What one signal does to the user, judged against the file's data source. */
export type SignalMatch =
  | { kind: "add"; traits: readonly TraitRule[] }
  | { kind: "remove"; trait: TraitRule }
  /** The signal names a trait of another data source: "Total traits failed validation" [RCPT]. */
  | { kind: "foreign"; sid: string }
  | { kind: "unused" };

export interface TraitMatcher {
  match(signal: Signal): SignalMatch;
  readonly size: number;
}

const UNUSED: SignalMatch = { kind: "unused" };

// Key-value profile data is "generally" not case-sensitive [FAQ-IN]: keys and values are compared folded.
function kvKey(key: string, value: string): string {
  return key.toLowerCase() + "\u0000" + value.toLowerCase();
}

/**
 * `own`: the onboarded traits of the file's data source. `foreignSids`: trait IDs that exist only in other
 * data sources (for the failed-validation counters).
 */
export function createTraitMatcher(own: readonly TraitRule[], foreignSids: Iterable<number> = []): TraitMatcher {
  const bySid = new Map<string, TraitRule>();
  const byIc = new Map<string, TraitRule[]>();
  const byKv = new Map<string, TraitRule[]>();
  const adds = new Map<TraitRule, SignalMatch>();
  const addsFor = (list: TraitRule[]): SignalMatch => ({ kind: "add", traits: list });
  for (const t of own) {
    bySid.set(String(t.sid), t);
    adds.set(t, { kind: "add", traits: [t] });
    if (t.rule.kind === "ic") push(byIc, t.rule.value, t);
    else if (t.rule.kind === "kv") push(byKv, kvKey(t.rule.key, t.rule.value), t);
  }
  const foreign = new Set<string>();
  for (const sid of foreignSids) if (!bySid.has(String(sid))) foreign.add(String(sid));
  // Matches are built once per rule so the per-signal path allocates nothing.
  const icMatches = new Map<string, SignalMatch>();
  for (const [k, list] of byIc) icMatches.set(k, addsFor(list));
  const kvMatches = new Map<string, SignalMatch>();
  for (const [k, list] of byKv) kvMatches.set(k, addsFor(list));
  const removes = new Map<string, SignalMatch>();
  for (const [sid, t] of bySid) removes.set(sid, { kind: "remove", trait: t });

  function byId(traitId: string, remove: boolean): SignalMatch {
    const t = bySid.get(normaliseSid(traitId));
    if (t) return remove ? removes.get(String(t.sid))! : adds.get(t)!;
    if (isTraitId(traitId) && foreign.has(normaliseSid(traitId))) return { kind: "foreign", sid: normaliseSid(traitId) };
    return UNUSED;
  }

  return {
    size: own.length,
    match(s) {
      switch (s.kind) {
        case "sid":
          return byId(s.traitId, false);
        case "unsid":
        case "sidFlag":
          return byId(s.traitId, true);
        case "ic":
          return icMatches.get(s.code) ?? UNUSED;
        case "kv":
          return kvMatches.get(kvKey(s.key, s.value)) ?? UNUSED;
      }
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** "024" names trait 24: trait IDs are numbers, not strings. */
function normaliseSid(traitId: string): string {
  if (!isTraitId(traitId) || traitId.length > 15) return traitId;
  return String(Number(traitId));
}

/**
 * Parses a rule as the dashboard writes it: `d_sid`, `ic == "52"` or `key == "value"` (quotes optional
 * around the value, `==` or `=`). Returns a message for the user when the text is not one of those.
 */
export function parseTraitRule(text: string): { ok: true; rule: TraitRuleSpec } | { ok: false; message: string } {
  const t = text.trim();
  if (t === "" || t === "d_sid") return { ok: true, rule: { kind: "sid" } };
  const m = /^("?)([A-Za-z0-9_-]+)\1\s*==?\s*(?:"([^"]*)"|([^"\s,][^",]*?))\s*$/.exec(t);
  if (!m) return { ok: false, message: `Write the rule as d_sid, ic == "<code>" or <key> == "<value>".` };
  const key = m[2]!;
  const value = (m[3] ?? m[4] ?? "").trim();
  if (value === "") return { ok: false, message: "The rule's value is empty." };
  if (/[,\t\r\n]/.test(value)) return { ok: false, message: "The rule's value cannot contain commas, TABs or line breaks (inbound files cannot carry them)." };
  if (key === "ic") return { ok: true, rule: { kind: "ic", value } };
  if (key === "d_sid" || key === "d_unsid") return { ok: false, message: `${key} is not a key; write just d_sid for a trait qualified by its ID.` };
  if (/^[0-9]+$/.test(key)) return { ok: false, message: "A key made only of digits is invalid in AAM's Expression Builder." };
  return { ok: true, rule: { kind: "kv", key, value } };
}

export function formatTraitRule(rule: TraitRuleSpec): string {
  switch (rule.kind) {
    case "sid":
      return "d_sid";
    case "ic":
      return `ic == "${rule.value}"`;
    case "kv":
      return `${rule.key} == "${rule.value}"`;
  }
}
