import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/main/services';
import { startSandbox } from '../../electron/sandbox';
import type { PreflightView } from '../../shared/ipc';
import { xlsxBytes } from '../fixtures/xlsx';
import { ok, until, windowOver, type WindowCall } from './window';

// Problem rows fixed in the preview, and files other than CSV, as the window drives them: the channels through
// the router, the real services signed in to the sandbox over HTTP. A corrected row is what gets imported, and
// the import's report marks it; an Excel workbook is imported by the same job from its sheet.

let services: Services;
let work: string;
let picked = '';
const notifications: { title: string; body: string }[] = [];

/** A window: its own router over the same services (a reload builds a new one). */
const window = () => windowOver(services);
type Call = WindowCall;

async function preflightDone(call: Call, view: PreflightView): Promise<Extract<PreflightView, { ok: true }>> {
  if (!view.ok) throw new Error(view.problem.message);
  const final = await until(
    'the preflight',
    () => ok(call, 'contacts:preflightStatus', { preflightId: view.preflightId }),
    (v) => !v.ok || v.state !== 'reading',
  );
  if (!final.ok || final.state !== 'complete') throw new Error(`preflight ended ${JSON.stringify(final)}`);
  return final;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'relay-contacts-corrections-'));
  services = await createServices({
    appInfo: { name: 'Relay Desk', version: 'test', platform: process.platform, locale: 'en-US' },
    dataDir: join(work, 'data'),
    notify: (n) => void notifications.push(n),
    safeStorage: null,
    pickFile: async () => picked,
    saveFile: async ({ defaultName }) => join(work, `saved ${defaultName}`),
    startSandbox: async () => await startSandbox({ clock: 'manual' }),
    emit: () => {},
    log: () => {},
  });
  await ok(window(), 'session:trySandbox', undefined);
}, 30_000);
afterAll(async () => {
  await services?.dispose();
  await rm(work, { recursive: true, force: true });
});

async function importedInto(call: Call, jobId: number): Promise<number> {
  const job = await until(
    'the import',
    async () => (await ok(call, 'jobs:list', undefined)).find((j) => j.id === jobId)!,
    (j) => j.state === 'done',
  );
  return (job.summary as { tagId: number }).tagId;
}

describe('problem rows corrected in the preview', () => {
  it('a corrected number and name are imported, the counts follow, and the report marks the row corrected', async () => {
    picked = join(work, 'loja.csv');
    await writeFile(picked, 'Nome;Celular\r\nAna;(11) 98765-2001\r\nBia;98765-2002\r\nCaio;12345\r\nDuda;(11) 98765-2004\r\n');
    const call = window();
    const file = (await ok(call, 'contacts:pickFile', undefined))!;
    const view = await preflightDone(call, await ok(call, 'contacts:preflight', { fileId: file.fileId, country: 'BR' }));
    expect(view.counts).toMatchObject({ rows: 4, ready: 2, invalid: 2, corrected: 0 });

    // A correction that is still no number says why, and changes nothing.
    expect(
      await ok(call, 'contacts:correctRow', { preflightId: view.preflightId, line: 3, phone: '98765-2002', name: 'Bia' }),
    ).toMatchObject({
      ok: false,
      reason: { code: 'missing-area-code' },
    });
    const fixed = await ok(call, 'contacts:correctRow', {
      preflightId: view.preflightId,
      line: 3,
      phone: '(21) 98765-2002',
      name: ' Bia  Reis ',
    });
    expect(fixed).toMatchObject({
      ok: true,
      row: {
        line: 3,
        status: 'ready',
        phone: '+5521987652002',
        name: 'Bia Reis',
        corrected: { phone: '+5521987652002', name: 'Bia Reis' },
      },
    });
    expect(fixed.ok && fixed.counts).toMatchObject({ ready: 3, invalid: 1, valid: 3, corrected: 1 });
    // Corrected to a number another row has: a duplicate of it, not imported twice.
    const repeated = await ok(call, 'contacts:correctRow', { preflightId: view.preflightId, line: 4, phone: '11987652004', name: 'Caio' });
    expect(repeated).toMatchObject({ ok: true, row: { status: 'duplicate', duplicateOf: 5 } });
    expect(repeated.ok && repeated.counts).toMatchObject({ ready: 3, invalid: 0, duplicates: 1, corrected: 2 });
    const status = await ok(call, 'contacts:preflightStatus', { preflightId: view.preflightId });
    expect(status.ok && status.counts).toMatchObject({ ready: 3, corrected: 2 });

    const job = await ok(call, 'contacts:import', {
      preflightId: view.preflightId,
      target: { newTag: 'Loja corrigida' },
      includeLandlines: false,
    });
    expect(job.total).toBe(3);
    const tagId = await importedInto(call, job.id);
    const list = await ok(call, 'contacts:list', { tagId, offset: 0, limit: 50 });
    expect(list.rows.map((c) => [c.name, c.phone]).sort()).toEqual([
      ['Ana', '+5511987652001'],
      ['Bia Reis', '+5521987652002'],
      ['Duda', '+5511987652004'],
    ]);
    const record = (await ok(call, 'contacts:imports', undefined)).find((i) => i.jobId === job.id)!;
    await ok(call, 'contacts:saveImportReport', { importId: record.id });
    const report = await readFile(join(work, 'saved loja - problems.csv'), 'utf8');
    expect(report).toContain('3,corrected,"Corrected by you: imported as +5521987652002, “Bia Reis” (was: ""98765-2002"" has no area code');
    expect(report).toContain('4,corrected,"Corrected by you: now the same number as line 5, not imported (was: ""12345"" is too short');
  }, 60_000);
});

