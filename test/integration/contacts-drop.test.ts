import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/main/services';
import { createRouter } from '../../electron/main/router';
import type { InputOf, InvokeChannel, OutputOf } from '../../shared/ipc';
import type { Result } from '../../shared/errors';
import { startSandbox } from '../../electron/sandbox';

// A CSV dropped on the window reaches main as bytes and is read exactly like a chosen file; the name the
// renderer sends is only a label, never a path main would open.

let services: Services;
let dataDir: string;
/** Through the router, as the window calls: the contract's input checks apply. */
const call = <C extends InvokeChannel>(channel: C, input: InputOf<C>) =>
  createRouter(services.handlers).handle(channel, input) as Promise<Result<OutputOf<C>>>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relay-drop-'));
  services = await createServices({
    appInfo: { name: 'Relay Desk', version: 'test', platform: process.platform, locale: 'pt-BR' },
    dataDir,
    notify: () => {},
    safeStorage: null,
    startSandbox: () => startSandbox({ clock: 'manual' }),
    emit: () => {},
    log: () => {},
  });
  const signedIn = await call('session:trySandbox', undefined);
  expect(signedIn.ok).toBe(true);
});
afterAll(async () => {
  await services.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('contacts:dropFile', () => {
  it('reads a dropped file like a chosen one', async () => {
    const csv = 'Nome;Celular\nAna;(11) 98765-0000\nBia;11 98765-0001\nCaio;123\n';
    const dropped = await call('contacts:dropFile', { name: '../../etc/clientes.csv', data: Buffer.from(csv).toString('base64') });
    expect(dropped).toMatchObject({ ok: true, value: { name: 'clientes.csv', size: Buffer.byteLength(csv) } });
    if (!dropped.ok) return;
    const preflight = await call('contacts:preflight', { fileId: dropped.value.fileId });
    expect(preflight.ok).toBe(true);
    if (!preflight.ok || !preflight.value.ok) throw new Error('preflight failed');
    let view: OutputOf<'contacts:preflight'> = preflight.value;
    for (let i = 0; i < 100 && view.ok && view.state === 'reading'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      const status: Result<OutputOf<'contacts:preflightStatus'>> = await call('contacts:preflightStatus', {
        preflightId: view.preflightId,
      });
      if (status.ok) view = status.value;
    }
    expect(view).toMatchObject({ ok: true, state: 'complete', counts: { rows: 3, ready: 2, invalid: 1 } });
  });

  it('refuses an empty drop and one over the size limit before reading anything', async () => {
    expect(await call('contacts:dropFile', { name: 'x.csv', data: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const tooBig = 'A'.repeat(Math.ceil((100 * 1024 * 1024) / 3) * 4 + 4);
    expect(await call('contacts:dropFile', { name: 'x.csv', data: tooBig })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'data' },
    });
  });
});
