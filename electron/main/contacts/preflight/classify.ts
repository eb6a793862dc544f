// Each row of the file → ready, landline, invalid (with the reason), duplicate of line N, already in the
// tag, or opted out; and the counts at the top of the preflight.
//
// A parsed chunk is classified in three passes: each row on its own (cells, phone), then every number of
// the chunk against the ones seen before (in one loop: see seen-phones.ts), then the rows that kept a
// number (duplicate, opted out, in the tag). The first row with a number wins.
import { PhoneCells } from './phone';
import { SeenPhones } from './seen-phones';
import type { Delimiter, PreflightCounts, PreflightFile, PreflightOptions, PreflightRow } from './types';

export const emptyCounts = (): PreflightCounts => ({
  rows: 0, ready: 0, landlines: 0, valid: 0, invalid: 0, duplicates: 0, inTag: 0, optedOut: 0, short: 0, undecodable: 0,
});

/** Counts one classified row (the preflight's own counts, and the screen's counts of a rechecked preview). */
export function countRow(counts: PreflightCounts, row: PreflightRow): void {
  counts.rows++;
  if (row.short) counts.short++;
  switch (row.status) {
    case 'ready': counts.ready++; counts.valid++; break;
    case 'landline': counts.landlines++; counts.valid++; break;
    case 'invalid': counts.invalid++; break;
    case 'duplicate': counts.duplicates++; break;
    case 'in-tag': counts.inTag++; break;
    case 'opted-out': counts.optedOut++; break;
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

  /** `expectedRows`: about how many rows the file has (0: unknown), to size the table of numbers once. */
  constructor(
    private readonly file: PreflightFile,
    private readonly options: Pick<PreflightOptions, 'country' | 'optedOut' | 'inTag'>,
    expectedRows: number,
  ) {
    this.phones = new PhoneCells(options.country);
    this.seen = new SeenPhones(expectedRows);
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
        else if (inTag?.has(row.phone!)) row.status = 'in-tag';
      }
      countRow(this.counts, row);
    }
  }

  /** A row on its own: invalid (with the reason), or its number and whether that is a landline. Returns the number's digits (0: none). */
  private readRow(row: PreflightRow): number {
    const { cells, line } = row;
    const { mapping: { phone: phoneCol, name: nameCol }, columns } = this.file;
    if (nameCol !== null) row.name = tidyName(cells[nameCol] ?? '');
    if (row.reason) return 0; // broken quotes
    for (let c = columns; c < cells.length; c++) {
      if (cells[c]!.trim() !== '') {
        row.reason = { code: 'ragged', text: `Line ${line} has ${cells.length} cells but the file has ${columns} columns: a ${delimiterName(this.file.delimiter)} inside an unquoted cell may have shifted the columns.` };
        return 0;
      }
    }
    if (phoneCol >= cells.length) {
      row.reason = { code: 'ragged', text: `Line ${line} has only ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}: the phone column (${phoneCol + 1}) is missing.` };
      return 0;
    }
    const reading = this.phones.read(cells[phoneCol]!);
    if (!reading.ok) {
      row.reason = { code: reading.code, text: reading.text };
      return 0;
    }
    row.phone = reading.phone;
    row.status = reading.landline ? 'landline' : 'ready';
    if (cells.length < columns) row.short = true;
    return reading.digits;
  }
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
