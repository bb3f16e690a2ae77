// Lines per user ID, for the 200-lines-per-user rule [FC], and case-only differences between customer IDs.
// A file can hold tens of millions of users, so IDs are not kept as strings: each user is one 8-byte slot
// in an open-addressing table keyed by a 48-bit hash of the ID with ASCII letters folded to lower case,
// plus an 8-bit tag of the exact spelling and an 8-bit saturating line count. Two different users share a
// slot only if 48-bit hashes collide (expected ~0.4 times in a 15-million-user file), and then the only
// effect is that their counts add up. Case variants of one folded key (rare) are counted exactly in a
// side map of strings; two variants that both have upper-case letters and the same 7-bit tag (1 in 128)
// go unnoticed and are counted together.

//
// A file with more users than `maxTableBytes` allows (a 1 GB CRM export can hold 20 million one-line users)
// would grow that table past any fixed memory target, so with a spill the table stops growing at the budget:
// users already in it are still counted line by line, and lines of users first seen after that are appended
// to one of SPILL_PARTITIONS partitions (by hash, so all lines of one user meet in one partition) as
// [h1, hi:16|tag:8|flags:8, line]. settle() then counts each partition with a table of its own, small because a
// partition holds 1/64th of those users, and reports lines past the limit with their line numbers. Those
// lines are known only at the end: a writer has already written them (file-validator.ts says so).
const MAX_COUNT = 255;
const MAX_LOAD = 0.75;
/** Words per spilled line: h1, hi:16|tag:8|flags:8, line. */
export const SPILL_ENTRY_WORDS = 3;
export const SPILL_PARTITIONS = 64;
/** Entries buffered per partition before one append (24 KB each, 1.5 MB for all). */
const SPILL_BUFFER_ENTRIES = 2048;

/**
 * Append-only storage for spilled lines, one stream of 32-bit words per partition. Synchronous so that
 * validation stays synchronous; the CLI backs it with temporary files (lib/cli/user-spill.ts).
 */
export interface UserSpill {
  /** Stores a copy of `words` at the end of partition `partition` (the array is reused by the caller). */
  append(partition: number, words: Uint32Array): void;
  /** Partition `partition`'s words in append order, in chunks of whole entries. */
  read(partition: number): Iterable<Uint32Array>;
}

export interface UserSpillOptions {
  spill: UserSpill;
  /** Most bytes the in-memory table may take, counting the moment it doubles (old and new side by side). */
  maxTableBytes: number;
}

/** A line found past a rule only when the spill was settled: the line, and the first line of its user. */
export interface SettledLine {
  line: number;
  firstLine: number;
  /** The `accepted` that add() was given for this line (a writer has written it). */
  accepted: boolean;
}

const ACCEPTED = 1;

export interface UserCounter {
  /**
   * Counts one more line for `id` and returns that ID's line count so far (saturates at 255), or 0 when the
   * line went to the spill and is counted by settle(). `line` and `accepted` are what settle() reports.
   */
  add(id: string, line?: number, accepted?: boolean): number;
  /** True when the last add() met this exact spelling for the first time while another spelling differing only in letter case was seen before. */
  readonly caseCollision: boolean;
  /** Distinct user IDs seen (spilled users are included once settle() has run). */
  readonly users: number;
  /** Bytes held by the table (for memory reports). */
  readonly tableBytes: number;
  /** Lines that went to the spill. */
  readonly spilledLines: number;
  /**
   * Counts the spilled lines, calling overLimit for each line past `limit` of its user and caseCollision for
   * the first line of each spelling that differs only in case from an earlier one. No-op without a spill.
   * Ends counting: call it once, after the last add().
   */
  settle(limit: number, report: { overLimit(l: SettledLine): void; caseCollision(l: SettledLine): void }): void;
}

/**
 * `foldCase`: detect IDs that differ only in ASCII letter case (customer IDs are case-sensitive, so such
 * pairs are distinct users but usually a data mistake). Off for device IDs and AAM UUIDs, whose case is fixed.
 */
