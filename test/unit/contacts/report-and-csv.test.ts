import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, formulaSafe, toCsv } from '../../../shared/csv';
import { problemReport, runPreflight, type PreflightFile, type PreflightRow } from '../../../electron/main/preflight';

describe('shared/csv', () => {
  it('quotes as RFC 4180: delimiters, quotes and line breaks', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', null, 3])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\rhere",,3\r\n',
    );
    expect(csvRow(['a;b', 'c,d'], { delimiter: ';', newline: '\n' })).toBe('"a;b";c,d\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+cmd|" /C calc"!A0', '-2+3+cmd|x', '@SUM(A1)', '\tTAB', '\rCR'])
      expect(formulaSafe(cell), cell).toBe(`'${cell}`);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
  });

  it('leaves plain numbers and phone numbers readable', () => {
    for (const cell of ['+5511987650000', '-12.5', '+55 (11) 98765-0000', 'João', 'a=b']) expect(formulaSafe(cell), cell).toBe(cell);
  });

  it('a BOM only when asked; what it writes reads back to the same cells', () => {
    const rows = [
      ['Nome', 'Obs'],
      ['Conceição', 'diz "oi", tchau\nlinha 2'],
      ['x', ''],
    ];
    const text = toCsv(rows, { bom: true });
    expect(text.startsWith('\ufeffNome,Obs\r\n')).toBe(true);
    expect(toCsv([['a']])).toBe('a\r\n');
    expect(Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data).toEqual(rows);
  });
});

describe('problem report', () => {
  it('lists invalid and duplicate rows with their line, status, reason and original cells', async () => {
    const csv = 'Nome;Telefone\n=Mal;(11) 98765-0000\nDup;11 98765-0000\nNada;abc\nFixo;(11) 3456-7890\n';
    let file: PreflightFile | null = null;
    const rows: PreflightRow[] = [];
    const outcome = await runPreflight(
      { bytes: new TextEncoder().encode(csv) },
      { country: 'BR' },
      { onRow: (r) => void rows.push(r), onPreview: (p) => (file = p) },
    );
    expect(outcome.ok).toBe(true);
    const report = problemReport(file!);
    const text = report.start() + rows.map((r) => report.row(r) ?? '').join('');
    expect(text).toBe(
      '\ufeffLine,Status,Reason,Nome,Telefone\r\n' +
        '3,duplicate,Same number as line 2,Dup,11 98765-0000\r\n' +
        '4,invalid,"""abc"" is not a phone number.",Nada,abc\r\n',
    );
    // A name that is a formula is escaped when it does appear in a report.
    expect(
      problemReport({ header: null, columns: 2 }).row({ ...rows[0]!, status: 'invalid', reason: { code: 'not-valid', text: 'x' } }),
    ).toBe("2,invalid,x,'=Mal,(11) 98765-0000\r\n");
  });
});
