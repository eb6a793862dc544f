import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n';
import { contactsPtBR } from '../../../shared/i18n/pt-BR/contacts';
import { contactsEn } from '../../../shared/i18n/en/contacts';
import type { FileProblemCode, InvalidCode } from '../../../shared/ipc/contacts';

// The preflight names why a row or a file cannot be imported with a code; the window shows the words for it.
// Every code the contract can send must read as a sentence in both languages, never as the raw key.

// `satisfies` makes these lists complete: a code added to the contract and missing here fails to compile.
const INVALID = {
  'no-number': true,
  'not-a-number': true,
  'too-short': true,
  'too-long': true,
  'not-valid': true,
  'unknown-country': true,
  scientific: true,
  ragged: true,
  'broken-quote': true,
  'bad-quote': true,
  'missing-area-code': true,
} satisfies Record<InvalidCode, true>;

const FILE_PROBLEMS = {
  empty: true,
  binary: true,
  spreadsheet: true,
  'no-rows': true,
  'column-not-found': true,
  'no-phone-column': true,
  unreadable: true,
} satisfies Record<FileProblemCode, true>;

const invalidCodes = Object.keys(INVALID) as InvalidCode[];
const problemCodes = Object.keys(FILE_PROBLEMS) as FileProblemCode[];

describe('the words for the preflight codes', () => {
  it.each(['en', 'pt-BR'] as const)('every invalid-row reason and file problem has words in %s', (language) => {
    const t = translator(language) as unknown as (key: string) => string;
    for (const code of invalidCodes) {
      const key = `contacts.reasons.${code}`;
      expect(t(key), key).not.toBe(key);
      expect(t(key).trim().length, key).toBeGreaterThan(3);
    }
    for (const code of problemCodes) {
      const key = `contacts.fileProblems.${code}`;
      expect(t(key), key).not.toBe(key);
      expect(t(key).trim().length, key).toBeGreaterThan(3);
    }
  });

  it('pt-BR has its own words for each code (not the English fallback)', () => {
    for (const code of invalidCodes) expect(contactsPtBR.reasons[code], code).not.toBe(contactsEn.reasons[code]);
    for (const code of problemCodes) expect(contactsPtBR.fileProblems[code], code).not.toBe(contactsEn.fileProblems[code]);
    expect(translator('pt-BR')('contacts.reasons.too-short')).toBe(contactsPtBR.reasons['too-short']);
  });

  it('the catalogue has no words for codes the contract does not know', () => {
    expect(Object.keys(contactsEn.reasons).sort()).toEqual([...invalidCodes].sort());
    expect(Object.keys(contactsEn.fileProblems).sort()).toEqual([...problemCodes].sort());
  });
});
