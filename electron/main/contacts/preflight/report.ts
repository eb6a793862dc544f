// The invalid and duplicate rows as a CSV the user can open in Excel, fix and import again: the line
// number, what is wrong, then the row's own cells under the file's own header.
import { csvWriter, type CsvOptions } from '../../../../shared/csv';
import type { PreflightFile, PreflightRow } from './types';

export interface ProblemReport {
  /** The BOM and the header line: write once, first. */
  start(): string;
  /** The row's line for the report, or null for a row that goes in (ready, landline, in-tag, opted-out). */
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
      if (row.status === 'invalid') return writer.row([row.line, 'invalid', row.reason?.text ?? '', ...row.cells]);
      if (row.status === 'duplicate') return writer.row([row.line, 'duplicate', `Same number as line ${row.duplicateOf}`, ...row.cells]);
      return null;
    },
  };
}
