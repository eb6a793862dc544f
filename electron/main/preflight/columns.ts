// Which row is the header and which columns hold the phone numbers, the name (whole, or in parts) and the
// SMS consent. Decided once, from the header and the first rows (the sample), never per row.
//
// What the cells hold decides the phone columns: per column, how many sampled cells read as phone numbers of
// the country, and how many as mobiles. Header words (words.ts) only break ties and name the other columns.
// An export's "Phone 1 - Label" (cells: "Mobile") or "Accepts SMS Marketing" (cells: "yes") holds no number,
// so it is never the phone column whatever its header says.
import type { CountryCode } from 'libphonenumber-js';
import { PhoneCells, phoneParts, unwrapText } from './phone';
import type { ColumnMapping, FileProblem, PreflightFile, PreflightOptions } from './types';
import { consentHeader, consentValue, isBareName, nameHeaderRole, normalizeWords, phoneHeaderScore, type NameRole } from './words';

export { normalizeWords } from './words';

const PHONE_SHAPE = /^\+?[\d\s\u00a0.\-/()[\]]+$/;
/** At most this many phone columns are read per row (an Outlook export has 19 phone-ish columns). */
const MAX_PHONE_COLUMNS = 6;
/** A column is a phone column when at least this share of its filled sampled cells read as numbers. */
const PHONE_SHARE = 0.5;

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

const anyPhoneLike = (cell: string): boolean => phoneParts(unwrapText(cell)).some(phoneLike);
const nameLike = (cell: string): boolean => /\p{L}/u.test(cell) && !cell.includes('@') && !anyPhoneLike(cell);
const knownHeaderWord = (c: string): boolean => phoneHeaderScore(c) > 0 || nameHeaderRole(c) !== null;

/** A first row with no phone-like cell, and either words we know or phone numbers under it, is a header. */
export function looksLikeHeader(first: string[], rest: string[][]): boolean {
  if (first.some(anyPhoneLike)) return false;
  if (first.some(knownHeaderWord)) return true;
  const column = bestByContent(rest, first.length, anyPhoneLike, new Set());
  return column >= 0 && first.every((c) => c.trim() === '' || /\p{L}/u.test(c));
}

function bestByContent(rows: string[][], columns: number, test: (cell: string) => boolean, exclude: Set<number>): number {
  let best = -1;
  let bestCount = 0;
  for (let col = 0; col < columns; col++) {
    if (exclude.has(col)) continue;
    let count = 0;
    for (const row of rows) if (test(row[col] ?? '')) count++;
    if (count > bestCount) {
      best = col;
      bestCount = count;
    }
  }
  return best;
}

/** Per column of the sample: filled cells, cells with a phone number of the country, and with a mobile. */
export interface ColumnStats {
  filled: number;
  phones: number;
  mobiles: number;
}

export function columnStats(sample: string[][], columns: number, country: CountryCode): ColumnStats[] {
  const reader = new PhoneCells(country);
  const stats: ColumnStats[] = Array.from({ length: columns }, () => ({ filled: 0, phones: 0, mobiles: 0 }));
  for (const row of sample) {
    for (let col = 0; col < columns; col++) {
      const cell = row[col];
      if (cell === undefined || cell.trim() === '') continue;
      const s = stats[col]!;
      s.filled++;
      let phone = false;
      let mobile = false;
      for (const part of phoneParts(unwrapText(cell))) {
        if (!phoneLike(part)) continue;
        const reading = reader.read(part);
        if (!reading.ok) continue;
        phone = true;
        if (!reading.landline) mobile = true;
      }
      if (phone) s.phones++;
      if (mobile) s.mobiles++;
    }
  }
  return stats;
}

/**
 * Columns given as an option: a header name (case/accents ignored), a 0-based index, "3" as the 3rd column,
 * or several joined with "+" ("First Name+Last Name").
 */
