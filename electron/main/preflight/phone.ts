// A phone cell → E.164 and whether it is a landline, with libphonenumber-js and its "max" metadata (the
// only one that tells a landline from a mobile).
//
// The library costs ~7 µs a number, more than parsing the whole CSV row, so the common forms go through a
// fast lane built from the library's own metadata for the default country: digits written nationally
// ("(11) 98765-4321", "011 98765-4321") or as "+CC…". The lane mirrors the library's steps (national
// prefix without carrier codes, then its number-type rules with the regular expressions compiled once) and
// answers only when it finds a valid type; anything else (other countries, carrier codes, extensions,
// letters, invalid numbers) goes to the library itself, which also words the reason. A test compares the
// two on many numbers of several countries. Results are cached per cleaned string (bounded).
import type { CountryCode, NumberType } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import { BrazilLane } from './brazil';
import { metadataFor } from './numbering-plan';
import type { TypeDefinition } from './numbering-plan';
import type { InvalidCode } from './types';

export type PhoneReading =
  /** `digits`: the E.164 number without "+" as one integer (15 digits fit a double exactly), for lookups. */
  { ok: true; phone: string; digits: number; landline: boolean } | { ok: false; code: InvalidCode; text: string };

export type PhoneReader = (raw: string) => PhoneReading;

const CACHE_LIMIT = 50_000;
const EXCEL_SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i;

/**
 * The digits (with a leading "+") of a cell holding only digits and the formatting people type around
 * them (spaces, no-break spaces, dots, dashes, slashes, brackets); null if it holds anything else.
 * A loop: twice as fast as a regular expression replace on the hot path.
 */
export function cleanDigits(raw: string): string | null {
  // Runs of digits are copied whole (a character at a time made a dozen short-lived strings per cell).
  let out = '';
  let run = -1; // where the current run of digits started
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      out += raw.slice(run, i);
      run = -1;
    }
    if (c === 43 /* + */ && out === '') out = '+';
    else if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 160 || c === 9 || c === 91 || c === 93) continue;
    else return null;
  }
  if (run === 0) return raw; // digits only
  if (run === 1 && out === '+') return raw; // already "+" and digits: no copy (a copy would be a rope, flattened again by the next read)
  if (run > 0) out += raw.slice(run);
  return out;
}

// One fast lane per country for the life of the process: its closures keep what the JIT learnt about them,
// so a second preflight runs optimised code from its first row (and the metadata is compiled once).
const fastLanes = new Map<CountryCode, ReturnType<typeof fastLane>>();
let brazil: BrazilLane | null | undefined;

/**
 * Reads phone cells for one default country. A class, not a closure per reader, for the same reason as
 * the shared fast lanes: `read` is one function however many readers there are.
 */
export class PhoneCells {
  private readonly fast: ReturnType<typeof fastLane>;
  /** Brazil's common shapes, before the fast lane (brazil.ts). */
  readonly common: BrazilLane | null;
  // Only the library's answers are cached: the fast lane is cheaper than a cache entry.
  private readonly cache = new Map<string, PhoneReading>();

  constructor(private readonly country: CountryCode) {
    let fast = fastLanes.get(country);
    if (fast === undefined) fastLanes.set(country, (fast = fastLane(country)));
    this.fast = fast;
    this.common = country === 'BR' ? (brazil ??= BrazilLane.make()) : null;
  }

  /** Forgets the cached readings. */
  release(): void {
    this.cache.clear();
  }

  read(raw: string): PhoneReading {
    if (raw === '') return NO_NUMBER;
    if (this.common) {
      const reading = this.common.reading(raw);
      if (reading) return reading;
    }
    const cleaned = cleanDigits(raw);
    // Spreadsheets' ways of keeping a number as text: '+5511… (Shopify) and ="11…" (Excel exports).
    if (cleaned === null) {
      const unwrapped = unwrapText(raw);
      if (unwrapped !== raw) return this.read(unwrapped);
    }
    if (cleaned !== null && cleaned.length > 1 && this.fast) {
      const reading = this.fast(cleaned);
      if (reading) return reading;
    }
    const text = raw.trim();
    if (text === '' || cleaned === '' || cleaned === '+') return NO_NUMBER;
    const key = cleaned ?? text;
    let reading = this.cache.get(key);
    if (reading === undefined) {
      reading = readWithLibrary(text, this.country);
      if (
        !reading.ok &&
        (reading.code === 'too-short' || reading.code === 'not-valid') &&
        cleaned &&
        !cleaned.startsWith('+') &&
        lacksAreaCode(cleaned, this.country)
      )
        reading = {
          ok: false,
          code: 'missing-area-code',
          text: `"${shown(text)}" has no area code: write the number with its area code in front${this.country === 'BR' ? ' (the DDD, e.g. 11)' : ''}.`,
        };
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear(); // bounded: a million unique numbers must not pile up
      this.cache.set(key, reading);
    }
    return reading;
  }
}

