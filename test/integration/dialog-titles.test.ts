import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../electron/main/router';
import { createServices, type Services } from '../../electron/main/services';
import { startSandbox, type Sandbox } from '../../electron/sandbox';

// The OS file dialogs main opens are titled in the app's language: main passes the translated words to the
// platform's pickFile / saveFile (Electron's dialog), whichever capability opens them.

let work: string;
let services: Services;
let sandbox: Sandbox | null = null;
const titles: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'relay-dialog-titles-'));
  services = await createServices({
    appInfo: { name: 'Relay Desk', version: 'test', platform: process.platform, locale: 'en-US' },
    dataDir: join(work, 'data'),
    notify: () => {},
    safeStorage: null,
    // Cancelled dialogs: only their titles matter here.
    pickFile: async ({ title }) => (titles.push(title), null),
    saveFile: async ({ title }) => (titles.push(title), null),
    startSandbox: async () => (sandbox = await startSandbox({ clock: 'manual' })),
    emit: () => {},
    log: () => {},
  });
  const router = createRouter(services.handlers);
  await router.handle('session:trySandbox', undefined);
}, 30_000);
afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  await rm(work, { recursive: true, force: true });
});

describe('file dialog titles', () => {
  const openAll = async () => {
    const router = createRouter(services.handlers);
    titles.length = 0;
    for (const channel of ['contacts:pickFile', 'campaigns:pickFile', 'sending:pickImage', 'messages:export'] as const) {
      const result = await router.handle(channel, channel === 'messages:export' ? {} : undefined);
      expect(result, channel).toMatchObject({ ok: true });
    }
    return [...titles];
  };

  it('are in English for an English user', async () => {
    await createRouter(services.handlers).handle('settings:update', { language: 'en' });
    expect(await openAll()).toEqual([
      'Choose a file of contacts',
      'Choose the recipients (CSV)',
      'Choose an image',
      expect.stringMatching(/^[A-Z]/),
    ]);
  });

  it('are in Portuguese once Settings say pt-BR', async () => {
    await createRouter(services.handlers).handle('settings:update', { language: 'pt-BR' });
    const shown = await openAll();
    expect(shown.slice(0, 3)).toEqual(['Escolha um arquivo de contatos', 'Escolha os destinatários (CSV)', 'Escolha uma imagem']);
    expect(shown[3]).not.toBe((await openAllIn('en'))[3]);
  });

  async function openAllIn(language: 'en' | 'pt-BR') {
    await createRouter(services.handlers).handle('settings:update', { language });
    return openAll();
  }
});
