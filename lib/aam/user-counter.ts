// Lines per user ID, for the 200-lines-per-user rule [FC], and case-only differences between customer IDs.
// A file can hold tens of millions of users, so IDs are not kept as strings: each user is one 8-byte slot
// in an open-addressing table keyed by a 48-bit hash of the ID with ASCII letters folded to lower case,
// plus an 8-bit tag of the exact spelling and an 8-bit saturating line count. Two different users share a
// slot only if 48-bit hashes collide (expected ~0.4 times in a 15-million-user file), and then the only
// effect is that their counts add up. Case variants of one folded key (rare) are counted exactly in a
// side map of strings; two variants that both have upper-case letters and the same 7-bit tag (1 in 128)
// go unnoticed and are counted together.

const MAX_COUNT = 255;
const MAX_LOAD = 0.75;

export interface UserCounter {
  /** Counts one more line for `id` and returns that ID's line count so far (saturates at 255). */
  add(id: string): number;
  /** True when the last add() met this exact spelling for the first time while another spelling differing only in letter case was seen before. */
  readonly caseCollision: boolean;
  /** Distinct user IDs seen. */
  readonly users: number;
  /** Bytes held by the table (for memory reports). */
  readonly tableBytes: number;
}

/**
 * `foldCase`: detect IDs that differ only in ASCII letter case (customer IDs are case-sensitive, so such
 * pairs are distinct users but usually a data mistake). Off for device IDs and AAM UUIDs, whose case is fixed.
 */
export function createUserCounter(options: { foldCase: boolean; initialCapacity?: number }): UserCounter {
  const fold = options.foldCase;
  let cap = 1 << 16;
  while (cap * MAX_LOAD < (options.initialCapacity ?? 0)) cap *= 2;
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
    const old = slots;
    cap *= 2;
    slots = new Uint32Array(cap * 2);
    const mask = cap - 1;
    for (let i = 0; i < old.length; i += 2) {
      const m = old[i + 1]!;
      if (m === 0) continue;
      const k = old[i]!;
      let j = k & mask;
      while (slots[j * 2 + 1] !== 0) j = (j + 1) & mask;
      slots[j * 2] = k;
      slots[j * 2 + 1] = m;
    }
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
    slots[j * 2] = h1;
    slots[j * 2 + 1] = ((hi << 16) | (tag << 8) | 1) >>> 0;
    size++;
    if (size > cap * MAX_LOAD) grow();
    return 1;
  }

  return {
    get caseCollision() {
      return collided;
    },
    get users() {
      return size + (variants?.size ?? 0);
    },
    get tableBytes() {
      return cap * 8;
    },
    add(id) {
      hash(id);
      return count(id);
    },
  };
}