const NO_NUMBER: PhoneReading = { ok: false, code: 'no-number', text: 'There is no phone number in this row.' };

/** '+5511… → +5511…, ="11…" → 11…: how spreadsheets keep a number as text. */
export function unwrapText(raw: string): string {
  const text = raw.trim();
  if (text.startsWith("'")) return text.slice(1);
  const formula = /^="?([^"]*)"?$/.exec(text);
  return formula ? formula[1]! : raw;
}

// Several numbers in one cell: Google Contacts joins them with " ::: "; people type "/", ",", ";" or "ou".
const SEPARATORS = /\s*(?::::|[,;|\n]|\s\/\s|\s(?:ou|or|o|y|e|and)\s)\s*/i;

/** The numbers a cell may hold (one, unless it joins several). */
export function phoneParts(cell: string): string[] {
  if (!SEPARATORS.test(cell)) return [cell];
  return cell.split(SEPARATORS).filter((part) => part !== undefined && part.trim() !== '');
}

const areaChecks = new Map<CountryCode, (national: string) => boolean>();

/**
 * A local number written without its area code: too short for the country's mobiles and landlines, and some
 * area-code-long prefix makes it one. Regular expressions from the metadata (not the library: a US list of
 * 7-digit numbers would try 900 prefixes each).
 */
export function lacksAreaCode(cleaned: string, country: CountryCode): boolean {
  let check = areaChecks.get(country);
  if (check === undefined) areaChecks.set(country, (check = areaCheck(country)));
  // A leading 0 is a trunk or area prefix: the person did write one ("(00) 98765-0000" is a wrong area code).
  return !cleaned.startsWith('0') && check(cleaned);
}

function areaCheck(country: CountryCode): (national: string) => boolean {
  const metadata = metadataFor(country);
  const types = (['MOBILE', 'FIXED_LINE'] as const)
    .map((t) => metadata.numberingPlan.type(t))
    .filter((d): d is TypeDefinition => d !== undefined && d.pattern() !== '')
    .map((d) => ({ pattern: entire(d.pattern()), lengths: d.possibleLengths() ?? metadata.numberingPlan.possibleLengths() ?? [] }));
  return (national) => {
    if (national.length < 6) return false;
    for (const { pattern, lengths } of types) {
      for (const length of lengths) {
        const missing = length - national.length;
        if (missing < 1 || missing > 3) continue;
        for (let prefix = 10 ** (missing - 1); prefix < 10 ** missing; prefix++) if (pattern.test(`${prefix}${national}`)) return true;
      }
    }
    return false;
  };
}

export function createPhoneReader(country: CountryCode): PhoneReader {
  const cells = new PhoneCells(country);
  return (raw) => cells.read(raw);
}

/** The digits of an E.164 number ("+" then up to 15 digits) as one integer; never 0. */
export const e164Digits = (phone: string): number => appendDigits(0, phone, 1);

