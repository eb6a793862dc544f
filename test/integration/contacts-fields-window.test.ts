import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/main/services';
import { startSandbox } from '../../electron/sandbox';
import type { InputOf, InvokeChannel, PreflightView } from '../../shared/ipc';
import { ok as okFrom, until as untilWithin, windowOver, type WindowCall } from './window';

// Fields kept from an import as the window drives it (the channels through the router, the real services,
// the sandbox over HTTP): the other columns offered with samples, the ticked ones kept per contact, the mapping
// remembered with every phone and name column and the fields kept, the fields edited, exported, and offered to a
// campaign to the tag as placeholders with their headers and the empty ones counted.

let services: Services;
let work: string;
let picked: string;

const call: WindowCall = (channel, input) => windowOver(services)(channel, input);
const ok = <C extends InvokeChannel>(channel: C, input: InputOf<C>) => okFrom(call, channel, input);
const until = <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) => untilWithin(what, read, done, 30_000);
async function preflight(input: InputOf<'contacts:preflight'>): Promise<Extract<PreflightView, { ok: true }>> {
  const view = await ok('contacts:preflight', input);
  if (!view.ok) throw new Error(view.problem.message);
  const final = await until(
    'the preflight',
    () => ok('contacts:preflightStatus', { preflightId: view.preflightId }),
    (v) => !v.ok || v.state !== 'reading',
  );
  if (!final.ok || final.state !== 'complete') throw new Error(`preflight ended ${JSON.stringify(final)}`);
  return final;
}

// An export with two phone columns (the mobile one second), a name in two parts, a city (one empty), a birthday
// and an empty notes column.
const CSV = [
  'First Name,Last Name,Home Phone,Mobile Phone,City,Birthday,Notes',
  'Ana,Souza,(11) 3333-0001,(11) 98765-2001,Recife,12/04,',
  'Bruno,Lima,,(11) 98765-2002,,30/05,',
  'Carla,Dias,(11) 3333-0003,(11) 98765-2003,Natal,,',
].join('\r\n');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'relay-fields-window-'));
  picked = join(work, 'contacts.csv');
  await writeFile(picked, CSV);
  services = await createServices({
    appInfo: { name: 'Relay Desk', version: 'test', platform: process.platform, locale: 'en-US' },
    dataDir: join(work, 'data'),
    notify: () => {},
    safeStorage: null,
    pickFile: async () => picked,
    saveFile: async ({ defaultName }) => join(work, `saved ${defaultName}`),
    startSandbox: async () => startSandbox({ clock: 'manual' }),
    emit: () => {},
    log: () => {},
  });
  await ok('session:trySandbox', undefined);
}, 30_000);
afterAll(async () => {
  await services?.dispose();
  await rm(work, { recursive: true, force: true });
});

describe('fields kept through the window', () => {
  let tagId: number;

  it('offers the other columns with a sample, keeps the ticked ones per contact, and remembers the whole mapping', async () => {
    const file = (await ok('contacts:pickFile', undefined))!;
    const view = await preflight({ fileId: file.fileId, country: 'BR' });
    expect(view.file.mapping).toMatchObject({ phones: [3, 2], names: [0, 1] });
    expect(view.file.fields).toEqual([
      { column: 4, header: 'City', key: 'city', sample: 'Recife', keep: true },
      { column: 5, header: 'Birthday', key: 'birthday', sample: '12/04', keep: true },
      { column: 6, header: 'Notes', key: 'notes', sample: '', keep: false },
    ]);
    // The user keeps the city only.
    const job = await ok('contacts:import', {
      preflightId: view.preflightId,
      target: { newTag: 'Clientes' },
      includeLandlines: false,
      keepFields: [4],
    });
    const done = await until(
      'the import',
      () => ok('jobs:list', undefined),
      (jobs) => jobs.some((j) => j.id === job.id && j.state === 'done'),
    );
    tagId = (done.find((j) => j.id === job.id)!.summary as { tagId: number }).tagId;

    const list = await ok('contacts:list', { tagId, offset: 0, limit: 10 });
    expect(list.fields).toEqual([{ key: 'city', header: 'City' }]);
    expect(Object.fromEntries(list.rows.map((r) => [r.name, r.fields ?? null]))).toEqual({
      'Ana Souza': { city: 'Recife' },
      'Bruno Lima': null,
      'Carla Dias': { city: 'Natal' },
    });

    // The same kind of file again: both phone columns and both name parts come back, and only the city is ticked.
    const again = await preflight({ fileId: file.fileId, country: 'BR' });
    expect(again.file.mappingSource.phone).toBe('remembered');
    expect(again.file.mapping).toMatchObject({ phones: [3, 2], names: [0, 1] });
    expect(again.file.fields!.map((f) => [f.header, f.keep])).toEqual([
      ['City', true],
      ['Birthday', false],
      ['Notes', false],
    ]);
    await ok('contacts:closePreflight', { preflightId: again.preflightId });
  }, 60_000);

  it('edits a contact’s field, exports the tag with it, and offers {city} to a campaign with its header and the empty ones counted', async () => {
    const bruno = (await ok('contacts:list', { tagId, search: 'Bruno', offset: 0, limit: 1 })).rows[0]!;
    const edited = await ok('contacts:updateContact', { tagId, phone: bruno.phone, name: 'Bruno Lima', fields: { city: 'Olinda' } });
    expect(edited.fields).toEqual({ city: 'Olinda' });
    const carla = (await ok('contacts:list', { tagId, search: 'Carla', offset: 0, limit: 1 })).rows[0]!;
    await ok('contacts:updateContact', { tagId, phone: carla.phone, name: 'Carla Dias', fields: { city: '' } }); // emptied: removed

    const saved = await ok('contacts:exportTag', { tagId });
    expect(saved).toMatchObject({ saved: true, rows: 3 });
    const csv = (await readFile(join(work, saved.name!), 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n').slice(0, 4).sort()).toEqual(
      [
        'Ana Souza,+5511987652001,no,Recife',
        'Bruno Lima,+5511987652002,no,Olinda',
        'Carla Dias,+5511987652003,no,',
        'Name,Phone,Opted out,City',
      ].sort(),
    );

    const snapshot = await ok('devices:snapshot', undefined);
    const deviceId = snapshot.devices[0]!.device.id;
    const preview = await ok('campaigns:preview', {
      source: { kind: 'tag', tagId },
      body: 'Oi {name}, de {city}?',
      phones: [{ deviceId, sim: 0 }],
    });
    expect(preview.problems).toEqual([]);
    expect(preview.columns).toEqual(['name', 'phone', 'city']);
    expect(preview.columnLabels).toEqual({ city: 'City' });
    expect(preview.rowsWithBlanks).toBe(1);
    expect(preview.blanksByPlaceholder).toEqual({ city: 1 });
    expect(preview.blankRows).toEqual([{ phone: carla.phone, name: 'Carla Dias', blanks: ['city'] }]);
    expect(preview.rows.map((r) => r.body).sort()).toEqual([
      'Oi Ana Souza, de Recife?',
      'Oi Bruno Lima, de Olinda?',
      'Oi Carla Dias, de ?',
    ]);
  }, 60_000);
});
