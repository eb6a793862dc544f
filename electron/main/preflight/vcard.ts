// vCard files (.vcf) as phones and address books export them: versions 2.1, 3.0 and 4.0, folded lines,
// quoted-printable values (2.1, with their charset), escaped commas and semicolons, several TEL lines with
// their types. Each card becomes a row under a made-up header (Name, the phones with the cell one first, the
// e-mail, the organisation, the birthday, the city), numbered by the line its BEGIN:VCARD is on, so that the
// same preflight reads it with the same counts and report as a CSV.
//
// Written here rather than taken from a library: the kept vCard packages parse into shapes that still need
// all of this (types, charsets, ordering), and none handles 2.1's quoted-printable with a charset.
import { TextDecoder } from 'node:util';

export interface VCardEntry {
  /** The line (1-based) of the card's BEGIN:VCARD. */
  line: number;
  name: string;
  /** The numbers as written, the mobile ones first, then in the card's order. */
  phones: string[];
  email: string;
  organization: string;
  birthday: string;
  city: string;
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** "TEL;TYPE=CELL,VOICE;PREF=1" / "TEL;CELL;VOICE" (2.1) → name and params (upper-cased keys and types). */
function parseProperty(line: string): Property | null {
  // The value starts at the first ":" outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [head, ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  const name = (head ?? '').replace(/^[^.]*\./, '').toUpperCase(); // "item1.TEL" (Apple) → TEL
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    // 2.1 writes bare types: "TEL;CELL;VOICE".
    const key = eq < 0 ? 'TYPE' : raw.slice(0, eq).trim().toUpperCase();
    const values = (eq < 0 ? raw : raw.slice(eq + 1))
      .replace(/"/g, '')
      .split(',')
      .map((v) => v.trim());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Quoted-printable ("Jo=C3=A3o") in the charset the property names (UTF-8 unless it says otherwise). */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  const label = /^(utf-?8)$/i.test(charset)
    ? 'utf-8'
    : /^(iso-8859-1|latin1|windows-1252|cp1252)$/i.test(charset)
      ? 'windows-1252'
      : 'utf-8';
  return new TextDecoder(label).decode(new Uint8Array(bytes));
}

/** 3.0 / 4.0 escapes: "\," "\;" "\n" "\\". */
const unescape = (text: string): string => text.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

/** A structured value's components ("Family;Given;Additional;Prefix;Suffix"), split on unescaped ";". */
const components = (value: string): string[] => value.split(/(?<!\\);/).map((part) => unescape(part).trim());

const isMobile = (types: string[]): boolean => types.some((t) => /^(cell|mobile|iphone|celular|whatsapp)$/i.test(t));

/** The cards of a vCard file, with their lines. */
export function parseVCards(text: string): VCardEntry[] {
  const entries: VCardEntry[] = [];
  // Physical lines, unfolded: a line starting with a space or tab continues the one before (3.0 / 4.0), and a
  // quoted-printable line ending with "=" continues on the next (2.1).
  const physical = text.split(/\r\n|\r|\n/);
  const logical: { line: number; text: string }[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    const last = logical[logical.length - 1];
    if (last && /^[ \t]/.test(raw)) last.text += raw.slice(1);
    else if (last && /QUOTED-PRINTABLE/i.test(last.text.split(':')[0] ?? '') && last.text.endsWith('='))
      last.text = last.text.slice(0, -1) + raw;
    else logical.push({ line: i + 1, text: raw });
  }

  let card: { line: number; props: Property[] } | null = null;
  for (const { line, text: rawLine } of logical) {
    const text = rawLine.trim();
    if (/^BEGIN:VCARD$/i.test(text)) {
      card = { line, props: [] };
      continue;
    }
    if (/^END:VCARD$/i.test(text)) {
      if (card) entries.push(toEntry(card.line, card.props));
      card = null;
      continue;
    }
    if (!card) continue;
    const property = parseProperty(rawLine);
    if (!property) continue;
    const encoding =
      property.params.get('ENCODING')?.[0] ??
      (property.params.get('TYPE')?.some((t) => /^quoted-printable$/i.test(t)) ? 'QUOTED-PRINTABLE' : '');
    if (/^quoted-printable$/i.test(encoding))
      property.value = decodeQuotedPrintable(property.value, property.params.get('CHARSET')?.[0] ?? 'utf-8');
    card.props.push(property);
  }
  return entries;
}

function toEntry(line: number, props: Property[]): VCardEntry {
  const first = (name: string) => props.find((p) => p.name === name);
  let name = unescape(first('FN')?.value ?? '').trim();
  if (!name) {
    const [family = '', given = '', additional = ''] = components(first('N')?.value ?? '');
    name = [given, additional, family].filter(Boolean).join(' ');
  }
  if (!name)
    name = unescape(first('ORG')?.value ?? '')
      .split(';')[0]!
      .trim();
  const tels = props
    .filter((p) => p.name === 'TEL')
    .map((p, order) => {
      const types = p.params.get('TYPE') ?? [];
      // 4.0 writes "tel:+1-555-555-0100".
      const value = unescape(p.value).replace(/^tel:/i, '').trim();
      const pref = types.some((t) => /^pref$/i.test(t)) || p.params.has('PREF');
      return { value, mobile: isMobile(types), pref, order };
    })
    .filter((t) => t.value !== '')
    .sort((a, b) => Number(b.mobile) - Number(a.mobile) || Number(b.pref) - Number(a.pref) || a.order - b.order);
  const adr = first('ADR');
  return {
    line,
    name,
    phones: tels.map((t) => t.value),
    email: unescape(first('EMAIL')?.value ?? '').trim(),
    organization: unescape(first('ORG')?.value ?? '')
      .split(';')[0]!
      .trim(),
    birthday: (first('BDAY')?.value ?? '').trim(),
    city: adr ? (components(adr.value)[3] ?? '') : '',
  };
}

/** The most phone columns a card gives; more numbers go, joined, in the last one (none is lost). */
export const VCARD_PHONE_COLUMNS = 4;

/** The header and the cells of the rows the preflight reads: Name, Phone 1…n (mobile first), E-mail, Organization, Birthday, City. */
export function vcardTable(entries: readonly VCardEntry[]): {
  header: string[];
  rows: { line: number; cells: string[] }[];
  phoneColumns: number;
} {
  const phoneColumns = Math.max(1, Math.min(VCARD_PHONE_COLUMNS, Math.max(0, ...entries.map((e) => e.phones.length))));
  const header = [
    'Name',
    ...Array.from({ length: phoneColumns }, (_, i) => (i === 0 ? 'Phone' : `Phone ${i + 1}`)),
    'E-mail',
    'Organization',
    'Birthday',
    'City',
  ];
  const rows = entries.map((e) => {
    const phones = e.phones.slice(0, phoneColumns - 1);
    const rest = e.phones.slice(phoneColumns - 1);
    phones.push(rest.join(' ::: '));
    while (phones.length < phoneColumns) phones.push('');
    return { line: e.line, cells: [e.name, ...phones, e.email, e.organization, e.birthday, e.city] };
  });
  return { header, rows, phoneColumns };
}