/** `n` with the digits of `text` from `from` on written after it (15 digits in all fit a double exactly). */
function appendDigits(n: number, text: string, from: number): number {
  for (let i = from; i < text.length; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

const shown = (raw: string): string => (raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

function readWithLibrary(text: string, country: CountryCode): PhoneReading {
  if (EXCEL_SCIENTIFIC.test(text))
    return {
      ok: false,
      code: 'scientific',
      text: `"${shown(text)}" was turned into a number by Excel, which dropped its last digits: format the phone column as Text and export again.`,
    };
  const number = parsePhoneNumberFromString(text, country);
  const type = number?.getType();
  if (number && type) return { ok: true, phone: number.number, digits: e164Digits(number.number), landline: type === 'FIXED_LINE' };
  switch (validatePhoneNumberLength(text, country)) {
    case 'NOT_A_NUMBER':
      return { ok: false, code: 'not-a-number', text: `"${shown(text)}" is not a phone number.` };
    case 'INVALID_COUNTRY':
      return { ok: false, code: 'unknown-country', text: `"${shown(text)}" starts with a country code that no country uses.` };
    case 'TOO_SHORT':
      return { ok: false, code: 'too-short', text: `"${shown(text)}" is too short to be a phone number.` };
    case 'TOO_LONG':
      return { ok: false, code: 'too-long', text: `"${shown(text)}" is too long to be a phone number.` };
    default:
      return { ok: false, code: 'not-valid', text: `"${shown(text)}" is not a valid phone number in ${number?.country ?? country}.` };
  }
}

// ---- The fast lane -------------------------------------------------------------------------------------

const NON_FIXED_LINE_TYPES: readonly NumberType[] = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

const entire = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

interface CompiledType {
  type: NumberType;
  pattern: RegExp;
  lengths: number[] | undefined;
}

/** The fast lane for one default country, or null where it would not be exact (a shared calling code). */
export function fastLane(country: CountryCode): ((cleaned: string) => PhoneReading | null) | null {
  const metadata = metadataFor(country);
  const plan = metadata.numberingPlan;
  const cc = plan.callingCode();
  const ccValue = Number(cc);
  // Countries sharing a calling code (NANP, UK and its islands…) need the library's country choice.
  if (metadata.getCountryCodesForCallingCode(cc)?.length !== 1) return null;
  for (let i = 1; i < cc.length; i++) if (metadata.hasCallingCode(cc.slice(0, i))) return null;

  const prefixSource = plan.nationalPrefixForParsing();
  const prefix = prefixSource ? new RegExp(`^(?:${prefixSource})`) : null;
  const iddSource = plan.IDDPrefix();
  const idd = iddSource ? new RegExp(`^(?:${iddSource})`) : null;
  const general = entire(plan.nationalNumberPattern());
  const planLengths = plan.possibleLengths();
  const compile = (type: NumberType): CompiledType | null => {
    const definition = plan.type(type);
    const pattern = definition?.pattern();
    return pattern ? { type, pattern: entire(pattern), lengths: definition!.possibleLengths() } : null;
  };
  const matches = (n: string, t: CompiledType | null): boolean =>
    t !== null && (!t.lengths || t.lengths.includes(n.length)) && t.pattern.test(n);
  const fixedLine = compile('FIXED_LINE');
  const mobileDefinition = plan.type('MOBILE');
  const mobile = compile('MOBILE');
  const others = NON_FIXED_LINE_TYPES.map(compile).filter((t): t is CompiledType => t !== null);

  // Mirrors the library's getNumberType().
  const typeOf = (n: string): NumberType | undefined => {
    if (!general.test(n)) return undefined;
    if (matches(n, fixedLine)) {
      if (!mobileDefinition || mobileDefinition.pattern() === '' || matches(n, mobile)) return 'FIXED_LINE_OR_MOBILE';
      return 'FIXED_LINE';
    }
    return others.find((t) => matches(n, t))?.type;
  };
  // Only "is it a landline" matters here, so a number the mobile pattern takes is answered without the
  // fixed-line test: getNumberType() would say FIXED_LINE_OR_MOBILE or MOBILE, neither a landline. Most
  // numbers in an SMS list are mobiles, so this saves a regular expression on most rows.
  const landlineOf = (n: string): boolean | undefined => {
    if (mobile !== null && general.test(n) && matches(n, mobile)) return false;
    const type = typeOf(n);
    return type === undefined ? undefined : type === 'FIXED_LINE';
  };

  // Mirrors the library's extractNationalNumber() for a national prefix without captured groups
  // (e.g. Brazil's trunk "0"); carrier codes and transform rules go to the library.
  const national = (digits: string): string | null => {
    const match = prefix?.exec(digits);
    if (!match) return digits;
    if (match.length > 1 && match[match.length - 1]) return null;
    const stripped = digits.slice(match[0].length);
    if (stripped === digits) return digits;
    if (general.test(digits) && !general.test(stripped)) return digits;
    if (planLengths && !planLengths.includes(stripped.length)) return null; // the library's length rules decide
    return stripped;
  };

  return (cleaned) => {
    let nationalNumber: string | null;
    if (cleaned.startsWith('+')) {
      if (!cleaned.startsWith(cc, 1)) return null;
      nationalNumber = national(cleaned.slice(1 + cc.length));
    } else {
      // Numbers that may carry an international prefix or the calling code without "+" go to the library.
      if (idd?.test(cleaned) || cleaned.startsWith(cc)) return null;
      nationalNumber = national(cleaned);
    }
    if (nationalNumber === null || nationalNumber.length < 2) return null;
    const landline = landlineOf(nationalNumber);
    if (landline === undefined) return null;
    // The digits from the national number, which is short and flat: the phone string itself is a rope
    // until someone reads it.
    return { ok: true, phone: `+${cc}${nationalNumber}`, digits: appendDigits(ccValue, nationalNumber, 0), landline };
  };
}
