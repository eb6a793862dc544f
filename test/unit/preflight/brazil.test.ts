import { describe, expect, it } from 'vitest';
import { BrazilLane } from '../../../electron/main/preflight/brazil';
import { cleanDigits, fastLane } from '../../../electron/main/preflight/phone';
import { library } from './library';

// Brazil's one-pass lane must answer exactly what reading the cell answered before it: the fast lane on the
// cell's digits (cleanDigits), which the library confirms.
describe("Brazil's lane for the common shapes", () => {
  const made = BrazilLane.make();
  const lane = made && ((raw: string) => made.reading(raw));
  const general = fastLane('BR');
  let seed = 2024;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

  /** Spreads the digits with the punctuation people type (or, now and then, something else). */
  function written(prefix: string, national: string): string {
    const gaps = ['', ' ', '-', '.', '/', '\u00a0', '\t', ')', '(', '[', ']', '  '];
    const odd = ['+', 'a', ',', ';', '#', 'x', '*', '0'];
    let out = pick(['', ' ', '(', '  ']) + prefix;
    for (const c of national) out += (random() < 0.3 ? pick(gaps) : '') + c;
    if (random() < 0.03) {
      const at = Math.floor(random() * out.length);
      out = out.slice(0, at) + pick(odd) + out.slice(at);
    }
    return out + (random() < 0.1 ? pick([' ', ')', '.']) : '');
  }

  function national(): string {
    const roll = random();
    const area = roll < 0.8 ? `${1 + Math.floor(random() * 9)}${Math.floor(random() * 10)}` : digits(2);
    const kind = random();
    if (kind < 0.4) return `${area}9${digits(8)}`;
    if (kind < 0.55) return `${area}${pick(['2', '3', '4', '5'])}${digits(7)}`;
    if (kind < 0.65) return `${area}7${digits(7)}`;
    if (kind < 0.8) return `${area}${digits(7 + Math.floor(random() * 3))}`;
    return digits(6 + Math.floor(random() * 8));
  }

  it('is in use with the metadata the library has', () => {
    expect(lane).not.toBeNull();
    expect(lane!('(11) 98765-4321')).toEqual({ ok: true, phone: '+5511987654321', digits: 5511987654321, landline: false });
    expect(lane!('011 3456-7890')).toEqual({ ok: true, phone: '+551134567890', digits: 551134567890, landline: true });
  });

  it('agrees with libphonenumber-js and the fast lane on every number it answers', () => {
    const prefixes = ['', '', '', '0', '+55', '+55 ', '+ 55', '55', '0 ', '00', '90', '+550', '015 ', '0 21 ', '0041', '+', '++55'];
    const mismatches: string[] = [];
    let answered = 0;
    let landlines = 0;
    for (let i = 0; i < 40_000; i++) {
      const raw = written(pick(prefixes), national());
      const fast = lane!(raw);
      if (!fast) continue;
      answered++;
      if (fast.ok && fast.landline) landlines++;
      const cleaned = cleanDigits(raw);
      const before = cleaned === null ? null : general!(cleaned);
      const { same, number, type } = cleaned === null ? { same: false, number: undefined, type: undefined } : library(cleaned, 'BR', fast);
      if (!same || JSON.stringify(before) !== JSON.stringify(fast))
        mismatches.push(
          `${JSON.stringify(raw)}: lane ${JSON.stringify(fast)}, before ${JSON.stringify(before)}, library ${number} ${type}`,
        );
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(10_000);
    expect(landlines).toBeGreaterThan(1_000);
  });

  it('leaves carrier codes, international prefixes, the calling code without "+", and other types to the library', () => {
    for (const raw of [
      '0 15 11 98765-4321',
      '00 55 11 98765-4321',
      '5511987654321',
      '90 11 98765-4321',
      '0800 123 4567',
      '4004-1234',
      '(11) 8765-4321',
      '1198765432a',
    ])
      expect(lane!(raw), raw).toBeNull();
  });
});
