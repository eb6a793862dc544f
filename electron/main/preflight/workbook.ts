// An Excel workbook (.xlsx) read with read-excel-file into the rows a CSV would give: each cell as text
// (numbers as Excel stored them, so a phone keeps every digit; dates as YYYY-MM-DD; TRUE/FALSE as true /
// false), each row numbered by its row in the sheet. When the workbook has several sheets the user may pick
// one; otherwise the one whose first rows hold the most phone numbers is read.
import readXlsxFile from 'read-excel-file/node';
import { phoneLike } from './columns';
import type { FileProblem, PreflightOptions, PreflightRow } from './types';

const SAMPLE_ROWS = 50;

type Cell = string | number | boolean | Date | null | undefined;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

const phoneCells = (data: Cell[][]): number => {
  let count = 0;
  for (const row of data.slice(0, SAMPLE_ROWS))
    for (const cell of row) if (typeof cell === 'string' ? phoneLike(cell) : typeof cell === 'number' && cell >= 1e7) count++;
  return count;
};

export async function readWorkbook(
  bytes: Buffer,
  options: Pick<PreflightOptions, 'sheet'>,
): Promise<{ sheet: string; sheets: string[]; rows: PreflightRow[] } | FileProblem> {
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    // Numbers as the text Excel stored: 5511987654321 stays whole, 0.5 stays "0.5".
    sheets = (await readXlsxFile(bytes, { parseNumber: (text: string) => text })) as unknown as { sheet: string; data: Cell[][] }[];
  } catch (error) {
    return {
      code: 'spreadsheet',
      message: `This zipped file could not be read as an Excel workbook (${error instanceof Error ? error.message : String(error)}): open it in your spreadsheet and use File → Save As → "Excel Workbook (.xlsx)" or "CSV UTF-8", then import that file.`,
    };
  }
  const names = sheets.map((s) => s.sheet);
  let chosen: { sheet: string; data: Cell[][] } | undefined;
  if (options.sheet !== undefined) {
    const wanted = options.sheet;
    chosen =
      typeof wanted === 'number' ? sheets[wanted - 1] : sheets.find((s) => s.sheet.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!chosen)
      return {
        code: 'column-not-found',
        message: `This workbook has no sheet "${String(wanted)}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}.`,
      };
  } else {
    chosen = sheets.reduce<{ sheet: string; data: Cell[][] } | undefined>(
      (best, s) => (!best || phoneCells(s.data) > phoneCells(best.data) ? s : best),
      undefined,
    );
  }
  if (!chosen || chosen.data.length === 0)
    return { code: 'empty', message: `The sheet "${chosen?.sheet ?? ''}" is empty: there is nothing to import.` };
  const rows: PreflightRow[] = [];
  chosen.data.forEach((row, index) => {
    const cells = row.map(cellText);
    if (cells.every((c) => c.trim() === '')) return; // a blank row: not a row, but its number is kept by the others
    rows.push({ line: index + 1, cells, name: '', phone: null, status: 'invalid' });
  });
  return { sheet: chosen.sheet, sheets: names, rows };
}
