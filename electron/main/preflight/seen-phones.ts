// The numbers a preflight has seen, for "duplicate of line N": an open-addressing hash table of E.164
// numbers as doubles (15 digits fit exactly) in typed arrays. A Map keyed by number or string cost ~0.3 µs
// a row and a heap object per unique number (garbage the collector kept walking); this allocates nothing
// per row.
//
// Past ~100k numbers the table no longer fits the CPU's caches, and a lookup waits on memory. So the
// preflight looks a whole parsed chunk up at once (`firstLines`): in a tight loop the processor overlaps
// the waits of neighbouring lookups, where one lookup per row, between a row's other work, waited alone
// (measured in the preflight: ~30 ms per 100k rows one at a time, a third of that in batches). The
// entries themselves are kept in the order they were first seen, so inserting writes in sequence and
// the randomly read table holds only each entry's hash and place (8 bytes a slot).

import { e164Digits } from './phone';

const MIN_SLOTS = 1 << 12;
const MAX_INITIAL_SLOTS = 1 << 21; // 16 MB: a bigger file grows the table as it goes

/** A 32-bit mix of the number's low and high words (integer-valued doubles: `>>> 0` keeps the low 32 bits). */
function hashOf(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4_294_967_296) | 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}

export class SeenPhones {
  /** Per slot: the entry's hash and its index + 1 (0: a free slot). */
  private slots: Int32Array;
  private mask: number;
  /** The entries in the order they were first seen: written in sequence, read only when a hash matches. */
  private keys: Float64Array;
  private lines: Float64Array;
  private count = 0;
  private hashes = new Int32Array(0);
  /** What the batch's first pass read, kept so that the reads are not optimised away. */
  private touched = 0;

  /** `expected`: about how many numbers will come (the file's rows), to size the table once. */
  constructor(expected = 0) {
    let slots = MIN_SLOTS;
    while (slots * 3 < expected * 4 && slots < MAX_INITIAL_SLOTS) slots *= 2;
    this.slots = new Int32Array(slots * 2);
    this.mask = slots - 1;
    this.keys = new Float64Array(Math.max(slots >> 1, Math.min(expected, slots)));
    this.lines = new Float64Array(this.keys.length);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The line `phone` was first seen on; or, the first time, records `line` for it and returns undefined.
   */
  firstLine(phone: string, line: number): number | undefined {
    const key = e164Digits(phone);
    const first = this.lookup(key, hashOf(key), line);
    return first === 0 ? undefined : first;
  }

  /**
   * For each i < n with a key (an E.164 number's digits, as the phone reader gives them; 0: the row has no
   * number, skipped): `firsts[i]` = the line that key was first seen on, or 0 the first time, when
   * `lines[i]` is recorded for it. In order, so the first row wins.
   */
  firstLines(keys: Float64Array, lines: Float64Array, n: number, firsts: Float64Array): void {
    if (this.hashes.length < n) this.hashes = new Int32Array(n);
    const hashes = this.hashes;
    // First every slot the batch will probe is read, in a loop with nothing that waits on a read: the
    // processor has many of these memory reads under way at once. The lookups then find their slots in
    // the cache (the table outgrows it past ~100k numbers; reads one at a time, each waited for between
    // branches, were ~10 ms per 100k rows).
    const slots = this.slots;
    const wrap = (this.mask << 1) | 1;
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const h = hashOf(keys[i]!);
      hashes[i] = h;
      touched |= slots[((h << 1) & wrap) + 1]!;
    }
    this.touched = touched;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      firsts[i] = key === 0 ? 0 : this.lookup(key, hashes[i]!, lines[i]!);
    }
  }

  /** The recorded line of `key` (hash `h`), or 0 after recording `line` for it. */
  private lookup(key: number, h: number, line: number): number {
    const slots = this.slots;
    const wrap = (this.mask << 1) | 1;
    let at = (h << 1) & wrap;
    for (let entry = slots[at + 1]!; entry !== 0; entry = slots[at + 1]!) {
      if (slots[at] === h && this.keys[entry - 1] === key) return this.lines[entry - 1]!;
      at = (at + 2) & wrap;
    }
    const n = this.count++;
    if (n === this.keys.length) this.growEntries();
    this.keys[n] = key;
    this.lines[n] = line;
    slots[at] = h;
    slots[at + 1] = n + 1;
    // Grown at 3/4 full: probes stay short (they read neighbouring slots), and the table stays small.
    if (this.count * 4 > this.mask * 3) this.growSlots();
    return 0;
  }

  private growEntries(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const lines = new Float64Array(this.lines.length * 2);
    lines.set(this.lines);
    this.lines = lines;
  }

  private growSlots(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 2);
    const wrap = ((size - 1) << 1) | 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let at = (old[i]! << 1) & wrap;
      while (slots[at + 1] !== 0) at = (at + 2) & wrap;
      slots[at] = old[i]!;
      slots[at + 1] = old[i + 1]!;
    }
    this.slots = slots;
    this.mask = size - 1;
  }
}
