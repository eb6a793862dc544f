// Writing CSV that Excel, LibreOffice and Google Sheets open safely: RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula (=, +, -, @, and a leading tab or CR) neutralised with a leading
// apostrophe (OWASP "CSV injection"). Used by every export: import reports, campaigns, message history.

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Cell separator; `,` by default. `;` suits Excel in locales whose decimal mark is a comma. */
  delimiter?: ',' | ';' | '\t' | '|';
  /** Record separator; RFC 4180 says CRLF, which every spreadsheet reads. */
  newline?: '\r\n' | '\n';
  /** Prefix the text with a UTF-8 byte order mark so Excel reads accents correctly. Off by default. */
  bom?: boolean;
}

export const UTF8_BOM = '\ufeff';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// A bare number or phone number ("+5511987650000", "-12.5", "+55 (11) 98765-0000") has no letters, cell
// references or function calls, so a spreadsheet cannot run anything from it; leaving it untouched keeps
// phone exports readable instead of "'+5511…".
const PLAIN_NUMBER = /^[+-]?\d[\d .,()/-]*$/;

/** The cell as text, neutralised if a spreadsheet would treat it as a formula. */
export function formulaSafe(text: string): string {
  return FORMULA_TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell, escaped and quoted as RFC 4180 requires. */
export function csvCell(value: CsvValue, delimiter: string = ','): string {
  if (value === null || value === undefined) return '';
  const text = formulaSafe(typeof value === 'string' ? value : String(value));
  const needsQuotes = text.includes('"') || text.includes('\n') || text.includes('\r') || text.includes(delimiter);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, newline included. */
export function csvRow(cells: readonly CsvValue[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    line += csvCell(cells[i], delimiter);
  }
  return line + (options.newline ?? '\r\n');
}

/**
 * A row writer for exports of any size: `start()` once (the BOM, if asked for), then `row()` per record;
 * the caller streams the strings to a file, so nothing is held in memory.
 */
export interface CsvWriter {
  start(): string;
  row(cells: readonly CsvValue[]): string;
}

export function csvWriter(options: CsvOptions = {}): CsvWriter {
  return {
    start: () => (options.bom ? UTF8_BOM : ''),
    row: (cells) => csvRow(cells, options),
  };
}

/** A whole small table as one string (header first), for tests and short exports. */
export function toCsv(rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const writer = csvWriter(options);
  let out = writer.start();
  for (const cells of rows) out += writer.row(cells);
  return out;
}
