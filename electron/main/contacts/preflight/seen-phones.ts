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
  private keys = new Float64Array(INITIAL_SLOTS);
  private lines = new Float64Array(INITIAL_SLOTS);
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
    let key = 0;
    for (let i = 1; i < phone.length; i++) key = key * 10 + (phone.charCodeAt(i) - 48);
    const keys = this.keys;
    let slot = hashOf(key) & this.mask;
    for (let found = keys[slot]!; found !== EMPTY; found = keys[slot]!) {
      if (found === key) return this.lines[slot]!;
      slot = (slot + 1) & this.mask;
    }
    keys[slot] = key;
    this.lines[slot] = line;
    if (++this.count * 2 > this.mask) this.grow();
    return undefined;
  }

  private grow(): void {
    const { keys, lines } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size);
    this.lines = new Float64Array(size);
    this.mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === EMPTY) continue;
      let slot = hashOf(key) & this.mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.lines[slot] = lines[i]!;
    }
  }
}
