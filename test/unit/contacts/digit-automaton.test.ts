import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { digitAutomaton, matchesFrom, prefixMatches } from '../../../electron/main/contacts/preflight/digit-automaton';

// The automaton must decide exactly what the metadata's regular expressions decide, for every pattern of every
// country (the fast lane of any default country reads numbers with it).
type CountryJson = unknown[];
const countries = (maxMetadata as unknown as { countries: Record<string, CountryJson> }).countries;

/**
 * A country's patterns as the fast lane compiles them: its national number pattern and each type's in one
 * automaton; its IDD prefix and national prefix for parsing each on their own (those may use other syntax:
 * then there is no automaton and the lane keeps the regular expression).
 */
function patternSets(json: CountryJson): { list: string[]; optional: boolean }[] {
  // Positions in the compressed metadata: 1 IDD prefix, 2 national number pattern, 7 national prefix for
  // parsing, 11 the types ([pattern, lengths] or 0).
  const types = [json[2] as string];
  for (const type of (json[11] as unknown[] | undefined) ?? []) if (Array.isArray(type) && typeof type[0] === 'string') types.push(type[0]);
  const sets = [{ list: types, optional: false }];
  for (const i of [1, 7]) if (typeof json[i] === 'string' && json[i] !== '') sets.push({ list: [json[i]], optional: true });
  return sets;
}

function randomDigits(seed: number) {
  let s = seed;
  return (length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
      out += String(Math.floor((s / 0x7fffffff) * 10) % 10);
    }
    return out;
  };
}

describe('digit automaton', () => {
  it('reads the syntax the metadata uses and refuses anything else', () => {
    const a = digitAutomaton(['[2-57]\\d{2,3}', '(?:0|90)(?:(1[245]|99)(\\d{2}))?', '8[^0-8]+', '1?2*'])!;
    expect(matchesFrom(a, '2123', 0)).toBe(1);
    expect(matchesFrom(a, '61234', 0)).toBe(0);
    expect(matchesFrom(a, '0', 0)).toBe(2);
    expect(matchesFrom(a, '09912', 0)).toBe(2);
    expect(matchesFrom(a, '0991234', 0)).toBe(0);
    expect(matchesFrom(a, '89999', 0)).toBe(4);
    expect(matchesFrom(a, '', 0)).toBe(8);
    expect(matchesFrom(a, '12222', 0)).toBe(8);
    expect(matchesFrom(a, 'x2123', 1)).toBe(1);
    expect(prefixMatches(a, '0123', 0, 2)).toBe(true);
    expect(prefixMatches(a, '9123', 0, 2)).toBe(false);
    expect(prefixMatches(a, '3', 0, 8)).toBe(false); // only the empty prefix matches: not a prefix of one character or more
    for (const unsupported of ['\\s', '.', '^1', '1$', '(?=1)', 'a', '\\1', '1{2', '[a-z]', '1??']) expect(digitAutomaton([unsupported]), unsupported).toBeNull();
  });

  it('agrees with the regular expressions on every pattern of every country', () => {
    const mismatches: string[] = [];
    let patterns = 0;
    let unread = 0;
    for (const [country, json] of Object.entries(countries)) {
      for (const { list, optional } of patternSets(json)) {
        const automaton = digitAutomaton(list);
        if (optional && automaton === null) {
          unread++;
          continue;
        }
        expect(automaton, `${country}: ${list.join(' ; ')}`).not.toBeNull();
        const whole = list.map((p) => new RegExp(`^(?:${p})$`));
        const digits = randomDigits(country.charCodeAt(0) * 31 + country.charCodeAt(1));
        const example = getExampleNumber(country as CountryCode, examples)?.nationalNumber ?? '';
        const inputs = [''];
        for (let i = 0; i < 200; i++) inputs.push(digits(i % 18));
        // Valid-looking numbers: an example with its tail changed, cut or grown.
        for (let i = 0; i < 200 && example; i++) inputs.push(example.slice(0, Math.max(0, example.length - (i % 6))) + digits(i % 4));
        for (const input of inputs) {
          let bits = 0;
          whole.forEach((re, i) => (bits |= re.test(input) ? 1 << i : 0));
          const got = matchesFrom(automaton!, input, 0);
          if (got !== bits) mismatches.push(`${country} "${input}": ${got} ≠ ${bits}`);
          whole.forEach((re, i) => {
            let prefix = false;
            for (let k = 1; k <= input.length && !prefix; k++) prefix = re.test(input.slice(0, k));
            if (prefixMatches(automaton!, input, 0, 1 << i) !== prefix) mismatches.push(`${country} prefix ${list[i]} "${input}"`);
          });
        }
        patterns += list.length;
      }
    }
    // Only prefixes written with "$" (the NANP islands' national prefixes, which have no fast lane anyway).
    expect(unread).toBeLessThan(40);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(patterns).toBeGreaterThan(1000);
  });
});
