// SMS length counting, shared by the composer (renderer) and the campaigns (main) so both agree on what a
// message costs. GSM 03.38 / 3GPP TS 23.038: a message is GSM-7 when every character is in the default
// alphabet or its extension table (extension characters take an escape plus the character: 2 septets);
// otherwise the whole message is UCS-2 (UTF-16 code units: an emoji is a surrogate pair, 2 units).

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsCount {
  encoding: SmsEncoding;
  /** Length in the encoding's units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** Segments the phone sends (and the operator bills); 0 for an empty text. */
  segments: number;
  /** Units a segment holds at this length: 160/70 for a single segment, 153/67 once the text is split. */
  perSegment: number;
  /** Units still free in the last segment before another one starts. */
  left: number;
  /** The characters that forced UCS-2, each once, in order of first appearance ([] for GSM-7). */
  unicodeCharacters: string[];
}

// The default alphabet, in table order (0x00–0x7F), without ESC (0x1B), which nobody types.
// Note: 0x09 is the capital Ç; the lowercase ç, and ã, õ, á, í, ó, ú, â, ê, ô are not in the table.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each is sent as ESC + character, 2 septets. Form feed is in it too. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

/** Code point → septets (1 or 2); absent means the character is not GSM-7. */
const GSM_WIDTH: ReadonlyMap<number, 1 | 2> = new Map<number, 1 | 2>([
  ...[...GSM_BASIC].map((c): [number, 1] => [c.codePointAt(0)!, 1]),
  ...[...GSM_EXTENSION].map((c): [number, 2] => [c.codePointAt(0)!, 2]),
]);

export const SMS_LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

/** True when the character (one code point) can be sent in GSM-7. */
export function isGsmCharacter(character: string): boolean {
  const codePoints = [...character];
  return codePoints.length === 1 && GSM_WIDTH.has(character.codePointAt(0)!);
}

export function countSms(text: string): SmsCount {
  // One pass: the widths under both encodings, and the characters that rule GSM-7 out.
  const gsmWidths: number[] = [];
  const ucsWidths: number[] = [];
  const unicode = new Set<string>();
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const gsm = GSM_WIDTH.get(codePoint);
    if (gsm === undefined) unicode.add(character);
    else if (unicode.size === 0) gsmWidths.push(gsm);
    ucsWidths.push(character.length); // 2 for a surrogate pair
  }
  const encoding: SmsEncoding = unicode.size === 0 ? 'gsm7' : 'ucs2';
  const widths = encoding === 'gsm7' ? gsmWidths : ucsWidths;
  const limits = SMS_LIMITS[encoding];
  let units = 0;
  for (const width of widths) units += width;

  const base = { encoding, units, unicodeCharacters: [...unicode] };
  if (units <= limits.single) {
    return { ...base, segments: units === 0 ? 0 : 1, perSegment: limits.single, left: limits.single - units };
  }
  // Split: a character is never cut in two (an escape pair or a surrogate pair moves whole to the next segment).
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > limits.multi) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { ...base, segments, perSegment: limits.multi, left: limits.multi - used };
}

// Look-alikes that keyboards, word processors and phones put in texts; replacing them keeps a message GSM-7.
const GSM_LOOKALIKES: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
  '•': '-',
};

/**
 * The text with typographic look-alikes (curly quotes, dashes, ellipsis, non-breaking spaces, tabs) replaced
 * by their plain GSM-7 forms. Letters are left alone: "não" stays "não", the sender decides about accents.
 */
export function withPlainPunctuation(text: string): string {
  let out = '';
  for (const character of text) out += GSM_LOOKALIKES[character] ?? character;
  return out;
}
