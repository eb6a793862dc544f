// Which row is the header and which columns hold the phone and the name, from the header's words (English,
// Portuguese, Spanish; case and accents ignored) or, without a header, from what the cells look like.
import type { ColumnMapping, FileProblem, PreflightFile } from './types';

/** Lower case, accents off, anything but letters and digits as single spaces: "Móvil/WhatsApp" → "movil whatsapp". */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Higher scores win when several columns qualify: "Celular" beats "Telefone" for an SMS list.
const PHONE_WORDS: Record<string, number> = {
  celular: 3, cel: 3, mobile: 3, movil: 3, cell: 3, cellphone: 3, whatsapp: 3, whats: 3, wpp: 3, zap: 3,
  telemovel: 3, telemovil: 3, smartphone: 3, sms: 3,
  phone: 2, telephone: 2, telefone: 2, telefono: 2, fone: 2, tel: 2, tlf: 2, tfno: 2, msisdn: 2,
  numero: 1, number: 1, contact: 1, contato: 1, contacto: 1,
};
const NAME_WORDS: Record<string, number> = {
  name: 3, nome: 3, nombre: 3, fullname: 3,
  cliente: 2, customer: 2, client: 2, contact: 1, contato: 1, contacto: 1, paciente: 2, aluno: 2, alumno: 2,
  razao: 1, empresa: 1, company: 1,
};
// "Last name", "Sobrenome"… are not the name to greet someone with; "first name" is, a little less than "name".
const NOT_NAME = new Set(['last', 'surname', 'sobrenome', 'apellido', 'apellidos', 'email', 'mail', 'user', 'username']);
const FIRST = new Set(['first', 'primeiro', 'primer']);

function score(cell: string, words: Record<string, number>): number {
  let best = 0;
  for (const token of normalizeWords(cell).split(' ')) best = Math.max(best, words[token] ?? 0);
  return best;
}

function nameScore(cell: string): number {
  const tokens = normalizeWords(cell).split(' ');
  if (tokens.some((t) => NOT_NAME.has(t))) return 0;
  const base = score(cell, NAME_WORDS);
  return base > 0 && tokens.some((t) => FIRST.has(t)) ? base - 0.5 : base;
}

const PHONE_SHAPE = /^\+?[\d\s\u00a0.\-/()[\]]+$/;

/** Looks like a phone number: at least 6 digits and nothing but digits and the usual punctuation. */
export function phoneLike(cell: string): boolean {
  const text = cell.trim();
  if (!PHONE_SHAPE.test(text)) return false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 6;
}

const nameLike = (cell: string): boolean => /\p{L}/u.test(cell) && !cell.includes('@') && !phoneLike(cell);

/** A first row with no phone-like cell, and either words we know or phone numbers under it, is a header. */
export function looksLikeHeader(first: string[], rest: string[][]): boolean {
  if (first.some(phoneLike)) return false;
  if (first.some((c) => score(c, PHONE_WORDS) > 0 || nameScore(c) > 0)) return true;
  const column = bestByContent(rest, first.length, phoneLike, -1);
  return column >= 0 && first.every((c) => c.trim() === '' || /\p{L}/u.test(c));
}

function bestByContent(rows: string[][], columns: number, test: (cell: string) => boolean, exclude: number): number {
  let best = -1;
  let bestCount = 0;
  for (let col = 0; col < columns; col++) {
    if (col === exclude) continue;
    let count = 0;
    for (const row of rows) if (test(row[col] ?? '')) count++;
    if (count > bestCount) {
      best = col;
      bestCount = count;
    }
  }
  return best;
}

function bestByHeader(header: string[], scoreOf: (cell: string) => number, exclude: number): number {
  let best = -1;
  let bestScore = 0;
  header.forEach((cell, col) => {
    const s = col === exclude ? 0 : scoreOf(cell);
    if (s > bestScore) {
      best = col;
      bestScore = s;
    }
  });
  return best;
}

/** A column given as an option: a header name (case/accents ignored), a 0-based index, or "3" as the 3rd column. */
export function resolveColumn(spec: string | number, header: string[] | null, columns: number, role: 'phone' | 'name'): number | FileProblem {
  if (typeof spec === 'number') {
    if (Number.isInteger(spec) && spec >= 0 && spec < columns) return spec;
  } else {
    const wanted = normalizeWords(spec);
    const byName = header?.findIndex((cell) => normalizeWords(cell) === wanted) ?? -1;
    if (byName >= 0) return byName;
    if (/^\d+$/.test(spec.trim()) && Number(spec) >= 1 && Number(spec) <= columns) return Number(spec) - 1;
  }
  const known = header ? header.map((h) => `"${h}"`).join(', ') : `columns 1 to ${columns}`;
  return {
    code: 'column-not-found',
    message: `There is no ${role} column "${spec}" in this file; it has ${known}.`,
  };
}

type Mapped = Pick<PreflightFile, 'mapping' | 'mappingSource' | 'headerSetKey'>;

/** The mapping guess (or the options' choice) for the sample of early data rows. */
export function guessMapping(
  header: string[] | null,
  sample: string[][],
  columns: number,
  choice: { phoneColumn?: string | number; nameColumn?: string | number },
): Mapped | FileProblem {
  let phone: number;
  let phoneSource: Mapped['mappingSource']['phone'];
  if (choice.phoneColumn !== undefined) {
    const resolved = resolveColumn(choice.phoneColumn, header, columns, 'phone');
    if (typeof resolved !== 'number') return resolved;
    phone = resolved;
    phoneSource = 'chosen';
  } else {
    const fromHeader = header ? bestByHeader(header, (c) => score(c, PHONE_WORDS), -1) : -1;
    phone = fromHeader >= 0 ? fromHeader : bestByContent(sample, columns, phoneLike, -1);
    phoneSource = fromHeader >= 0 ? 'header' : 'content';
    if (phone < 0)
      return {
        code: 'no-phone-column',
        message: 'No column of this file looks like phone numbers: choose the phone column.',
      };
  }

  let name: number | null;
  let nameSource: Mapped['mappingSource']['name'];
  if (choice.nameColumn !== undefined) {
    const resolved = resolveColumn(choice.nameColumn, header, columns, 'name');
    if (typeof resolved !== 'number') return resolved;
    name = resolved;
    nameSource = 'chosen';
  } else {
    const fromHeader = header ? bestByHeader(header, nameScore, phone) : -1;
    const fromContent = fromHeader >= 0 ? -1 : bestByContent(sample, columns, nameLike, phone);
    name = fromHeader >= 0 ? fromHeader : fromContent >= 0 ? fromContent : null;
    nameSource = fromHeader >= 0 ? 'header' : fromContent >= 0 ? 'content' : 'none';
  }

  const mapping: ColumnMapping = { phone, name };
  return { mapping, mappingSource: { phone: phoneSource, name: nameSource }, headerSetKey: headerSetKey(header, columns) };
}

/** The same for "Nome;Telefone" and "NOME ; telefone ": case, accents and spacing don't make a new kind of file. */
export function headerSetKey(header: string[] | null, columns: number): string {
  return header ? `header:${header.map(normalizeWords).join('|')}` : `no-header:${columns}`;
}
