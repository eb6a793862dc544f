import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightSummary, runPreflight, type PreflightOptions, type PreflightRow } from '../../../electron/main/preflight';
import { tidyName } from '../../../electron/main/preflight/classify';

const corpus = (name: string): string => join(import.meta.dirname, '../../fixtures/csv', name);

async function dryRun(name: string, options: Partial<PreflightOptions> = {}) {
  const outcome = await preflightSummary({ path: corpus(name) }, { country: 'BR', ...options });
  if (!outcome.ok) throw new Error(`${name}: ${outcome.problem.message}`);
  return outcome;
}

async function rows(name: string, options: Partial<PreflightOptions> = {}): Promise<PreflightRow[]> {
  const all: PreflightRow[] = [];
  const outcome = await runPreflight({ path: corpus(name) }, { country: 'BR', ...options }, { onRow: (r) => void all.push(r) });
  expect(outcome.ok).toBe(true);
  return all;
}

async function problem(name: string, options: Partial<PreflightOptions> = {}) {
  const outcome = await runPreflight({ path: corpus(name) }, { country: 'BR', ...options });
  if (outcome.ok) throw new Error(`${name} was importable`);
  return outcome.problem;
}

describe('encodings', () => {
  it('UTF-8 with a BOM: the BOM is not part of the first header', async () => {
    const { file, summary } = await dryRun('utf8-bom-comma.csv', { country: 'GB' });
    expect([file.encoding, file.encodingSource, file.delimiter]).toEqual(['utf-8', 'bom', ',']);
    expect(file.header).toEqual(['Name', 'Phone', 'Email']);
    expect(summary.contacts).toEqual([
      { line: 2, name: 'Alice Smith', phone: '+447911123456' },
      { line: 3, name: 'Brown, Bob', phone: '+447912654321' },
    ]);
  });

  it('UTF-8 without a BOM keeps accents', async () => {
    const { file, summary } = await dryRun('utf8-semicolon.csv');
    expect([file.encoding, file.encodingSource, file.delimiter]).toEqual(['utf-8', 'detected', ';']);
    expect(summary.contacts.map((c) => c.name)).toEqual(['João Araújo', 'Conceição Simões']);
  });

  it('Windows-1252 (Excel in Brazil) is detected and its sep= line honoured', async () => {
    const { file, summary } = await dryRun('cp1252-sep.csv');
    expect([file.encoding, file.delimiter, file.delimiterSource]).toEqual(['windows-1252', ';', 'sep-line']);
    expect(summary.rows).toBe(2);
    // sep= is line 1 and the header line 2: the first contact is on line 3.
    expect(summary.contacts).toEqual([
      { line: 3, name: 'José Gonçalves', phone: '+5511987650003' },
      { line: 4, name: 'Márcia Brandão', phone: '+5531991230004' },
    ]);
  });

  it('a chosen encoding overrides detection', async () => {
    const { file, summary } = await dryRun('cp1252-sep.csv', { encoding: 'utf-8' });
    expect([file.encoding, file.encodingSource]).toEqual(['utf-8', 'chosen']);
    expect(summary.contacts[0]!.name).toBe('Jos\ufffd Gon\ufffdalves');
  });

  it('UTF-16 LE and BE with a BOM, tab and vertical bar', async () => {
    const le = await dryRun('utf16le-tab.csv', { country: 'ES' });
    expect([le.file.encoding, le.file.delimiter]).toEqual(['utf-16le', '\t']);
    expect(le.summary.contacts).toEqual([
      { line: 2, name: 'Ángela Núñez', phone: '+34612345678' },
      { line: 3, name: 'Iñaki Peña', phone: '+34622333444' },
    ]);
    const be = await dryRun('utf16be-pipe.csv', { country: 'PT' });
    expect([be.file.encoding, be.file.delimiter]).toEqual(['utf-16be', '|']);
    expect(be.summary.contacts.map((c) => [c.name, c.phone])).toEqual([
      ['Inês Lopes', '+351912345678'],
      ['Rúben Simões', '+351932111222'],
    ]);
  });

  it('UTF-16 without a BOM is recognised from its NUL pattern, not called binary', async () => {
    const { file, summary } = await dryRun('utf16le-nobom.csv', { country: 'GB' });
    expect(file.encoding).toBe('utf-16le');
    expect(summary.contacts).toEqual([{ line: 2, name: 'Zoe', phone: '+447911123457' }]);
  });

  it('an ASCII start and a Windows-1252 byte far into the file still decodes right', async () => {
    const lines = ['Nome;Telefone'];
    for (let i = 0; i < 3000; i++) lines.push(`Cliente ${i};(11) 9${String(87650000 + i)}`);
    lines.push('Conceição;(11) 98765-9999');
    const bytes = new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
    const outcome = await preflightSummary({ bytes }, { country: 'BR' });
    expect(outcome.ok && outcome.summary.contacts.at(-1)).toEqual({ line: 3002, name: 'Conceição', phone: '+5511987659999' });
    expect(outcome.ok && outcome.file.encoding).toBe('windows-1252');
  });
});

