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
import { Metadata, type CountryCode, type MetadataJson, type NumberType } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import { digitAutomaton, matchesFrom, prefixMatches } from './digit-automaton';
import type { InvalidCode } from './types';

export type PhoneReading =
  /** `digits`: the E.164 number without "+" as one integer (15 digits fit a double exactly), for lookups. */
  | { ok: true; phone: string; digits: number; landline: boolean }
  | { ok: false; code: InvalidCode; text: string };

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

/**
 * Reads phone cells for one default country. A class, not a closure per reader, for the same reason as
 * the shared fast lanes: `read` is one function however many readers there are.
 */
export class PhoneCells {
  private readonly fast: ReturnType<typeof fastLane>;
  // Only the library's answers are cached: the fast lane is cheaper than a cache entry.
  private readonly cache = new Map<string, PhoneReading>();

  constructor(private readonly country: CountryCode) {
    let fast = fastLanes.get(country);
    if (fast === undefined) fastLanes.set(country, (fast = fastLane(country)));
    this.fast = fast;
  }

  read(raw: string): PhoneReading {
    if (raw === '') return NO_NUMBER;
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
      if (!reading.ok && (reading.code === 'too-short' || reading.code === 'not-valid') && cleaned && !cleaned.startsWith('+') && lacksAreaCode(cleaned, this.country))
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
  const metadata = new Metadata(maxMetadata as MetadataJson) as unknown as MetadataRuntime;
  metadata.selectNumberingPlan(country);
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

// The library's runtime numbering-plan API (its typings only declare the class).
interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  type(type: NumberType): TypeDefinition | undefined;
}
interface MetadataRuntime {
  selectNumberingPlan(country: string): void;
  numberingPlan: NumberingPlan;
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
}

const NON_FIXED_LINE_TYPES: readonly NumberType[] = [
  'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL',
];

const entire = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

/** The fast lane for one default country, or null where it would not be exact (a shared calling code). */
export function fastLane(country: CountryCode): ((cleaned: string) => PhoneReading | null) | null {
  const metadata = new Metadata(maxMetadata as MetadataJson) as unknown as MetadataRuntime;
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan;
  const cc = plan.callingCode();
  const ccValue = Number(cc);
  // Countries sharing a calling code (NANP, UK and its islands…) need the library's country choice.
  if (metadata.getCountryCodesForCallingCode(cc)?.length !== 1) return null;
  for (let i = 1; i < cc.length; i++) if (metadata.hasCallingCode(cc.slice(0, i))) return null;

  const prefixSource = plan.nationalPrefixForParsing();
  const prefix = prefixSource ? new RegExp(`^(?:${prefixSource})`) : null;
  const iddSource = plan.IDDPrefix();
  const general = entire(plan.nationalNumberPattern());
  const planLengths = plan.possibleLengths();
  const typeOf = (type: NumberType): { type: NumberType; pattern: string; lengths: number[] | undefined } | null => {
    const definition = plan.type(type);
    const pattern = definition?.pattern();
    return pattern ? { type, pattern, lengths: definition!.possibleLengths() } : null;
  };
  const fixedLine = typeOf('FIXED_LINE');
  const mobile = typeOf('MOBILE');
  const others = NON_FIXED_LINE_TYPES.map(typeOf).filter((t) => t !== null);
  // One automaton answers every type's pattern for a national number (bit 0: the plan's pattern, 1: fixed
  // line, 2: mobile, then the others in order); the IDD and national prefixes get one each, read as
  // prefixes. Were a pattern beyond what the automaton reads, the library would answer every number.
  const types = digitAutomaton([plan.nationalNumberPattern(), fixedLine?.pattern ?? '(?:)', mobile?.pattern ?? '(?:)', ...others.map((t) => t.pattern)]);
  if (!types) return null;
  // The prefixes are read as prefixes: whether some start of the digits matches. A prefix in other syntax
  // (some have "$") keeps its regular expression.
  const iddAutomaton = iddSource ? digitAutomaton([iddSource]) : null;
  const idd = iddSource && !iddAutomaton ? new RegExp(`^(?:${iddSource})`) : null;
  // An IDD prefix matching nothing at all would make every number international: the library decides.
  if (iddAutomaton?.accepts[1]) return null;
  const prefixAutomaton = prefixSource ? digitAutomaton([prefixSource]) : null;
  const international = (digits: string): boolean => (iddAutomaton ? prefixMatches(iddAutomaton, digits, 0, 1) : idd !== null && idd.test(digits));
  // With no automaton the regular expression is asked (stripped() below); so is it when the automaton says it matches.
  const prefixed = (digits: string, from: number): boolean => prefix !== null && (prefixAutomaton === null || prefixMatches(prefixAutomaton, digits, from, 1));
  const GENERAL = 1;
  const FIXED_LINE = 2;
  const MOBILE = 4;

  // Mirrors the library's getNumberType(), answering only "is it a landline" (undefined: no valid type). A
  // number the mobile pattern takes is not one (getNumberType() would say MOBILE or FIXED_LINE_OR_MOBILE).
  const fits = (bits: number, bit: number, lengths: number[] | undefined, length: number): boolean =>
    (bits & bit) !== 0 && (!lengths || lengths.includes(length));
  const landlineOf = (text: string, from: number): boolean | undefined => landlineBy(matchesFrom(types, text, from), text.length - from);
  const landlineBy = (bits: number, length: number): boolean | undefined => {
    if ((bits & GENERAL) === 0) return undefined;
    if (mobile !== null && fits(bits, MOBILE, mobile.lengths, length)) return false;
    // Fixed line: a landline, unless the plan has no mobile pattern (then FIXED_LINE_OR_MOBILE).
    if (fixedLine !== null && fits(bits, FIXED_LINE, fixedLine.lengths, length)) return mobile !== null;
    for (let i = 0; i < others.length; i++) if (fits(bits, 8 << i, others[i]!.lengths, length)) return false;
    return undefined;
  };

  // Mirrors the library's extractNationalNumber() for a national prefix without captured groups
  // (e.g. Brazil's trunk "0"); carrier codes and transform rules go to the library. Only for digits that
  // start with something the prefix matches: the others are their own national number.
  const stripped = (digits: string): string | null => {
    const match = prefix!.exec(digits);
    if (!match) return digits;
    if (match.length > 1 && match[match.length - 1]) return null;
    const rest = digits.slice(match[0].length);
    if (rest === digits) return digits;
    if (general.test(digits) && !general.test(rest)) return digits;
    if (planLengths && !planLengths.includes(rest.length)) return null; // the library's length rules decide
    return rest;
  };
  const reading = (nationalNumber: string, phone: string | null): PhoneReading | null => {
    if (nationalNumber.length < 2) return null;
    const landline = landlineOf(nationalNumber, 0);
    if (landline === undefined) return null;
    return { ok: true, phone: phone ?? `+${cc}${nationalNumber}`, digits: appendDigits(ccValue, nationalNumber, 0), landline };
  };

  return (cleaned) => {
    // Where the national number starts in `cleaned`, when nothing is to be stripped from it.
    let from: number;
    if (cleaned.charCodeAt(0) === 43 /* + */) {
      if (!cleaned.startsWith(cc, 1)) return null;
      from = 1 + cc.length;
      if (prefixed(cleaned, from)) {
        const national = stripped(cleaned.slice(from));
        return national === null ? null : reading(national, null);
      }
    } else {
      // Numbers that may carry an international prefix or the calling code without "+" go to the library.
      if (international(cleaned) || cleaned.startsWith(cc)) return null;
      from = 0;
      if (prefixed(cleaned, 0)) {
        const national = stripped(cleaned);
        return national === null ? null : reading(national, null);
      }
    }
    if (cleaned.length - from < 2) return null;
    // One pass over the national number's digits (all digits here) for its patterns and its value.
    const { next, accepts } = types;
    let state = 1;
    let digits = ccValue;
    for (let i = from; i < cleaned.length; i++) {
      const digit = cleaned.charCodeAt(i) - 48;
      state = next[state * 10 + digit]!;
      digits = digits * 10 + digit;
    }
    const landline = landlineBy(accepts[state]!, cleaned.length - from);
    if (landline === undefined) return null;
    // "+CC…" is already the E.164 number (the phone string itself may be a rope until someone reads it).
    const phone = from === 0 ? `+${cc}${cleaned}` : cleaned;
    return { ok: true, phone, digits, landline };
  };
}
