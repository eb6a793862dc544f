import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';

// The countries a phone number can belong to (libphonenumber's list, so "XX" is never offered), named in
// the app's language by Intl and sorted the way that language sorts.

export interface CountryOption {
  code: CountryCode;
  /** "Brasil" in pt-BR, "Brazil" in English. */
  name: string;
  /** "+55". */
  callingCode: string;
}

export function countryOptions(language: string): CountryOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(language);
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Lower case without accents, so "sao" finds "São Tomé" and "mexico" finds "México". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The options a search keeps: by any part of the name, the two-letter code, or the calling code ("55",
 * "+55"). `keep` (the chosen country) always stays, so the list never loses what is selected.
 */
export function searchCountries(options: readonly CountryOption[], query: string, keep?: string): CountryOption[] {
  const q = fold(query.trim());
  if (!q) return [...options];
  const digits = q.replace(/^\+/, '');
  return options.filter(
    (option) =>
      option.code === keep ||
      fold(option.name).includes(q) ||
      option.code.toLowerCase() === q ||
      (/^\d+$/.test(digits) && option.callingCode === `+${digits}`),
  );
}