describe('structure and line numbers', () => {
  it('quoted cells with delimiters, doubled quotes and line breaks; a blank line is skipped but counted', async () => {
    const all = await rows('quotes-multiline.csv');
    expect(all.map((r) => [r.line, r.cells])).toEqual([
      [2, ['Silva, Ana', '(11) 98765-0010', 'says "hi"']],
      [3, ['Line\nBreak', '(11) 98765-0011', 'two lines']],
      [5, ['Plain', '(11) 98765-0012', 'ok']],
      [7, ['Last', '(11) 98765-0013', 'after blank']],
    ]);
    expect(all[1]!.name).toBe('Line Break');
  });

  it.each(['cr-only.csv', 'crlf-multiline.csv'])('%s: line breaks of any kind count as editor lines', async (name) => {
    const all = await rows(name);
    expect(all.map((r) => [r.line, r.name, r.phone])).toEqual([
      [2, 'Ana Maria', expect.stringMatching(/^\+55119876500[23]0$/)],
      [4, 'Beto', expect.stringMatching(/^\+55119876500[23]1$/)],
    ]);
  });

  it('blank lines (and rows of empty cells) are not rows but move the line numbers', async () => {
    const { summary } = await dryRun('blank-lines.csv');
    expect(summary.rows).toBe(2);
    expect(summary.contacts.map((c) => c.line)).toEqual([6, 9]);
  });

  it('a broken quote is reported on the line where its cell starts', async () => {
    const { summary } = await dryRun('broken-quote.csv');
    expect(summary.contacts.map((c) => c.line)).toEqual([2]);
    expect(summary.invalid).toEqual([
      {
        line: 4,
        code: 'broken-quote',
        reason:
          'A quoted cell opens on line 4 and never closes, so lines 4–5 were read as one cell: add the missing quote (") and import again.',
      },
    ]);
  });

  it('a quote that never closes in a big file stops at 1 MB instead of swallowing the rest', async () => {
    const lines = ['Nome;Telefone', 'Ana;"(11) 98765-0000'];
    for (let i = 0; i < 60_000; i++) lines.push(`Cliente ${i};(11) 98765-${String(i % 10000).padStart(4, '0')}`);
    const outcome = await preflightSummary({ bytes: new TextEncoder().encode(lines.join('\n')) }, { country: 'BR' });
    expect(outcome.ok && outcome.summary.invalid[0]).toMatchObject({ line: 2, code: 'broken-quote' });
    expect(outcome.ok && outcome.summary.rows).toBe(1);
  });

  it('ragged rows: extra cells are refused (columns may have shifted), short rows kept if the phone is there', async () => {
    const all = await rows('ragged.csv');
    expect(all.map((r) => [r.line, r.status, r.reason?.code ?? null, r.short ?? false])).toEqual([
      [2, 'ready', null, false],
      [3, 'invalid', 'ragged', false],
      [4, 'ready', null, true],
      [5, 'invalid', 'ragged', false],
      [6, 'ready', null, false], // trailing empty cells are not extra columns
    ]);
    expect(all[1]!.reason!.text).toBe(
      'Line 3 has 4 cells but the file has 3 columns: a semicolon inside an unquoted cell may have shifted the columns.',
    );
  });
});

