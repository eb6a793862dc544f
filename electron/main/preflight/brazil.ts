// Brazilian numbers in the shapes nearly every Brazilian contacts file holds ("(11) 98765-4321",
// "011 98765-4321", "+55 11 98765-4321", "(11) 3456-7890"), read in one pass over the cell with no
// intermediate strings: the fast lane (phone.ts) costs ~0.4 µs a number in cleaning, regular expressions and
// slices, a third of the whole preflight of a Brazilian file.
//
// It answers exactly what the fast lane (and so the library) answers, or nothing: a national number of 10 or
// 11 digits after an optional "+55" or trunk "0", with a valid area code (DDD), that is a mobile (9 + 8
// digits, or the old 7 + 7) or a landline (2–5 + 7 digits). Everything else goes on to the fast lane.
// Its reasoning rests on Brazil's metadata as the library has it today, so it is used only while that
// metadata is exactly this (compared when the lane is made); a test compares it with the library.
import { metadataFor } from './numbering-plan';
import type { PhoneReading } from './phone';

const AREA = '(?:[14689][1-9]|2[12478]|3[1-578]|5[13-5]|7[13-579])';

/** The parts of Brazil's metadata the reasoning below rests on. */
const EXPECTED = {
  callingCode: '55',
  idd: '00(?:1[245]|2[1-35]|31|4[13]|[56]5|99)',
  general: '[1-467]\\d{9,10}|55[0-46-9]\\d{8}|[34]\\d{7}|55\\d{7,8}|(?:5[0-46-9]|[89]\\d)\\d{7,9}',
  lengths: '8,9,10,11',
  nationalPrefix: '(?:0|90)(?:(1[245]|2[1-35]|31|4[13]|[56]5|99)(\\d{10,11}))?',
  fixed: `${AREA}[2-5]\\d{7}`,
  fixedLengths: '10',
  mobile: `${AREA}(?:7|9\\d)\\d{7}`,
  mobileLengths: '10,11',
};

function metadataIsAsExpected(): boolean {
  const plan = metadataFor('BR').numberingPlan;
  const actual = {
    callingCode: plan.callingCode(),
    idd: plan.IDDPrefix(),
    general: plan.nationalNumberPattern(),
    lengths: plan.possibleLengths()?.join(','),
    nationalPrefix: plan.nationalPrefixForParsing(),
    fixed: plan.type('FIXED_LINE')?.pattern(),
    fixedLengths: plan.type('FIXED_LINE')?.possibleLengths()?.join(','),
    mobile: plan.type('MOBILE')?.pattern(),
    mobileLengths: plan.type('MOBILE')?.possibleLengths()?.join(','),
  };
  return (Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]).every((key) => actual[key] === EXPECTED[key]);
}

/**
 * Brazil's lane. `read` gives the E.164 number, or null when the cell is not one of its shapes; the number's
 * digits and whether it is a landline are left in `digits` and `landline` (no object a row).
 *
 * Why each answer is the library's, given that metadata:
 * - "+55" then the national number; without "+", a number starting with 55 (the calling code) or 00 (an
 *   international prefix) is left to the fast lane, as are 90 (a trunk prefix) and other starts.
 * - A trunk "0" before 10 or 11 digits is all the national prefix takes: a carrier code needs 10–11 digits
 *   after "0" and its own two, and no general pattern starts with 0, so the library strips just the "0".
 * - Every valid area code followed by 8 or 9 digits matches the general pattern (checked per first digit
 *   against its alternatives); then the mobile pattern decides "not a landline" (MOBILE or
 *   FIXED_LINE_OR_MOBILE), and the fixed-line one "landline" (the two cannot both match a number).
 */
export class BrazilLane {
  /** The last number read: its E.164 digits as one integer, and whether it is a landline. */
  digits = 0;
  landline = false;
  private readonly areas = new Uint8Array(100);
  private readonly d = new Uint8Array(16); // the cell's digits

  /** The lane, or null when the library's metadata is not the one it was worked out from. */
  static make(): BrazilLane | null {
    return metadataIsAsExpected() ? new BrazilLane() : null;
  }

  private constructor() {
    const area = new RegExp(`^${AREA}$`);
    for (let a = 10; a < 100; a++) this.areas[a] = area.test(String(a)) ? 1 : 0;
  }

  read(raw: string): string | null {
    const d = this.d;
    let count = 0;
    let plus = false;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (count === 14) return null;
        d[count++] = c - 48;
      } else if (c === 43 /* + */) {
        if (plus || count > 0) return null;
        plus = true;
      } else if (!(c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 160 || c === 9 || c === 91 || c === 93))
        return null; // what cleanDigits() keeps out: letters, a second "+"…
    }
    let from = 0;
    if (plus) {
      if (d[0] !== 5 || d[1] !== 5) return null;
      from = 2;
    } else if (d[0] === 5 && d[1] === 5) return null;
    if (d[from] === 0) {
      if (d[from + 1] === 0) return null;
      from++;
    }
    const length = count - from;
    if ((length !== 10 && length !== 11) || this.areas[d[from]! * 10 + d[from + 1]!] === 0) return null;
    const third = d[from + 2]!;
    let landline: boolean;
    if (length === 11) {
      if (third !== 9) return null;
      landline = false;
    } else if (third === 7) landline = false;
    else if (third >= 2 && third <= 5) landline = true;
    else return null;
    let digits = 55;
    for (let i = from; i < count; i++) digits = digits * 10 + d[i]!;
    this.digits = digits;
    this.landline = landline;
    return e164(d, from, length);
  }

  /** The same as a reading, for PhoneCells. */
  reading(raw: string): PhoneReading | null {
    const phone = this.read(raw);
    return phone === null ? null : { ok: true, phone, digits: this.digits, landline: this.landline };
  }
}

/** "+55" and the national number, made flat in one step (a rope of slices is flattened again when read). */
function e164(d: Uint8Array, f: number, length: number): string {
  // No helper closure here: tsx (the benches, the CLI in development) wraps each one made in a naming call.
  const a = 48 + d[f]!;
  const b = 48 + d[f + 1]!;
  const c = 48 + d[f + 2]!;
  const e = 48 + d[f + 3]!;
  const g = 48 + d[f + 4]!;
  const h = 48 + d[f + 5]!;
  const i = 48 + d[f + 6]!;
  const j = 48 + d[f + 7]!;
  const k = 48 + d[f + 8]!;
  const l = 48 + d[f + 9]!;
  return length === 11
    ? String.fromCharCode(43, 53, 53, a, b, c, e, g, h, i, j, k, l, 48 + d[f + 10]!)
    : String.fromCharCode(43, 53, 53, a, b, c, e, g, h, i, j, k, l);
}
