import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preflightSummary, runPreflight, type PreflightOptions, type PreflightRow } from '../../../electron/main/preflight';
import { parseVCards } from '../../../electron/main/preflight/vcard';
import { xlsxBytes } from '../../fixtures/xlsx';

// Excel workbooks and phones' vCard files go through the same preflight as a CSV: the same counts, statuses,
// reasons and report, numbered by the sheet's rows and the cards' BEGIN lines.

const dir = mkdtempSync(join(tmpdir(), 'relay-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = (name: string): string => join(import.meta.dirname, '../../fixtures/sources', name);

async function dryRun(path: string, options: Partial<PreflightOptions> = {}) {
  const outcome = await preflightSummary({ path }, { country: 'BR', ...options });
  if (!outcome.ok) throw new Error(`${path}: ${outcome.problem.message}`);
  return outcome;
}

function workbook(name: string, sheets: Parameters<typeof xlsxBytes>[0]): string {
  const path = join(dir, name);
  writeFileSync(path, xlsxBytes(sheets));
  return path;
}

describe('Excel workbooks (.xlsx)', () => {
  const path = workbook('clientes.xlsx', [
    {
      name: 'Resumo',
      rows: [
        ['Loja', 'Total'],
        ['Centro', 3],
      ],
    },
    {
      name: 'Clientes',
      rows: [
        ['Nome', 'Sobrenome', 'Celular', 'Aceita SMS', 'Cidade'],
        ['Ana', 'Lima', 5511987650001, true, 'Santos'],
        [null, null, null, null, null],
        ['Bia', 'Reis', '(11) 98765-0002', false, 'Campinas'],
        ['Caio', 'Melo', '98765-0003', true, 'Sorocaba'],
        ['Duda', 'Nery', '(11) 3456-0004', true, 'Jundiaí'],
        ['Eva', 'Lins', 5511987650001, true, 'Santos'],
      ],
    },
  ]);

  it('reads the sheet that holds the numbers, with the sheet’s row numbers, the same statuses and counts as a CSV', async () => {
    const { file, counts, summary } = await dryRun(path);
    expect(file).toMatchObject({
      format: 'xlsx',
      sheet: 'Clientes',
      sheets: ['Resumo', 'Clientes'],
      header: ['Nome', 'Sobrenome', 'Celular', 'Aceita SMS', 'Cidade'],
    });
    // A number stored as a number keeps every digit; TRUE / FALSE cells are the consent.
    expect(summary.contacts).toEqual([
      { line: 2, name: 'Ana Lima', phone: '+5511987650001' },
      { line: 6, name: 'Duda Nery', phone: '+551134560004', landline: true },
    ]);
    expect(summary.withoutConsent).toEqual([{ line: 4, name: 'Bia Reis', phone: '+5511987650002' }]);
    expect(summary.invalid).toEqual([{ line: 5, code: 'missing-area-code', reason: expect.any(String) }]);
    expect(counts).toMatchObject({ rows: 5, ready: 1, landlines: 1, noConsent: 1, invalid: 1, duplicates: 1 });
  });

  it('duplicates point at the sheet row of the first one', async () => {
    const rows: PreflightRow[] = [];
    await runPreflight({ path }, { country: 'BR' }, { onRow: (r) => void rows.push(r) });
    expect(rows.find((r) => r.line === 7)).toMatchObject({ status: 'duplicate', duplicateOf: 2 });
  });

  it('another sheet can be chosen by name or number; an unknown one is said plainly', async () => {
    const other = workbook('two.xlsx', [
      {
        name: 'Janeiro',
        rows: [
          ['Nome', 'WhatsApp'],
          ['Fábio', '(85) 98765-1111'],
        ],
      },
      {
        name: 'Fevereiro',
        rows: [
          ['Nome', 'WhatsApp'],
          ['Gil', '(85) 98765-2222'],
          ['Hugo', '(85) 98765-3333'],
        ],
      },
    ]);
    expect((await dryRun(other, { sheet: 'fevereiro' })).summary.contacts.map((c) => c.name)).toEqual(['Gil', 'Hugo']);
    expect((await dryRun(other, { sheet: 1 })).summary.contacts.map((c) => c.name)).toEqual(['Fábio']);
    const outcome = await runPreflight({ path: other }, { country: 'BR', sheet: 'Março' });
    expect(outcome).toEqual({
      ok: false,
      problem: { code: 'column-not-found', message: 'This workbook has no sheet "Março"; its sheets are "Janeiro", "Fevereiro".' },
    });
  });

  it('a zip that is no workbook, and an old .xls, are said plainly', async () => {
    const zipPath = join(dir, 'fotos.xlsx');
    writeFileSync(zipPath, Buffer.from('504b0304', 'hex'));
    const zip = await runPreflight({ path: zipPath }, { country: 'BR' });
    expect(!zip.ok && zip.problem.code).toBe('spreadsheet');
    const xls = await runPreflight({ bytes: Buffer.from('d0cf11e0a1b11ae1000000', 'hex') }, { country: 'BR' });
    expect(!xls.ok && xls.problem.message).toMatch(/old Excel workbook \(\.xls\)/);
  });
});

describe('vCard files (.vcf)', () => {
  it('2.1 from an Android phone: quoted-printable names in UTF-8 and Latin-1, the CELL number first, folded notes', async () => {
    const { file, summary } = await dryRun(source('phone-2.1.vcf'));
    expect(file.format).toBe('vcard');
    expect(summary.contacts).toEqual([
      { line: 1, name: 'João Conceição', phone: '+5511988881111', others: ['+551133331111'] },
      { line: 8, name: 'Luíza Araújo', phone: '+5521977772222', others: ['+552122223333'] },
    ]);
    // A card's line is its BEGIN:VCARD's; a number without its DDD says so.
    expect(summary.invalid).toEqual([{ line: 17, code: 'missing-area-code', reason: expect.any(String) }]);
  });

  it('3.0 from an iPhone: escaped commas, grouped "item1.TEL", folded lines, the cell number before the preferred landline', async () => {
    const { summary } = await dryRun(source('iphone-3.0.vcf'));
    expect(summary.contacts).toEqual([
      { line: 1, name: 'Marina Ribeiro', phone: '+5531991114444', others: ['+553132224444'] },
      { line: 14, name: 'Otávio Luiz Tavares', phone: '+5541988885555', others: ['+554130305555', '+554130306666'] },
    ]);
    const [marina] = parseVCards(readText('iphone-3.0.vcf'));
    expect(marina).toMatchObject({
      organization: 'Ribeiro, Filhos & Cia',
      city: 'Belo Horizonte',
      birthday: '1988-02-29',
      email: 'marina@ribeiro.com',
    });
  });

  it('4.0: tel: URIs with quoted types, a card without a number is counted, a foreign number read with its +CC', async () => {
    const { counts, summary } = await dryRun(source('contacts-4.0.vcf'));
    expect(summary.contacts).toEqual([
      { line: 1, name: 'Priscila Souza', phone: '+5551993217777', others: ['+555132127777'] },
      { line: 14, name: 'Quintino Barros', phone: '+351912345678' },
    ]);
    expect(summary.invalid).toEqual([{ line: 9, code: 'no-number', reason: 'There is no phone number in this row.' }]);
    expect(counts.rows).toBe(3);
  });

  it('a .vcf with no card is empty', async () => {
    const outcome = await runPreflight({ bytes: new TextEncoder().encode('BEGIN:VCARD\nVERSION:3.0\n') }, { country: 'BR' });
    expect(!outcome.ok && outcome.problem.code).toBe('empty');
  });
});

function readText(name: string): string {
  return readFileSync(source(name), 'utf8');
}
