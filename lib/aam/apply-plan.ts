// What an inbound record, and then all of one user's records in a file, do to that user's traits (spec
// §4.1). The processor's bulk SQL implements exactly these rules set-wise; these functions are the
// reference the tests hold it to, and they classify each record for the receipt counters.
import type { InboundMode } from "./file-name";
import type { Signal } from "./signals";
import type { TraitMatcher, TraitRule } from "./trait-rules";

export interface RecordPlan {
  /** Traits of the data source the record realises, each once, after later removals in the line. */
  adds: TraitRule[];
  /** Traits the record removes (sync files only: d_unsid and <id>:0/-1 are ignored in overwrite files [FC]). */
  removes: TraitRule[];
  signals: number;
  /** Signals that neither realise nor remove a trait of the data source and name no other source's trait. */
  unused: number;
  /** Signals naming a trait of another data source ("traits failed validation"). */
  foreign: number;
  /** The first foreign trait ID, for error samples. */
  firstForeignSid?: string;
  /** The first unused signal, for error samples. */
  firstUnused?: Signal;
}

/**
 * Signals apply in line order, so `d_sid=5,d_unsid=5` leaves 5 removed. A record that neither realises nor
 * removes anything counts as "No Trait Realized".
 */
export function planRecord(signals: readonly Signal[], matcher: TraitMatcher, mode: InboundMode): RecordPlan {
  const plan: RecordPlan = { adds: [], removes: [], signals: signals.length, unused: 0, foreign: 0 };
  // Most records touch a handful of traits: a small map per record, filled only when something matches.
  let ops: Map<TraitRule, boolean> | null = null;
  for (const s of signals) {
    const m = matcher.match(s);
    if (m.kind === "add") {
      ops ??= new Map();
      for (const t of m.traits) {
        ops.delete(t); // re-insert so iteration order follows the last mention
        ops.set(t, true);
      }
    } else if (m.kind === "remove" && mode === "sync") {
      ops ??= new Map();
      ops.delete(m.trait);
      ops.set(m.trait, false);
    } else if (m.kind === "foreign") {
      plan.foreign++;
      plan.firstForeignSid ??= m.sid;
    } else {
      plan.unused++;
      plan.firstUnused ??= s;
    }
  }
  if (ops) for (const [t, add] of ops) (add ? plan.adds : plan.removes).push(t);
  return plan;
}

export function realisesNothing(p: RecordPlan): boolean {
  return p.adds.length === 0 && p.removes.length === 0;
}

export interface UserChange {
  add: string[];
  remove: string[];
  /** The user's traits of this data source afterwards. */
  after: string[];
}

/**
 * One user's stored records of one file, in file order, against the traits the user already has in this
 * data source. `.sync` applies each record in turn; `.overwrite` replaces the user's traits of this data
 * source with everything the file realises for them (A2: per user, scoped to the data source). Users
 * whose records realise nothing are not "stored" and are left alone by either mode.
 */
export function planUser(mode: InboundMode, existing: Iterable<string>, records: readonly RecordPlan[]): UserChange {
  const before = new Set(existing);
  const state = new Set(before);
  if (mode === "sync") {
    for (const r of records) {
      for (const t of r.adds) state.add(t.id);
      for (const t of r.removes) state.delete(t.id);
    }
  } else {
    const stored = records.filter((r) => !realisesNothing(r));
    if (stored.length === 0) return { add: [], remove: [], after: [...before] };
    state.clear();
    for (const r of stored) for (const t of r.adds) state.add(t.id);
  }
  return {
    add: [...state].filter((t) => !before.has(t)),
    remove: [...before].filter((t) => !state.has(t)),
    after: [...state],
  };
}