export function createUserCounter(options: { foldCase: boolean; initialCapacity?: number; spill?: UserSpillOptions }): UserCounter {
  const fold = options.foldCase;
  const spill = options.spill;
  let cap = 1 << 16;
  while (cap * MAX_LOAD < (options.initialCapacity ?? 0)) cap *= 2;
  // Spilling starts when the next doubling would hold old and new tables over the budget.
  let full = false;
  let spilled = 0;
  let spilledUsers = 0;
  let settled = false;
  const buffers: Uint32Array[] = [];
  const buffered = new Uint32Array(SPILL_PARTITIONS);
  // Two words a slot, side by side so a probe touches one cache line: [h1, h2:16 | tag:8 | count:8]; 0 = empty.
  let slots = new Uint32Array(cap * 2);
  let size = 0;
  let variants: Map<string, number> | null = null;
  let collided = false;
  // Hash of the last hashed ID (set by hash()).
  let h1 = 0;
  let hi = 0;
  let tag = 0;

  function grow(): void {
    cap *= 2;
    slots = rehash(slots, 2, cap);
  }

  function countVariant(id: string): number {
    variants ??= new Map();
    const prev = variants.get(id);
    if (prev === undefined) {
      collided = true;
      // Copy the ID: it may be a slice of a large input chunk that would otherwise stay in memory.
      variants.set((" " + id).slice(1), 1);
      return 1;
    }
    const n = Math.min(MAX_COUNT, prev + 1);
    variants.set(id, n);
    return n;
  }

  /** 7-bit hash of the exact spelling, with the top bit set so it never equals the all-lower-case tag 0. */
  function exactTag(id: string): number {
    let t = 0;
    for (let i = 0; i < id.length; i++) t = (Math.imul(t, 31) + id.charCodeAt(i)) | 0;
    t ^= t >>> 15;
    t = Math.imul(t, 0x2c1b3c6d);
    return ((t ^ (t >>> 12) ^ (t >>> 24)) & 0x7f) | 0x80;
  }

  /** FNV-1a and a polynomial hash over the case-folded ID, each finished with a murmur-style mix. */
  function hash(id: string): void {
    let a = 0x811c9dc5;
    let b = 0;
    let upper = false;
    for (let i = 0; i < id.length; i++) {
      let c = id.charCodeAt(i);
      if (fold && c >= 65 && c <= 90) {
        c |= 32;
        upper = true;
      }
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 0x9e3779b1) + c) | 0;
    }
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    h1 = (a ^ (a >>> 13)) >>> 0;
    b ^= b >>> 15;
    b = Math.imul(b, 0xc2b2ae35);
    hi = (b ^ (b >>> 16)) & 0xffff;
    // IDs without upper-case letters are their own folded form: tag 0, no second pass.
    tag = upper ? exactTag(id) : 0;
  }

  /** Counts the ID whose hash is in h1/hi/tag. */
  function count(id: string): number {
    collided = false;
    const mask = cap - 1;
    let j = h1 & mask;
    for (;;) {
      const m = slots[j * 2 + 1]!;
      if (m === 0) break;
      if (slots[j * 2] === h1 && m >>> 16 === hi) {
        if (((m >>> 8) & 0xff) !== tag) return countVariant(id);
        const n = m & 0xff;
        if (n < MAX_COUNT) slots[j * 2 + 1] = m + 1;
        return Math.min(MAX_COUNT, n + 1);
      }
      j = (j + 1) & mask;
    }
    if (full) return 0;
    slots[j * 2] = h1;
    slots[j * 2 + 1] = ((hi << 16) | (tag << 8) | 1) >>> 0;
    size++;
    if (size > cap * MAX_LOAD) {
      if (spill && cap * 8 * 3 > spill.maxTableBytes) full = true;
      else grow();
    }
    return 1;
  }

  function toSpill(line: number, accepted: boolean): void {
    const p = (hi >>> 10) & (SPILL_PARTITIONS - 1);
    const buf = (buffers[p] ??= new Uint32Array(SPILL_BUFFER_ENTRIES * SPILL_ENTRY_WORDS));
    let n = buffered[p]!;
    buf[n++] = h1;
    buf[n++] = ((hi << 16) | (tag << 8) | (accepted ? ACCEPTED : 0)) >>> 0;
    buf[n++] = line >>> 0;
    spilled++;
    if (n === buf.length) {
      spill!.spill.append(p, buf);
      n = 0;
    }
    buffered[p] = n;
  }

  /** One partition's lines, counted as count() counts the table, with each user's first line kept. */
  function settlePartition(p: number, limit: number, report: Parameters<UserCounter["settle"]>[1]): void {
    // [h1, hi:16|tag:8|count:8, firstLine]; 0 in the middle word = empty (the count is never 0).
    let pcap = 1 << 10;
    let table = new Uint32Array(pcap * 3);
    let psize = 0;
    const variants = new Map<string, { count: number; firstLine: number }>();
    for (const chunk of spill!.spill.read(p)) {
      for (let e = 0; e + SPILL_ENTRY_WORDS <= chunk.length; e += SPILL_ENTRY_WORDS) {
        const a = chunk[e]!;
        const word = chunk[e + 1]!;
        const key = (word & ~0xff) >>> 0;
        const accepted = (word & ACCEPTED) !== 0;
        const line = chunk[e + 2]!;
        const keyHi = key >>> 16;
        const keyTag = (key >>> 8) & 0xff;
        const mask = pcap - 1;
        let j = a & mask;
        let found = false;
        for (;;) {
          const m = table[j * 3 + 1]!;
          if (m === 0) break;
          if (table[j * 3] === a && m >>> 16 === keyHi) {
            found = true;
            const firstLine = table[j * 3 + 2]!;
            if (((m >>> 8) & 0xff) !== keyTag) {
              const v = `${a},${key}`;
              const seen = variants.get(v);
              if (seen === undefined) {
                variants.set(v, { count: 1, firstLine: line });
                report.caseCollision({ line, firstLine, accepted });
              } else {
                seen.count = Math.min(MAX_COUNT, seen.count + 1);
                if (seen.count > limit) report.overLimit({ line, firstLine: seen.firstLine, accepted });
              }
            } else {
              const n = Math.min(MAX_COUNT, (m & 0xff) + 1);
              table[j * 3 + 1] = (m & ~0xff) | n;
              if (n > limit) report.overLimit({ line, firstLine, accepted });
            }
            break;
          }
          j = (j + 1) & mask;
        }
        if (found) continue;
        table[j * 3] = a;
        table[j * 3 + 1] = (key | 1) >>> 0;
        table[j * 3 + 2] = line;
        if (++psize > pcap * MAX_LOAD) {
          pcap *= 2;
          table = rehash(table, 3, pcap);
        }
      }
    }
    spilledUsers += psize + variants.size;
  }

  return {
    get caseCollision() {
      return collided;
    },
    get users() {
      return size + (variants?.size ?? 0) + spilledUsers;
    },
    get tableBytes() {
      return slots.length * 4;
    },
    get spilledLines() {
      return spilled;
    },
    add(id, line = 0, accepted = true) {
      hash(id);
      const n = count(id);
      if (n === 0) toSpill(line, accepted);
      return n;
    },
    settle(limit, report) {
      if (!spill || spilled === 0 || settled) return;
      settled = true;
      for (let p = 0; p < SPILL_PARTITIONS; p++) {
        const n = buffered[p]!;
        if (n > 0) spill.spill.append(p, buffers[p]!.subarray(0, n));
        buffered[p] = 0;
      }
      buffers.length = 0;
      // The main table is done with: free it before the partitions' tables are built.
      slots = new Uint32Array(0);
      cap = 0;
      for (let p = 0; p < SPILL_PARTITIONS; p++) settlePartition(p, limit, report);
    },
  };
}

/**
 * The same slots in a table of `cap` slots of `stride` words: word 0 is the hash that picks the slot, word 1
 * is never 0 in a used slot (0 = empty), further words ride along. Linear probing, as the lookups do.
 */
function rehash(old: Uint32Array, stride: number, cap: number): Uint32Array<ArrayBuffer> {
  const slots = new Uint32Array(cap * stride);
  const mask = cap - 1;
  for (let i = 0; i < old.length; i += stride) {
    if (old[i + 1] === 0) continue;
    let j = old[i]! & mask;
    while (slots[j * stride + 1] !== 0) j = (j + 1) & mask;
    for (let w = 0; w < stride; w++) slots[j * stride + w] = old[i + w]!;
  }
  return slots;
}
