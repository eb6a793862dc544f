import { describe, expect, it } from 'vitest';
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString, getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { createPhoneReader, fastLane } from '../../../electron/main/preflight/phone';
import { library } from './library';

describe('phone numbers', () => {
  const br = createPhoneReader('BR');

  it('reads Brazilian national forms, trunk prefixes and punctuation to E.164', () => {
    for (const raw of [
      '(11) 98765-0000',
      '11 98765 0000',
      '011 98765-0000',
      '11.98765.0000',
      '+55 11 98765-0000',
      '5511987650000',
      '0 21 11 98765-0000',
      '[11] 98765/0000',
    ])
      expect(br(raw), raw).toEqual({ ok: true, phone: '+5511987650000', digits: 5511987650000, landline: false });
  });

  it('tells a landline (FIXED_LINE) from a mobile, and FIXED_LINE_OR_MOBILE is not a landline', () => {
    expect(br('(11) 3456-7890')).toEqual({ ok: true, phone: '+551134567890', digits: 551134567890, landline: true });
    const us = createPhoneReader('US');
    expect(us('(212) 555-0123')).toMatchObject({ ok: true, phone: '+12125550123', landline: false });
  });

  it('reads numbers of other countries written with +CC', () => {
    expect(br('+351 912 345 678')).toEqual({ ok: true, phone: '+351912345678', digits: 351912345678, landline: false });
    expect(br('+44 7911 123456')).toEqual({ ok: true, phone: '+447911123456', digits: 447911123456, landline: false });
  });

  it('says why a number is rejected', () => {
    expect(br('')).toMatchObject({ ok: false, code: 'no-number' });
    expect(br('   ')).toMatchObject({ ok: false, code: 'no-number' });
    expect(br('sem telefone')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(br('n/a')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(br('98765')).toMatchObject({ ok: false, code: 'too-short' });
    expect(br('1198765000012345678')).toMatchObject({ ok: false, code: 'too-long' });
    expect(br('(00) 98765-0000')).toMatchObject({ ok: false, code: 'not-valid' });
    expect(br('5,51199E+12')).toMatchObject({ ok: false, code: 'scientific' });
    const reading = br('98765');
    expect(!reading.ok && reading.text).toContain('"98765" is too short');
  });

  it('a local number without its area code is named as such, in Brazil and elsewhere', () => {
    for (const raw of ['98765-4321', '3333-4444', '987654321'])
      expect(br(raw), raw).toMatchObject({ ok: false, code: 'missing-area-code' });
    const reading = br('98765-4321');
    expect(!reading.ok && reading.text).toBe(
      '"98765-4321" has no area code: write the number with its area code in front (the DDD, e.g. 11).',
    );
    expect(createPhoneReader('US')('555-0123')).toMatchObject({ ok: false, code: 'missing-area-code' });
    // A wrong area code was written: not a missing one.
    expect(br('(00) 98765-0000')).toMatchObject({ ok: false, code: 'not-valid' });
  });

  it('reads numbers kept as text by spreadsheets: \'+55… (Shopify) and ="…" (Excel)', () => {
    expect(br("'+5511987650000")).toMatchObject({ ok: true, phone: '+5511987650000' });
    expect(br('="11987650000"')).toMatchObject({ ok: true, phone: '+5511987650000' });
  });

  // The fast lane must agree with the library wherever it answers.
  it.each(['BR', 'PT', 'ES', 'MX', 'AR', 'DE', 'IN', 'FR', 'CO'] as CountryCode[])(
    'fast lane agrees with libphonenumber-js for %s',
    (country) => {
      const lane = fastLane(country);
      expect(lane).not.toBeNull();
      const cc = getCountryCallingCode(country);
      const example_ = getExampleNumber(country, examples)!;
      let seed = 12345;
      const random = (): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      let answered = 0;
      const mismatches: string[] = [];
      for (let i = 0; i < 6000; i++) {
        // Half random digits (mostly invalid), half a mobile example with its last digits changed (mostly valid).
        let digits = '';
        if (i % 2 === 0) {
          const length = 6 + Math.floor(random() * 8);
          for (let k = 0; k < length; k++) digits += Math.floor(random() * 10);
        } else {
          const example = example_.nationalNumber;
          digits = example.slice(0, -4);
          for (let k = 0; k < 4; k++) digits += Math.floor(random() * 10);
        }
        const form = random();
        const input = form < 0.25 ? `0${digits}` : form < 0.5 ? `+${cc}${digits}` : digits;
        const fast = lane!(input);
        if (!fast) continue;
        answered++;
        const { same, number, type } = library(input, country, fast);
        if (!same) mismatches.push(`${input}: lane ${JSON.stringify(fast)}, library ${number} ${type}`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(answered).toBeGreaterThan(1000);
    },
  );

  // Every country with a fast lane, fewer numbers each.
  it('fast lane agrees with libphonenumber-js for every country that has one', () => {
    let seed = 777;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const mismatches: string[] = [];
    let lanes = 0;
    for (const country of getCountries()) {
      const lane = fastLane(country);
      if (!lane) continue;
      lanes++;
      const cc = getCountryCallingCode(country);
      const example = getExampleNumber(country, examples)?.nationalNumber ?? '';
      for (let i = 0; i < 400; i++) {
        let digits = '';
        if (i % 2 === 0 || !example) for (let k = 6 + Math.floor(random() * 8); k > 0; k--) digits += Math.floor(random() * 10);
        else for (digits = example.slice(0, -3); digits.length < example.length;) digits += Math.floor(random() * 10);
        const form = random();
        const input = form < 0.25 ? `0${digits}` : form < 0.5 ? `+${cc}${digits}` : form < 0.6 ? `00${cc}${digits}` : digits;
        const fast = lane(input);
        if (!fast) continue;
        const number = parsePhoneNumberFromString(input, country);
        const type = number?.getType();
        if (!(
          fast.ok &&
          number?.number === fast.phone &&
          fast.digits === Number(fast.phone.slice(1)) &&
          type !== undefined &&
          (type === 'FIXED_LINE') === fast.landline
        ))
          mismatches.push(`${country} ${input}: lane ${JSON.stringify(fast)}, library ${number?.number} ${type}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(lanes).toBeGreaterThan(150);
  });

  it('leaves countries that share a calling code to the library', () => {
    expect(fastLane('US')).toBeNull();
    expect(fastLane('GB')).toBeNull();
  });
});
