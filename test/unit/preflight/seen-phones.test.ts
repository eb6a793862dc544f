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

  it('answers the same a batch at a time, sized for a file or not', () => {
    for (const expected of [0, 1_000, 150_000]) {
      const seen = new SeenPhones(expected);
      const reference = new Map<number, number>();
      let seed = expected + 5;
      const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
      const keys = new Float64Array(700);
      const lines = new Float64Array(700);
      const firsts = new Float64Array(700);
      const wrong: string[] = [];
      for (let line = 2; line < 200_000;) {
        const n = 1 + Math.floor(random() * 699);
        for (let i = 0; i < n; i++, line++) {
          // No number (0), a few repeated ones, or 12–15 digits.
          const roll = random();
          keys[i] = roll < 0.05 ? 0 : roll < 0.3 ? 5511_900_000_000 + Math.floor(random() * 3_000) : Math.floor(1e11 + random() * 9.99e14);
          lines[i] = line;
        }
        seen.firstLines(keys, lines, n, firsts);
        for (let i = 0; i < n; i++) {
          const key = keys[i]!;
          const expected = key === 0 ? 0 : (reference.get(key) ?? 0);
          if (key !== 0 && expected === 0) reference.set(key, lines[i]!);
          if (firsts[i] !== expected) wrong.push(`${key} on ${lines[i]}: ${firsts[i]}, not ${expected}`);
        }
      }
      expect(wrong.slice(0, 3)).toEqual([]);
      expect(seen.size).toBe(reference.size);
    }
  }, 30_000);
});
