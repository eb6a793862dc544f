import { describe, expect, it } from 'vitest';
import { countSms, isGsmCharacter, withPlainPunctuation } from '../../../shared/sms';

describe('countSms: GSM-7', () => {
  it('counts an empty text as no segment with a whole one free', () => {
    expect(countSms('')).toEqual({
      encoding: 'gsm7',
      units: 0,
      segments: 0,
      perSegment: 160,
      left: 160,
      unicodeCharacters: [],
    });
  });

  it('fits 160 plain characters in one segment and splits at 161 into 153 + 8', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ segments: 1, left: 0, perSegment: 160 });
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2, units: 161, perSegment: 153, left: 153 - 8 });
    expect(countSms('a'.repeat(306))).toMatchObject({ segments: 2, left: 0 });
    expect(countSms('a'.repeat(307))).toMatchObject({ segments: 3, left: 152 });
  });

  it('counts the extension characters ^{}\\[~]|€ as two septets each', () => {
    const count = countSms('^{}\\[~]|€');
    expect(count).toMatchObject({ encoding: 'gsm7', units: 18, segments: 1, left: 142 });
    expect(countSms('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(countSms('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 plain septets, then € (2): 154 > 153, so € opens the second segment.
    const count = countSms('a'.repeat(152) + '€' + 'a'.repeat(10));
    expect(count.units).toBe(164);
    expect(count.segments).toBe(2);
    expect(count.left).toBe(153 - 12);
  });

  it('keeps the accented letters of the default alphabet in GSM-7', () => {
    const text = 'é ù ì ò Ç Ø ø Å å Ä Ö Ñ Ü § ¿ ä ö ñ ü à É Æ æ ß Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ¡ £ ¥ è ¤ @ $ _';
    const count = countSms(text);
    expect(count.encoding).toBe('gsm7');
    expect(count.unicodeCharacters).toEqual([]);
    expect(count.units).toBe([...text].length);
  });

  it('counts line breaks as one septet each (CR and LF are in the table)', () => {
    expect(countSms('a\r\nb')).toMatchObject({ encoding: 'gsm7', units: 4 });
  });
});

describe('countSms: UCS-2', () => {
  it('switches to UCS-2 for Portuguese letters outside the table and names them', () => {
    const count = countSms('Olá João, sua conexão está pronta: ação ç');
    expect(count.encoding).toBe('ucs2');
    expect(count.unicodeCharacters).toEqual(['á', 'ã', 'ç']);
  });

  it.each(['ã', 'õ', 'ê', 'á', 'í', 'ó', 'ú', 'â', 'ô', 'ç', '‘', '’', '“', 'ğ', '\t', '\u00a0'])('%j forces UCS-2', (character) => {
    expect(countSms(`Hello ${character}`).encoding).toBe('ucs2');
    expect(isGsmCharacter(character)).toBe(false);
  });

  it('lists each forcing character once, in order of appearance', () => {
    expect(countSms('‘quoted’ é ‘again’ ã').unicodeCharacters).toEqual(['‘', '’', 'ã']);
  });

  it('fits 70 code units in one segment and 67 per segment after that', () => {
    expect(countSms('ã'.repeat(70))).toMatchObject({ units: 70, segments: 1, left: 0, perSegment: 70 });
    expect(countSms('ã'.repeat(71))).toMatchObject({ units: 71, segments: 2, perSegment: 67, left: 67 - 4 });
    expect(countSms('ã'.repeat(134))).toMatchObject({ segments: 2, left: 0 });
  });

  it('counts an emoji as two units and never splits it across segments', () => {
    expect(countSms('👍')).toMatchObject({ encoding: 'ucs2', units: 2, left: 68, unicodeCharacters: ['👍'] });
    // 66 units, then an emoji (2): 68 > 67 would cut the pair, so it opens the second segment.
    const count = countSms('a'.repeat(66) + '👍' + 'a'.repeat(3));
    expect(count.units).toBe(71);
    expect(count.segments).toBe(2);
    expect(count.left).toBe(67 - 5);
  });

  it('counts extension characters as one unit once the message is UCS-2', () => {
    expect(countSms('€ã')).toMatchObject({ encoding: 'ucs2', units: 2 });
  });
});

describe('isGsmCharacter', () => {
  it('accepts basic and extension characters, one at a time', () => {
    expect(isGsmCharacter('Ç')).toBe(true);
    expect(isGsmCharacter('€')).toBe(true);
    expect(isGsmCharacter('ab')).toBe(false);
    expect(isGsmCharacter('')).toBe(false);
  });
});

describe('withPlainPunctuation', () => {
  it('replaces typographic look-alikes so the text becomes GSM-7 again', () => {
    const typed = '‘Olá’ – “amigo”… até\u00a0logo';
    const plain = withPlainPunctuation(typed);
    expect(plain).toBe('\'Olá\' - "amigo"... até logo');
    expect(countSms(plain).unicodeCharacters).toEqual(['á']);
    expect(countSms(withPlainPunctuation('‘Hello’ — “friend”…')).encoding).toBe('gsm7');
  });
});
