// Each row of the file → ready, landline, invalid (with the reason), duplicate of line N, already in the
// tag, or opted out; and the counts at the top of the preflight.
//
// A parsed chunk is classified in three passes: each row on its own (cells, phone), then every number of
// the chunk against the ones seen before (in one loop: see seen-phones.ts), then the rows that kept a
// number (duplicate, opted out, in the tag). The first row with a number wins.
import { PhoneCells, phoneParts, type PhoneReading } from './phone';
import { consentValue } from './words';
import { SeenPhones } from './seen-phones';
import type { Delimiter, PreflightCounts, PreflightFile, PreflightOptions, PreflightRow } from './types';

export const emptyCounts = (): PreflightCounts => ({
  rows: 0,
  ready: 0,
  landlines: 0,
  valid: 0,
  invalid: 0,
  duplicates: 0,
  inTag: 0,
  optedOut: 0,
  noConsent: 0,
  noConsentLandlines: 0,
  otherNumbers: 0,
  corrected: 0,
  short: 0,
  undecodable: 0,
});

/** Counts one classified row (the preflight's own counts, and the screen's counts of a rechecked preview). */
export function countRow(counts: PreflightCounts, row: PreflightRow): void {
  counts.rows++;
  if (row.short) counts.short++;
  if (row.others && row.status !== 'invalid') counts.otherNumbers++;
  if (row.corrected) counts.corrected++;
  switch (row.status) {
    case 'ready':
      counts.ready++;
      counts.valid++;
      break;
    case 'landline':
      counts.landlines++;
      counts.valid++;
      break;
    case 'invalid':
      counts.invalid++;
      break;
    case 'duplicate':
      counts.duplicates++;
      break;
    case 'in-tag':
      counts.inTag++;
      break;
    case 'opted-out':
      counts.optedOut++;
      break;
    case 'no-consent':
      counts.noConsent++;
      if (row.landline) counts.noConsentLandlines++;
      break;
  }
}

/**
 * One file's classifier, made once its columns are known. A class (not closures made per file) so that
 * its methods are the same functions for every file, and what the JIT learnt about them on one preflight
 * serves the next.
 */
export class RowClassifier {
  readonly counts = emptyCounts();
  private readonly phones: PhoneCells;
  private readonly seen: SeenPhones; // E.164 number → line of the first row with it
  private keys = new Float64Array(0);
  private lines = new Float64Array(0);
  private firsts = new Float64Array(0);
  private readonly consent = new Map<string, boolean | null>();

  /** `expectedRows`: about how many rows the file has (0: unknown), to size the table of numbers once. */
  constructor(
    private readonly file: PreflightFile,
    private options: Pick<PreflightOptions, 'country' | 'optedOut' | 'inTag'>,
    expectedRows: number,
  ) {
    this.phones = new PhoneCells(options.country);
    this.seen = new SeenPhones(expectedRows);
  }

  /**
   * Lets go of what is big (the table of numbers, the cache of readings, the tag's and the suppression
   * list's lookups): the object is then kept only for its hidden classes (see keepShapes in preflight.ts).
   */
  release(): void {
    this.seen.release();
    this.phones.release();
    this.keys = this.lines = this.firsts = new Float64Array(0);
    this.options = { country: this.options.country };
    this.consent.clear();
  }

