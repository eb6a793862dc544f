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
// the randomly read table holds only each entry's place and part of its hash (4 bytes a slot).

import { e164Digits } from './phone';

const MIN_SLOTS = 1 << 12;
const MAX_INITIAL_SLOTS = 1 << 22; // 16 MB: a bigger file grows the table as it goes
const MAX_LOAD = 0.75;

/** A 32-bit mix of the number's low and high words (integer-valued doubles: `>>> 0` keeps the low 32 bits). */
function hashOf(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4_294_967_296) | 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}

export class SeenPhones {
  /**
   * Per slot, in 4 bytes: the entry's index + 1 in the low bits (as many as the table has slots: 0 is a
   * free slot) and the hash's bits above those (the slot is chosen by the low ones), so that a probe reads
   * an entry only when the hash matches. 4 bytes a slot rather than 8 keep a 100k-number table in 512 KB,
   * within the processor's second-level cache: 2 MB of slots, read at random, cost ~10 ms per 100k rows
   * more on a busy machine.
   */
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
    // Sized for the rows at the most load; repeats and rows without a number usually leave room.
    while (slots * MAX_LOAD < expected * 0.85 && slots < MAX_INITIAL_SLOTS) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.keys = new Float64Array(Math.max(slots >> 2, Math.min(expected, slots)));
    this.lines = new Float64Array(this.keys.length);
  }

  /** Empties the table down to its smallest size. */
  release(): void {
    this.slots = new Int32Array(MIN_SLOTS);
    this.mask = MIN_SLOTS - 1;
    this.keys = new Float64Array(MIN_SLOTS >> 2);
    this.lines = new Float64Array(MIN_SLOTS >> 2);
    this.hashes = new Int32Array(0);
    this.count = 0;
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
    // processor has many of these memory reads under way at once, and the lookups then find their slots
    // in the cache (reads one at a time, each waited for between branches, cost several times more).
    const slots = this.slots;
    const mask = this.mask;
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const h = hashOf(keys[i]!);
      hashes[i] = h;
      touched |= slots[h & mask]!;
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
    const mask = this.mask;
    const high = h & ~mask;
    let at = h & mask;
    for (let slot = slots[at]!; slot !== 0; slot = slots[at]!) {
      if ((slot & ~mask) === high) {
        const entry = (slot & mask) - 1;
        if (this.keys[entry] === key) return this.lines[entry]!;
      }
      at = (at + 1) & mask;
    }
    const n = this.count++;
    if (n === this.keys.length) this.growEntries();
    this.keys[n] = key;
    this.lines[n] = line;
    slots[at] = high | (n + 1);
    if (this.count > this.mask * MAX_LOAD) this.growSlots();
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

  /** Twice the slots: the entries are placed again in order (a slot keeps too few of its hash's bits to move it). */
  private growSlots(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let n = 0; n < this.count; n++) {
      const h = hashOf(this.keys[n]!);
      let at = h & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = (h & ~mask) | (n + 1);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