describe('other files through the same import', () => {
  it('an Excel workbook: the sheet with the numbers, the name of two columns, imported by the job from the sheet', async () => {
    picked = join(work, 'clientes.xlsx');
    await writeFile(
      picked,
      xlsxBytes([
        { name: 'Notas', rows: [['Nada aqui']] },
        {
          name: 'Clientes',
          rows: [
            ['Nome', 'Sobrenome', 'WhatsApp'],
            ['Eva', 'Lins', 5511987653001],
            ['Fábio', 'Melo', '(11) 98765-3002'],
          ],
        },
      ]),
    );
    const call = window();
    const file = (await ok(call, 'contacts:pickFile', undefined))!;
    const view = await preflightDone(call, await ok(call, 'contacts:preflight', { fileId: file.fileId, country: 'BR' }));
    expect(view.file).toMatchObject({
      format: 'xlsx',
      sheet: 'Clientes',
      sheets: ['Notas', 'Clientes'],
      mapping: { names: [0, 1], phones: [2] },
    });
    const job = await ok(call, 'contacts:import', {
      preflightId: view.preflightId,
      target: { newTag: 'Planilha' },
      includeLandlines: false,
    });
    const tagId = await importedInto(call, job.id);
    const list = await ok(call, 'contacts:list', { tagId, offset: 0, limit: 50 });
    expect(list.rows.map((c) => [c.name, c.phone]).sort()).toEqual([
      ['Eva Lins', '+5511987653001'],
      ['Fábio Melo', '+5511987653002'],
    ]);
  }, 60_000);

  it('a vCard file from a phone', async () => {
    picked = join(work, 'contatos.vcf');
    await writeFile(
      picked,
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gil Neves\r\nTEL;TYPE=HOME:(11) 3456-4001\r\nTEL;TYPE=CELL:(11) 98765-4001\r\nEND:VCARD\r\n',
    );
    const call = window();
    const file = (await ok(call, 'contacts:pickFile', undefined))!;
    const view = await preflightDone(call, await ok(call, 'contacts:preflight', { fileId: file.fileId, country: 'BR' }));
    expect(view.file.format).toBe('vcard');
    const job = await ok(call, 'contacts:import', {
      preflightId: view.preflightId,
      target: { newTag: 'Celular' },
      includeLandlines: false,
    });
    const tagId = await importedInto(call, job.id);
    expect((await ok(call, 'contacts:list', { tagId, offset: 0, limit: 50 })).rows.map((c) => [c.name, c.phone])).toEqual([
      ['Gil Neves', '+5511987654001'],
    ]);
  }, 60_000);
});
