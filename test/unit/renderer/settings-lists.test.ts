import { describe, expect, it } from 'vitest';
import { countryOptions, searchCountries } from '../../../renderer/src/pages/settings/countries';
import { groupZones, zoneCity, zoneOffset } from '../../../renderer/src/pages/settings/zones';
import { settingsPatchSchema } from '../../../shared/settings';

// Settings' lists: countries named in the app's language (only ones with phone numbers), and time zones by
// region with their offset.

describe('country list', () => {
  it('names countries in the app’s language, sorted as that language sorts, with their calling code', () => {
    const pt = countryOptions('pt-BR');
    expect(pt.find((c) => c.code === 'BR')).toEqual({ code: 'BR', name: 'Brasil', callingCode: '+55' });
    expect(pt.find((c) => c.code === 'DE')?.name).toBe('Alemanha');
    expect(countryOptions('en').find((c) => c.code === 'DE')?.name).toBe('Germany');
    const names = pt.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('pt-BR').compare));
  });

  it('offers only countries with phone numbers: no "XX"', () => {
    const codes = countryOptions('en').map((c) => c.code as string);
    expect(codes).not.toContain('XX');
    expect(codes.length).toBeGreaterThan(200);
    expect(settingsPatchSchema.safeParse({ defaultCountry: 'XX' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ defaultCountry: 'PT' }).success).toBe(true);
  });

  it('finds a country by part of its name without accents, by code or by calling code, and keeps the chosen one', () => {
    const pt = countryOptions('pt-BR');
    expect(searchCountries(pt, 'mexico').map((c) => c.code)).toEqual(['MX']);
    expect(searchCountries(pt, 'br').map((c) => c.code)).toContain('BR');
    expect(searchCountries(pt, '+351').map((c) => c.code)).toEqual(['PT']);
    expect(searchCountries(pt, 'zzz', 'BR').map((c) => c.code)).toEqual(['BR']);
    expect(searchCountries(pt, '  ')).toHaveLength(pt.length);
  });
});

describe('time zones', () => {
  const january = new Date('2026-01-15T12:00:00Z');
  const july = new Date('2026-07-15T12:00:00Z');

  it('gives the offset from UTC at that instant, daylight saving included', () => {
    expect(zoneOffset('America/Sao_Paulo', january)).toEqual({ label: 'UTC−03:00', minutes: -180 });
    expect(zoneOffset('Europe/Lisbon', january).label).toBe('UTC');
    expect(zoneOffset('Europe/Lisbon', july)).toEqual({ label: 'UTC+01:00', minutes: 60 });
    expect(zoneOffset('Asia/Kolkata', july).label).toBe('UTC+05:30');
  });

  it('names a zone by its city', () => {
    expect(zoneCity('America/Sao_Paulo')).toBe('Sao Paulo');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Argentina / Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });

  it('groups zones by region in order, cities sorted, the current zone left out (it is listed first)', () => {
    const groups = groupZones(
      ['Europe/Lisbon', 'America/Sao_Paulo', 'UTC', 'America/Manaus', 'America/Bahia'],
      january,
      'en',
      'America/Manaus',
    );
    expect(groups.map((g) => g.region)).toEqual(['America', 'Europe', 'Etc']);
    expect(groups[0]!.zones.map((z) => `${z.city} ${z.offset}`)).toEqual(['Bahia UTC−03:00', 'Sao Paulo UTC−03:00']);
    const all = groupZones(Intl.supportedValuesOf('timeZone'), january, 'en');
    expect(all.reduce((n, g) => n + g.zones.length, 0)).toBe(Intl.supportedValuesOf('timeZone').length);
  });
});