describe('header and mapping', () => {
  it('no header: the first row is data, columns found from their content', async () => {
    const { file, summary } = await dryRun('no-header.csv');
    expect(file.header).toBeNull();
    expect(file.mapping).toEqual({ phone: 1, name: 0, phones: [1], names: [0], consent: null });
    expect(file.mappingSource).toEqual({ phone: 'content', name: 'content' });
    expect(file.headerSetKey).toBe('no-header:2');
    expect(summary.contacts[0]).toEqual({ line: 1, name: 'Ana Souza', phone: '+5511987650060' });
  });

  it('a file of bare numbers has no name column', async () => {
    const { file, summary } = await dryRun('numbers-only.csv');
    expect(file.mapping).toEqual({ phone: 0, name: null, phones: [0], names: [], consent: null });
    expect(summary.contacts).toEqual([
      { line: 1, name: '', phone: '+5511987650070' },
      { line: 2, name: '', phone: '+5511987650071' },
    ]);
  });

  it('Spanish headers with accents; a "Nº" column is not the phone', async () => {
    const { file } = await dryRun('headers-es.csv', { country: 'MX' });
    expect(file.mapping).toEqual({ phone: 2, name: 1, phones: [2], names: [1], consent: null });
    expect(file.headerSetKey).toBe('header:n|nombre completo|telefono movil|correo');
  });

  it('English: the name is "First Name" + "Last Name", "Mobile Phone" comes before "Home Phone"', async () => {
    const { file, summary } = await dryRun('headers-en-first-last.csv', { country: 'US' });
    expect(file.mapping).toEqual({ phone: 2, name: 0, phones: [2, 3], names: [0, 1], consent: null });
    expect(summary.contacts).toEqual([{ line: 2, name: 'Amy Lee', phone: '+12125550100', others: ['+12125550199'] }]);
  });

  it('says whether the header was detected or chosen, so a reading again keeps the choice', async () => {
    const detected = await dryRun('utf8-semicolon.csv');
    expect([detected.file.header, detected.file.headerSource]).toEqual([['Nome', 'Celular', 'Cidade'], 'detected']);
    expect((await dryRun('no-header.csv', { phoneColumn: '2' })).file).toMatchObject({ header: null, headerSource: 'detected' });
    expect((await dryRun('no-header.csv', { phoneColumn: '2', header: false })).file).toMatchObject({
      header: null,
      headerSource: 'chosen',
    });
    expect((await dryRun('utf8-semicolon.csv', { header: true })).file.headerSource).toBe('chosen');
  });

  it('Portuguese: Celular and Cliente', async () => {
    expect((await dryRun('utf8-semicolon.csv')).file.mapping).toMatchObject({ phone: 1, name: 0, phones: [1], names: [0] });
    expect((await dryRun('cp1252-sep.csv')).file.mapping).toMatchObject({ phone: 1, name: 0, phones: [1], names: [0] });
  });

  it('the mapping can be chosen by header (any case/accents) or index; an unknown column is said plainly', async () => {
    const { file } = await dryRun('headers-en-first-last.csv', { country: 'US', phoneColumn: 'home phone', nameColumn: 1 });
    expect(file.mapping).toEqual({ phone: 3, name: 1, phones: [3], names: [1], consent: null });
    expect(file.mappingSource).toEqual({ phone: 'chosen', name: 'chosen' });
    expect((await dryRun('no-header.csv', { phoneColumn: '2', header: false })).file.mapping.phone).toBe(1);
    expect(await problem('utf8-semicolon.csv', { phoneColumn: 'Fax' })).toEqual({
      code: 'column-not-found',
      message: 'There is no phone column "Fax" in this file; it has "Nome", "Celular", "Cidade".',
    });
  });

  it('the header set key ignores case, accents and spacing', async () => {
    const a = await preflightSummary({ bytes: new TextEncoder().encode('Nome;Telefone\nAna;11987650000\n') }, { country: 'BR' });
    const b = await preflightSummary({ bytes: new TextEncoder().encode(' NOME ; telefône\nAna;11987650000\n') }, { country: 'BR' });
    expect(a.ok && b.ok && a.file.headerSetKey === b.file.headerSetKey).toBe(true);
  });
});

