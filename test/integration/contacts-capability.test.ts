import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/main/services';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import type { PreflightView } from '../../shared/ipc';
import { ok, until, windowOver, type WindowCall } from './window';

// The import as the window drives it: the channels through the router (the contract's input checks apply),
// the real services signed in to the sandbox over HTTP, the OS file dialog a double. Mid-upload the window
// "reloads": a fresh router that knows nothing finds the job again through jobs:list.

let services: Services;
let sandbox: Sandbox;
let work: string;
let picked: string;
const notifications: { title: string; body: string }[] = [];

/** A window: its own router over the same services (a reload builds a new one). */
const window = () => windowOver(services);
type Call = WindowCall;

// 40 mobiles (lines 2–41), a landline (42), two invalid rows (43, 44) and a repeat of line 2 (45).
const MOBILES = 40;
const phone = (i: number) => `+55119876${String(51_000 + i)}`;
async function writeCsv(): Promise<string> {
  const lines = ['Nome;Telefone;Cidade'];
  for (let i = 0; i < MOBILES; i++)
    lines.push(`Cliente ${i};(11) 9876${String(51_000 + i).slice(0, 1)}-${String(51_000 + i).slice(1)};São Paulo`);
  lines.push('Loja;(11) 3333-4444;Campinas', 'Sem número;;Santos', 'Errado;12345;=1+2', 'Cliente 0 de novo;+55 11 98765-1000;São Paulo');
  const path = join(work, 'clientes da loja.csv');
  await writeFile(path, lines.join('\r\n') + '\r\n');
  return path;
}

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
  work = await mkdtemp(join(tmpdir(), 'relay-contacts-capability-'));
  picked = await writeCsv();
  services = await createServices({
    appInfo: { name: 'Relay Desk', version: 'test', platform: process.platform, locale: 'en-US' },
    dataDir: join(work, 'data'),
    notify: (n) => void notifications.push(n),
    safeStorage: null,
    pickFile: async () => picked,
    saveFile: async ({ defaultName }) => join(work, `saved ${defaultName}`),
    startSandbox: async () => (sandbox = await startSandbox({ clock: 'manual' })),
    emit: () => {},
    log: () => {},
  });
  await ok(window(), 'session:trySandbox', undefined);
}, 30_000);
afterAll(async () => {
  await services?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('importing contacts through the window channels', () => {
  let jobId: number;
  let tagId: number;

  it('picks a file (main keeps the path), checks it, and pages the rows of one status', async () => {
    const call = window();
    const file = await ok(call, 'contacts:pickFile', undefined);
    expect(file).toMatchObject({ name: 'clientes da loja.csv', size: expect.any(Number) });
    expect(JSON.stringify(file)).not.toContain(work); // the renderer never gets a path

    const view = await preflightDone(call, await ok(call, 'contacts:preflight', { fileId: file!.fileId, country: 'BR' }));
    expect(view.file).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      header: ['Nome', 'Telefone', 'Cidade'],
      mapping: { phone: 1, name: 0 },
    });
    expect(view.counts).toMatchObject({ rows: 44, ready: 40, landlines: 1, valid: 41, invalid: 2, duplicates: 1, inTag: 0, optedOut: 0 });

    const invalid = await ok(call, 'contacts:preflightRows', { preflightId: view.preflightId, status: 'invalid', offset: 0, limit: 100 });
    expect(invalid.total).toBe(2);
    expect(invalid.rows.map((r) => [r.line, r.status, r.reason?.code])).toEqual([
      [43, 'invalid', 'no-number'],
      [44, 'invalid', 'too-short'],
    ]);
    const repeats = await ok(call, 'contacts:preflightRows', { preflightId: view.preflightId, status: 'duplicate', offset: 0, limit: 100 });
    expect(repeats.rows).toMatchObject([{ line: 45, phone: phone(0), duplicateOf: 2 }]);
    const page = await ok(call, 'contacts:preflightRows', { preflightId: view.preflightId, status: 'ready', offset: 10, limit: 5 });
    expect(page).toMatchObject({ total: 40 });
    expect(page.rows.map((r) => r.phone)).toEqual([10, 11, 12, 13, 14].map(phone));
    // The window's inputs are checked before anything runs.
    expect(await call('contacts:preflightRows', { preflightId: view.preflightId, offset: 0, limit: 5_000 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });

    // Into a new tag: created once, then the upload (slow enough to catch mid-way).
    sandbox.dropRepliesAfterCommit(null);
    sandbox.setLatency(150);
    const job = await ok(call, 'contacts:import', {
      preflightId: view.preflightId,
      target: { newTag: 'Clientes da loja' },
      includeLandlines: false,
    });
    expect(job).toMatchObject({ kind: 'contacts.import', total: 40 });
    jobId = job.id;
    // The preflight is let go once its import started.
    expect(await call('contacts:preflightStatus', { preflightId: view.preflightId })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('survives a window reload mid-way: the new window finds the job, pauses and resumes it, and it ends done', async () => {
    const before = window();
    await until(
      'some contacts sent',
      async () => (await ok(before, 'jobs:list', undefined)).find((j) => j.id === jobId)!,
      (j) => j.done >= 5,
    );
    await ok(before, 'jobs:pause', { id: jobId });

    const reloaded = window(); // knows nothing but what main tells it
    const found = await until(
      'the paused job',
      async () => (await ok(reloaded, 'jobs:list', undefined)).find((j) => j.kind === 'contacts.import') ?? null,
      (j) => j?.state === 'paused',
    );
    if (!found) throw new Error('no import job');
    expect(found.id).toBe(jobId);
    expect(found.done).toBeGreaterThanOrEqual(5);
    expect(found.done).toBeLessThan(40);
    sandbox.setLatency(5);
    await ok(reloaded, 'jobs:resume', { id: jobId });
    const done = await until(
      'the import',
      async () => (await ok(reloaded, 'jobs:list', undefined)).find((j) => j.id === jobId)!,
      (j) => j.state !== 'running' && j.state !== 'queued',
    );
    expect(done).toMatchObject({ state: 'done', total: 40, done: 40, failed: 0, unknown: 0 });
    // One savetag and one savecontact per contact reached the gateway: nothing doubled by the pause.
    expect(sandbox.faultStats().writes).toBe(41);
    expect(notifications).toContainEqual(
      expect.objectContaining({ title: 'Import finished', body: '40 contacts imported into Clientes da loja.' }),
    );
  });

  it('shows the tag with its count, its contacts (searchable) and the import in the history', async () => {
    const call = window();
    const tags = await ok(call, 'contacts:tags', undefined);
    expect(tags).toMatchObject([{ title: 'Clientes da loja', contacts: 40, createdHere: true }]);
    tagId = tags[0]!.id;

    const list = await ok(call, 'contacts:list', { tagId, offset: 0, limit: 50 });
    expect(list.total).toBe(40);
    expect(list.rows.map((r) => r.phone)).toEqual(Array.from({ length: 40 }, (_, i) => phone(i)));
    expect(list.rows[7]).toMatchObject({ name: 'Cliente 7', contactId: expect.any(Number) });
    const found = await ok(call, 'contacts:list', { tagId, search: '98765-1012', offset: 0, limit: 50 });
    expect(found.rows.map((r) => r.name)).toEqual(['Cliente 12']);

    expect(await ok(call, 'contacts:imports', undefined)).toMatchObject([
      {
        jobId,
        state: 'done',
        fileName: 'clientes da loja.csv',
        tag: { id: tagId, title: 'Clientes da loja' },
        counts: {
          rows: 44,
          valid: 41,
          invalid: 2,
          duplicates: 1,
          landlines: 1,
          imported: 40,
          inTag: 0,
          optedOut: 0,
          failed: 0,
          unknown: 0,
        },
        finishedAt: expect.any(Number),
        reportRows: 3,
      },
    ]);
  });

  it('keeps the import’s report with it: saved from the history long after the preflight closed, formulas escaped', async () => {
    const call = window();
    const [record] = await ok(call, 'contacts:imports', undefined);
    const saved = await ok(call, 'contacts:saveImportReport', { importId: record!.id });
    expect(saved).toEqual({ saved: true, name: 'saved clientes da loja - problems.csv', rows: 3 });
    const text = await readFile(join(work, 'saved clientes da loja - problems.csv'), 'utf8');
    expect(text.split('\r\n')).toEqual([
      '\ufeffLine,Status,Reason,Nome,Telefone,Cidade',
      expect.stringMatching(/^43,invalid,[^,]+,Sem número,,Santos$/),
      expect.stringMatching(/^44,invalid,[^,]+,Errado,12345,'=1\+2$/),
      '45,duplicate,Same number as line 2,Cliente 0 de novo,+55 11 98765-1000,São Paulo',
      '',
    ]);
    expect(await call('contacts:saveImportReport', { importId: 999 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('the same file into the same tag again sends nothing: every number is already there', async () => {
    const call = window();
    const file = await ok(call, 'contacts:pickFile', undefined);
    const view = await preflightDone(call, await ok(call, 'contacts:preflight', { fileId: file!.fileId, country: 'BR', tagId }));
    expect(view.counts).toMatchObject({ ready: 0, inTag: 40, landlines: 1 });
    const inTag = await ok(call, 'contacts:preflightRows', { preflightId: view.preflightId, status: 'in-tag', offset: 0, limit: 3 });
    expect(inTag).toMatchObject({ total: 40, rows: [{ line: 2 }, { line: 3 }, { line: 4 }] });

    sandbox.dropRepliesAfterCommit(null);
    const again = await ok(call, 'contacts:import', { preflightId: view.preflightId, target: { tagId }, includeLandlines: false });
    const done = await until(
      'the second import',
      async () => (await ok(call, 'jobs:list', undefined)).find((j) => j.id === again.id)!,
      (j) => j.state === 'done',
    );
    expect(done.summary).toMatchObject({ imported: 0, inTag: 40 });
    expect(sandbox.faultStats().writes).toBe(0);
    expect((await ok(call, 'contacts:tags', undefined))[0]).toMatchObject({ id: tagId, contacts: 40 });
    expect(await ok(call, 'contacts:imports', undefined)).toHaveLength(2);
  });
});
