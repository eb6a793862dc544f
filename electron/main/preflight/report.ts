// The invalid and duplicate rows as a CSV the user can open in Excel, fix and import again: the line
// number, what is wrong, then the row's own cells under the file's own header.
import { csvWriter, type CsvOptions } from '../../../shared/csv';
import type { PreflightFile, PreflightRow } from './types';

export interface ProblemReport {
  /** The BOM and the header line: write once, first. */
  start(): string;
  /** The row's line for the report, or null for a row that goes in as the file has it (ready, landline, in-tag, opted-out). */
  row(row: PreflightRow): string | null;
}

/** Streams: feed it the preflight's rows (`onRow`) and append what it returns to the report file. */
export function problemReport(file: Pick<PreflightFile, 'header' | 'columns'>, options: CsvOptions = {}): ProblemReport {
  // Excel opens a UTF-8 CSV with accents intact only with a BOM.
  const writer = csvWriter({ bom: true, ...options });
  const columns = file.header ?? Array.from({ length: file.columns }, (_, i) => `Column ${i + 1}`);
  return {
    start: () => writer.start() + writer.row(['Line', 'Status', 'Reason', ...columns]),
    row(row) {
      if (row.corrected) return writer.row([row.line, 'corrected', correctedText(row), ...row.cells]);
      if (row.status === 'invalid') return writer.row([row.line, 'invalid', row.reason?.text ?? '', ...row.cells]);
      if (row.status === 'duplicate') return writer.row([row.line, 'duplicate', `Same number as line ${row.duplicateOf}`, ...row.cells]);
      if (row.status === 'no-consent')
        return writer.row([
          row.line,
          'no consent',
          `Left out: the file says this person did not accept SMS marketing (${row.phone ?? ''}).`,
          ...row.cells,
        ]);
      if (row.others)
        return writer.row([
          row.line,
          'other numbers',
          `Imported ${row.phone ?? ''}; also has ${row.others.join(', ')}, not imported.`,
          ...row.cells,
        ]);
      return null;
    },
  };
}

/** "Corrected by you: imported as +5511987650000, “Ana Souza” (was: "1234" is too short to be a phone number.)" */
function correctedText(row: PreflightRow): string {
  const c = row.corrected!;
  const was = c.was?.reason?.text ?? (c.was?.status === 'duplicate' ? 'a repeated number' : null);
  const now =
    row.status === 'duplicate'
      ? `now the same number as line ${row.duplicateOf ?? '?'}, not imported`
      : `imported as ${c.phone ?? row.phone ?? ''}${c.name ? `, “${c.name}”` : ''}`;
  return `Corrected by you: ${now}${was ? ` (was: ${was})` : ''}`;
}
