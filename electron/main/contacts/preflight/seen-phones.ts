// The numbers a preflight has seen, for "duplicate of line N": an open-addressing hash table of E.164
// numbers as doubles (15 digits fit exactly) in typed arrays. A Map keyed by number or string cost ~0.3 µs
// a row and a heap object per unique number (garbage the collector kept walking); this allocates nothing
// per row and takes 16 bytes a slot (a million unique numbers: ~32 MB at most).

const EMPTY = 0; // no E.164 number is 0
const INITIAL_SLOTS = 1 << 16;

/** A 32-bit mix of the number's low and high words (integer-valued doubles: `>>> 0` keeps the low 32 bits). */
function hashOf(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4_294_967_296) | 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}

export class SeenPhones {
  // Key and line side by side in one array: a lookup touches one cache line, not two.
  private slots = new Float64Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * The line `phone` ("+" then digits, as the phone reader gives it) was first seen on; or, the first time,
   * records `line` for it and returns undefined.
   */
  firstLine(phone: string, line: number): number | undefined {
    // Number() reads "+digits" natively; a loop of charCodeAt first flattened the reader's concatenated string.
    let key = Number(phone);
    if (!(key > 0)) {
      key = 0;
      for (let i = 1; i < phone.length; i++) key = key * 10 + (phone.charCodeAt(i) - 48);
    }
    const slots = this.slots;
    const mask = this.mask;
    let slot = hashOf(key) & mask;
    for (let found = slots[slot * 2]!; found !== EMPTY; found = slots[slot * 2]!) {
      if (found === key) return slots[slot * 2 + 1]!;
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = key;
    slots[slot * 2 + 1] = line;
    if (++this.count * 2 > mask) this.grow();
    return undefined;
  }

  private grow(): void {
    const old = this.slots;
    const size = old.length; // twice the slots: each takes two entries
    const slots = new Float64Array(size * 2);
    const mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      const key = old[i]!;
      if (key === EMPTY) continue;
      let slot = hashOf(key) & mask;
      while (slots[slot * 2] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot * 2] = key;
      slots[slot * 2 + 1] = old[i + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
