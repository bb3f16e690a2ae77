// The "10 most common errors per error type" of AAM's Onboarding Status Report [OSR], kept in bounded
// memory however many distinct errors a file has: per type, a Space-Saving summary (Metwally et al.) of
// `capacity` counters. Any error more frequent than total/capacity is guaranteed to be kept, and a kept
// count overestimates by at most the count it inherited (reported as `overcount`).

export const ERROR_TYPES = [
  "formatErrors",
  "invalidAamId",
  "invalidDeviceId",
  "noMatchingAamId",
  "noTraitRealized",
  "traitsFailedValidation",
  "overUserLineLimit",
] as const;

export type ErrorType = (typeof ERROR_TYPES)[number];

export const ERROR_TYPE_LABELS: Readonly<Record<ErrorType, string>> = {
  formatErrors: "Format errors",
  invalidAamId: "Invalid AAM ID",
  invalidDeviceId: "Invalid device ID",
  noMatchingAamId: "No matching AAM ID",
  noTraitRealized: "No trait realized",
  traitsFailedValidation: "Traits failed validation",
  overUserLineLimit: "Lines over 200 per user (discarded)",
};

export interface ErrorSample {
  file: string;
  line: number;
  text: string;
}

export interface ErrorEntry {
  key: string;
  count: number;
  /** Upper bound of how much `count` may exceed the true count (0 = exact). */
  overcount: number;
  samples: ErrorSample[];
}

export type ErrorSamples = Partial<Record<ErrorType, ErrorEntry[]>>;

export interface ErrorSampler {
  add(type: ErrorType, key: string, sample: ErrorSample): void;
  /** Replaces a type's entries with ones counted exactly elsewhere (e.g. in SQL). */
  set(type: ErrorType, entries: ErrorEntry[]): void;
  result(): ErrorSamples;
}

export const MAX_SAMPLE_TEXT = 200;

export function createErrorSampler(options: { capacity?: number; top?: number; samplesPerKey?: number } = {}): ErrorSampler {
  const capacity = options.capacity ?? 100;
  const top = options.top ?? 10;
  const perKey = options.samplesPerKey ?? 3;
  const tables = new Map<ErrorType, Map<string, ErrorEntry>>();
  const exact = new Map<ErrorType, ErrorEntry[]>();

  return {
    add(type, rawKey, sample) {
      const key = rawKey.length > MAX_SAMPLE_TEXT ? rawKey.slice(0, MAX_SAMPLE_TEXT) + "…" : rawKey;
      let t = tables.get(type);
      if (!t) tables.set(type, (t = new Map()));
      let e = t.get(key);
      if (!e) {
        if (t.size >= capacity) {
          let min: ErrorEntry | undefined;
          for (const x of t.values()) if (!min || x.count < min.count) min = x;
          t.delete(min!.key);
          e = { key: copy(key), count: min!.count, overcount: min!.count, samples: [] };
        } else e = { key: copy(key), count: 0, overcount: 0, samples: [] };
        t.set(e.key, e);
      }
      e.count++;
      if (e.samples.length < perKey) e.samples.push({ file: sample.file, line: sample.line, text: clip(sample.text) });
    },
    set(type, entries) {
      exact.set(type, entries.slice(0, top));
    },
    result() {
      const out: ErrorSamples = {};
      for (const type of ERROR_TYPES) {
        const list = exact.get(type) ?? [...(tables.get(type)?.values() ?? [])].sort(byGuaranteed).slice(0, top);
        if (list.length > 0) out[type] = list;
      }
      return out;
    },
  };
}

/** By the count each entry is guaranteed to have, so an entry that merely inherited an evicted count ranks low. */
function byGuaranteed(a: ErrorEntry, b: ErrorEntry): number {
  return b.count - b.overcount - (a.count - a.overcount) || b.count - a.count || (a.key < b.key ? -1 : 1);
}

function clip(s: string): string {
  return s.length > MAX_SAMPLE_TEXT ? s.slice(0, MAX_SAMPLE_TEXT) + "…" : copy(s);
}

/** A flat copy, so a kept key or sample never pins a large input chunk it was sliced from. */
function copy(s: string): string {
  return (" " + s).slice(1);
}