export function resolveColumns(
  spec: string | number | readonly number[],
  header: string[] | null,
  columns: number,
  role: 'phone' | 'name' | 'consent',
): number[] | FileProblem {
  if (typeof spec !== 'string' && typeof spec !== 'number') {
    const all: number[] = [];
    for (const one of spec) {
      const r = resolveColumns(one, header, columns, role);
      if (!Array.isArray(r)) return r;
      all.push(...r);
    }
    return all;
  }
  const single = resolveColumn(spec, header, columns, role);
  if (typeof single === 'number') return [single];
  if (typeof spec === 'string' && spec.includes('+')) {
    const all: number[] = [];
    for (const part of spec
      .split('+')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const r = resolveColumn(part, header, columns, role);
      if (typeof r !== 'number') return r;
      all.push(r);
    }
    if (all.length > 0) return all;
  }
  return single;
}

/** A column given as an option: a header name (case/accents ignored), a 0-based index, or "3" as the 3rd column. */
export function resolveColumn(
  spec: string | number,
  header: string[] | null,
  columns: number,
  role: 'phone' | 'name' | 'consent',
): number | FileProblem {
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
type Choice = Pick<PreflightOptions, 'phoneColumn' | 'nameColumn' | 'consentColumn' | 'country'>;

/** The phone columns, the best first: most mobiles, then most numbers, then the header's words, then leftmost. */
function phoneColumns(header: string[] | null, stats: ColumnStats[]): { phones: number[]; source: 'header' | 'content' } | null {
  const score = (col: number) => (header ? phoneHeaderScore(header[col] ?? '') : 0);
  const excluded = (col: number) =>
    header !== null && phoneHeaderScore(header[col] ?? '') === 0 && /\b(label|type|tipo|fax)\b/.test(normalizeWords(header[col] ?? ''));
  const candidates = stats
    .map((s, col) => ({ ...s, col, words: score(col) }))
    .filter((s) => s.phones > 0 && s.phones >= s.filled * PHONE_SHARE && !excluded(s.col))
    .sort((a, b) => b.mobiles - a.mobiles || b.phones - a.phones || b.words - a.words || a.col - b.col);
  if (candidates.length > 0) {
    const phones = candidates.slice(0, MAX_PHONE_COLUMNS).map((c) => c.col);
    return { phones, source: candidates[0]!.words > 0 ? 'header' : 'content' };
  }
  // No cell reads as a number of this country (a list of foreign or broken numbers): the header's words, then
  // the cells' shape, so that every row is shown with its reason.
  if (header) {
    let best = -1;
    let bestScore = 0;
    header.forEach((cell, col) => {
      const s = phoneHeaderScore(cell);
      if (s > bestScore) [best, bestScore] = [col, s];
    });
    if (best >= 0) return { phones: [best], source: 'header' };
  }
  return null;
}

/** The name: a whole-name column, or First [+ Middle] + Last, or a company; from the header, else the cells. */
function nameColumns(
  header: string[] | null,
  sample: string[][],
  columns: number,
  taken: Set<number>,
): { names: number[]; source: 'header' | 'content' | 'none' } {
  if (header) {
    const filled = (col: number) => sample.reduce((n, row) => n + ((row[col] ?? '').trim() !== '' ? 1 : 0), 0);
    const best = new Map<NameRole, { col: number; score: number; filled: number }>();
    header.forEach((cell, col) => {
      if (taken.has(col)) return;
      const found = nameHeaderRole(cell);
      if (!found) return;
      const f = filled(col);
      // An empty column (the sample has rows, none fills it) counts only when nothing better is there.
      const score = found.score - (sample.length > 0 && f === 0 ? 10 : 0);
      const current = best.get(found.role);
      if (!current || score > current.score) best.set(found.role, { col, score, filled: f });
    });
    const pick = (role: NameRole) => {
      const b = best.get(role);
      return b && b.score > -5 ? b : undefined;
    };
    const full = pick('full');
    const first = pick('first');
    const middle = pick('middle');
    const last = pick('last');
    const parts = (lead: number) => [lead, middle?.col, last?.col].filter((c): c is number => c !== undefined);
    // "Nome" beside "Sobrenome" is the first name.
    if (full && last && !first && isBareName(header[full.col]!)) return { names: parts(full.col), source: 'header' };
    // A surely-whole name ("Name", "Nome completo") filled as often as "First Name" is the name; "Cliente",
    // "Contact" beside a "First Name" are less sure than the parts.
    if (full && (!first || (full.score >= 3 && full.filled >= first.filled))) return { names: [full.col], source: 'header' };
    if (first) return { names: parts(first.col), source: 'header' };
    if (last) return { names: [last.col], source: 'header' };
    const company = pick('company');
    if (company) return { names: [company.col], source: 'header' };
  }
  const fromContent = bestByContent(sample, columns, nameLike, taken);
  return fromContent >= 0 ? { names: [fromContent], source: 'content' } : { names: [], source: 'none' };
}

/** A column saying whether the person accepts SMS / WhatsApp marketing (channel-specific ones first). */
function consentColumn(header: string[] | null, sample: string[][], taken: Set<number>): ColumnMapping['consent'] {
  if (!header) return null;
  let best: ColumnMapping['consent'] = null;
  let bestScore = 0;
  header.forEach((cell, col) => {
    if (taken.has(col)) return;
    const kind = consentHeader(cell);
    if (!kind) return;
    // Its cells must read as yes / no, or be empty: a column of dates or free text is not a flag.
    const values = sample.map((row) => row[col] ?? '').filter((c) => c.trim() !== '');
    if (values.some((v) => consentValue(v) === null)) return;
    const words = normalizeWords(cell);
    const score = /\b(sms|whatsapp|whats|wpp|zap|texto|text|mensagem|mensaje)\b/.test(words) ? 2 : 1;
    if (score > bestScore) [best, bestScore] = [{ column: col, refusesWhen: kind === 'grants' ? 'no' : 'yes' }, score];
  });
  return best;
}

/** The mapping guess (or the options' choice) for the sample of early data rows. */
export function guessMapping(header: string[] | null, sample: string[][], columns: number, choice: Choice): Mapped | FileProblem {
  let phones: number[];
  let phoneSource: Mapped['mappingSource']['phone'];
  if (choice.phoneColumn !== undefined) {
    const resolved = resolveColumns(choice.phoneColumn, header, columns, 'phone');
    if (!Array.isArray(resolved)) return resolved;
    phones = resolved;
    phoneSource = 'chosen';
  } else {
    const found = phoneColumns(header, columnStats(sample, columns, choice.country));
    const fromShape = found ? -1 : bestByContent(sample, columns, anyPhoneLike, new Set());
    if (!found && fromShape < 0)
      return {
        code: 'no-phone-column',
        message: 'No column of this file looks like phone numbers: choose the phone column.',
      };
    phones = found ? found.phones : [fromShape];
    phoneSource = found ? found.source : 'content';
  }

  let names: number[];
  let nameSource: Mapped['mappingSource']['name'];
  if (choice.nameColumn !== undefined && choice.nameColumn !== null) {
    const resolved = resolveColumns(choice.nameColumn, header, columns, 'name');
    if (!Array.isArray(resolved)) return resolved;
    names = resolved;
    nameSource = 'chosen';
  } else if (choice.nameColumn === null) {
    names = [];
    nameSource = 'chosen';
  } else {
    const found = nameColumns(header, sample, columns, new Set(phones));
    names = found.names;
    nameSource = found.source;
  }

  let consent: ColumnMapping['consent'] = null;
  if (choice.consentColumn !== undefined && choice.consentColumn !== null) {
    const resolved = resolveColumn(choice.consentColumn, header, columns, 'consent');
    if (typeof resolved !== 'number') return resolved;
    const kind = header ? consentHeader(header[resolved] ?? '') : null;
    consent = { column: resolved, refusesWhen: kind === 'refuses' ? 'yes' : 'no' };
  } else if (choice.consentColumn === undefined) {
    consent = consentColumn(header, sample, new Set([...phones, ...names]));
  }

  const mapping: ColumnMapping = { phone: phones[0]!, name: names[0] ?? null, phones, names, consent };
  return { mapping, mappingSource: { phone: phoneSource, name: nameSource }, headerSetKey: headerSetKey(header, columns) };
}

/** The same for "Nome;Telefone" and "NOME ; telefone ": case, accents and spacing don't make a new kind of file. */
export function headerSetKey(header: string[] | null, columns: number): string {
  return header ? `header:${header.map(normalizeWords).join('|')}` : `no-header:${columns}`;
}
