import { describe, expect, it } from 'vitest';
import { SeenPhones } from '../../../electron/main/preflight/seen-phones';

describe('the numbers a preflight has seen', () => {
  it('answers like a map from number to first line, through many growths', () => {
    const seen = new SeenPhones();
    const reference = new Map<string, number>();
    let seed = 99;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let line = 2; line < 300_000; line++) {
      // Up to 15 digits (E.164's most), many repeats, numbers that differ only in their high digits.
      const digits = random() < 0.3 ? String(1 + Math.floor(random() * 5_000)) : String(Math.floor(1e14 + random() * 8.99e14));
      const phone = `+${digits}`;
      const expected = reference.get(phone);
      if (expected === undefined) reference.set(phone, line);
      expect(seen.firstLine(phone, line)).toBe(expected);
    }
    expect(seen.size).toBe(reference.size);
    expect(seen.firstLine('+999999999999999', 1)).toBeUndefined();
    expect(seen.firstLine('+999999999999999', 7)).toBe(1);
  }, 30_000); // a 300,000-row pass: seconds on a loaded machine
});