  /** Classifies parsed rows in place, in file order, and counts them. */
  classify(rows: readonly PreflightRow[]): void {
    const n = rows.length;
    if (this.keys.length < n) [this.keys, this.lines, this.firsts] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const { keys, lines, firsts } = this;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      keys[i] = this.readRow(row);
      lines[i] = row.line;
    }
    this.seen.firstLines(keys, lines, n, firsts);
    const { optedOut, inTag } = this.options;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (keys[i] !== 0) {
        if (firsts[i] !== 0) {
          row.status = 'duplicate';
          row.duplicateOf = firsts[i]!;
        } else if (optedOut?.has(row.phone!)) row.status = 'opted-out';
        else if (this.refused(row.cells)) {
          if (row.status === 'landline') row.landline = true;
          row.status = 'no-consent';
        } else if (inTag?.has(row.phone!)) row.status = 'in-tag';
      }
      countRow(this.counts, row);
    }
  }

  /** Whether the row's consent column refuses SMS marketing (the few values a column holds are read once). */
  private refused(cells: string[]): boolean {
    const consent = this.file.mapping.consent;
    if (consent === null) return false;
    const cell = cells[consent.column] ?? '';
    let value = this.consent.get(cell);
    if (value === undefined) {
      value = consentValue(cell);
      if (this.consent.size < 1_000) this.consent.set(cell, value);
    }
    return value !== null && value === (consent.refusesWhen === 'yes');
  }

  /** A row on its own: invalid (with the reason), or its number and whether that is a landline. Returns the number's digits (0: none). */
  private readRow(row: PreflightRow): number {
    const { cells, line } = row;
    const {
      mapping: { phone: phoneCol, names, phones },
      columns,
    } = this.file;
    if (names.length === 1) row.name = tidyName(cells[names[0]!] ?? '');
    else if (names.length > 1) row.name = joinName(cells, names);
    if (row.reason) return 0; // broken quotes
    for (let c = columns; c < cells.length; c++) {
      if (cells[c]!.trim() !== '') {
        row.reason = {
          code: 'ragged',
          text: `Line ${line} has ${cells.length} cells but the file has ${columns} columns: a ${delimiterName(this.file.delimiter)} inside an unquoted cell may have shifted the columns.`,
        };
        return 0;
      }
    }
    if (phoneCol >= cells.length) {
      row.reason = {
        code: 'ragged',
        text: `Line ${line} has only ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}: the phone column (${phoneCol + 1}) is missing.`,
      };
      return 0;
    }
    // The common case, one phone column holding one number, costs one reading.
    const cell = cells[phoneCol]!;
    const common = this.phones.common;
    if (common !== null && phones.length === 1) {
      // Brazil's common shapes: no reading object (a cell it reads holds no ":::", so is not several).
      const phone = common.read(cell);
      if (phone !== null) {
        row.phone = phone;
        row.status = common.landline ? 'landline' : 'ready';
        if (cells.length < columns) row.short = true;
        return common.digits;
      }
    }
    let reading = severalIn(cell) ? SEVERAL : this.phones.read(cell);
    if (phones.length > 1 || !reading.ok) reading = this.readNumbers(row, reading);
    if (!reading.ok) {
      row.reason = { code: reading.code, text: reading.text };
      return 0;
    }
    row.phone = reading.phone;
    row.status = reading.landline ? 'landline' : 'ready';
    if (cells.length < columns) row.short = true;
    return reading.digits;
  }

  /**
   * Every number of the row's phone columns (a cell may hold several): the first mobile is the row's number,
   * else the first landline; the others are kept on the row for the report. `first`: the main column's reading.
   */
  private readNumbers(row: PreflightRow, first: PhoneReading): PhoneReading {
    const { phones } = this.file.mapping;
    let chosen: Extract<PhoneReading, { ok: true }> | null = null;
    let failure: Extract<PhoneReading, { ok: false }> | null = null;
    const found: { reading: PhoneReading; raw: string }[] = [];
    for (let i = 0; i < phones.length; i++) {
      const cell = row.cells[phones[i]!] ?? '';
      if (cell === '' || cell.trim() === '') {
        if (i === 0 && !first.ok) failure = first;
        continue;
      }
      const whole = i === 0 ? first : severalIn(cell) ? SEVERAL : this.phones.read(cell);
      const parts = whole.ok ? null : whole === SEVERAL ? cell.split(':::') : phoneParts(cell);
      const readings =
        parts !== null && parts.length > 1 ? parts.map((part) => ({ reading: this.phones.read(part), raw: part.trim() })) : null;
      // Split only when that finds a number: "5,51199E+12" is Excel's spoilt number, not two.
      if (readings?.some((r) => r.reading.ok) || (readings && whole === SEVERAL)) found.push(...readings);
      else found.push({ reading: whole, raw: cell.trim() });
    }
    for (const { reading } of found) {
      if (!reading.ok) failure ??= reading;
      else if (!reading.landline && (chosen === null || chosen.landline)) chosen = reading;
      else chosen ??= reading;
    }
    if (chosen === null) return failure ?? first;
    const others: string[] = [];
    for (const { reading, raw } of found) {
      const text = reading.ok ? reading.phone : raw;
      if (reading !== chosen && text !== chosen.phone && !others.includes(text)) others.push(text);
    }
    if (others.length > 0) row.others = others;
    return chosen;
  }
}

/** Google Contacts' " ::: " between the values of one field: read each, not the whole (the library would, slowly). */
const severalIn = (cell: string): boolean => cell.length > 6 && cell.includes(':::');
const SEVERAL: PhoneReading = { ok: false, code: 'not-a-number', text: '' };

/** First [+ Middle] + Last: the non-empty parts, tidied, joined with a space. */
function joinName(cells: readonly string[], columns: readonly number[]): string {
  let name = '';
  for (const col of columns) {
    const part = tidyName(cells[col] ?? '');
    if (part !== '') name = name === '' ? part : `${name} ${part}`;
  }
  return name;
}

/** Line breaks and runs of spaces inside a name cell become single spaces; the ends are trimmed. */
export function tidyName(cell: string): string {
  // Most names need nothing: one pass over their characters answers that without a regular expression
  // and a trim (twice as quick, on every row).
  const n = cell.length;
  if (n === 0 || !plainEnd(cell.charCodeAt(0)) || !plainEnd(cell.charCodeAt(n - 1))) return tidied(cell);
  for (let i = 1; i < n - 1; i++) {
    const c = cell.charCodeAt(i);
    if (c === 9 || c === 10 || c === 160 || (c === 32 && cell.charCodeAt(i + 1) === 32)) return tidied(cell);
  }
  return cell;
}

/** Not whitespace for trim(): above the space, not a no-break space, below U+1680 (the first other one). */
const plainEnd = (c: number): boolean => c > 32 && c !== 160 && c < 0x1680;

const tidied = (cell: string): string => (/[\t\n\u00a0]| {2}/.test(cell) ? cell.replace(/\s+/g, ' ').trim() : cell.trim());

function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'vertical bar';
}