describe('files that cannot be imported', () => {
  it.each([
    ['empty.csv', 'empty'],
    ['only-blank.csv', 'empty'],
    ['sep-only.csv', 'empty'],
    ['image.csv', 'binary'],
    ['binary-nul.csv', 'binary'],
    ['workbook.csv', 'spreadsheet'],
    ['header-only.csv', 'no-rows'],
  ])('%s → %s', async (name, code) => {
    expect((await problem(name)).code).toBe(code);
  });

  it('say what to do', async () => {
    expect((await problem('workbook.csv')).message).toContain('Save As');
    expect((await problem('image.csv')).message).toContain('a PNG image');
    expect((await problem('header-only.csv')).message).toBe(
      'The file has a header (Nome, Telefone) but no rows under it: 0 rows to import.',
    );
    expect(await problem('no-such-file.csv')).toEqual({ code: 'unreadable', message: 'The file could not be read: it does not exist.' });
  });
});

describe('row statuses', () => {
  it('ready, landline, invalid with reasons, duplicate of line N, in the tag, opted out', async () => {
    const all = await rows('statuses.csv', { inTag: new Set(['+5511987650091']), optedOut: new Set(['+5511987650092']) });
    expect(all.map((r) => [r.line, r.name, r.status, r.reason?.code ?? r.duplicateOf ?? null])).toEqual([
      [2, 'Pronto', 'ready', null],
      [3, 'Fixo', 'landline', null],
      [4, 'Vazio', 'invalid', 'no-number'],
      [5, 'Letras', 'invalid', 'not-a-number'],
      [6, 'Curto', 'invalid', 'too-short'],
      [7, 'Repetido', 'duplicate', 2],
      [8, 'NaEtiqueta', 'in-tag', null],
      [9, 'Saiu', 'opted-out', null],
      [10, 'Excel', 'invalid', 'scientific'],
    ]);
  });

  it('the dry-run summary has the CLI shape', async () => {
    const { summary } = await dryRun('statuses.csv', { inTag: new Set(['+5511987650091']), optedOut: new Set(['+5511987650092']) });
    expect(summary).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      rows: 9,
      valid: 2,
      duplicates: 1,
      landlines: 1,
      inTag: 1,
      optedOut: 1,
    });
    expect(summary.invalid.map((i) => i.line)).toEqual([4, 5, 6, 10]);
    expect(summary.contacts).toEqual([
      { line: 2, name: 'Pronto', phone: '+5511987650090' },
      { line: 3, name: 'Fixo', phone: '+551134567890', landline: true },
    ]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('the same file gives the same answer from bytes as from a path', async () => {
    const fromPath = await dryRun('statuses.csv');
    const fromBytes = await preflightSummary({ bytes: new Uint8Array(readFileSync(corpus('statuses.csv'))) }, { country: 'BR' });
    expect(fromBytes.ok && fromBytes.summary).toEqual(fromPath.summary);
  });
});

describe('names as people typed them', () => {
  it.each([
    ['Ana Silva', 'Ana Silva'],
    ['  Ana Silva ', 'Ana Silva'],
    ['Ana  Silva', 'Ana Silva'],
    ['Ana\tSilva', 'Ana Silva'],
    ['Ana\nSilva', 'Ana Silva'],
    ['Ana\u00a0Silva', 'Ana Silva'],
    ['\u00a0Ana', 'Ana'],
    ['Ana\u3000', 'Ana'],
    ['\ufeffAna', 'Ana'],
    ['João Conceição', 'João Conceição'],
    ['A', 'A'],
    [' ', ''],
    ['', ''],
  ])('%j → %j', (cell, name) => {
    expect(tidyName(cell)).toBe(name);
  });
});
