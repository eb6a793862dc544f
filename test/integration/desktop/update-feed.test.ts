import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ElectronUpdater from 'electron-updater';
import { createUpdateController, releaseNotesText, type UpdateInfo } from '../../../electron/main/desktop/updates';

// The real electron-updater reading a generic feed (latest-linux.yml on a local static server), driven by the
// app's update decisions: a newer version is found with its notes, the restart waits for running jobs, a feed
// that is down gives a sentence on a manual check. Electron's own pieces (app, net) are replaced by plain ones.
const require = createRequire(import.meta.url);
const { AppImageUpdater } = require('electron-updater') as typeof ElectronUpdater;
const { NodeHttpExecutor } = require('builder-util/out/nodeHttpExecutor') as { NodeHttpExecutor: new () => unknown };

const LATEST = `version: 1.1.0
files:
  - url: Relay-Desk-1.1.0.AppImage
    sha512: ${'a'.repeat(86)}==
    size: 1234
path: Relay-Desk-1.1.0.AppImage
sha512: ${'a'.repeat(86)}==
releaseDate: '2026-12-01T10:00:00.000Z'
releaseNotes: '<ul><li>Dark theme</li><li>Faster imports</li></ul>'
`;

describe('the update feed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-updates-'));
  let server: Server;
  let feed: string;
  let up = true;
  const requests: string[] = [];

  const appImage = process.env['APPIMAGE'];
  beforeAll(async () => {
    // electron-updater's AppImage updater only runs inside an AppImage, which it knows by this variable.
    process.env['APPIMAGE'] = join(dir, 'Relay-Desk.AppImage');
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (up && req.url?.startsWith('/relay/latest-linux.yml')) res.writeHead(200, { 'content-type': 'text/yaml' }).end(LATEST);
      else res.writeHead(up ? 404 : 503).end('no');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay/`;
    writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feed}\nupdaterCacheDirName: relay-desk-updater\n`);
  });
  afterAll(async () => {
    if (appImage === undefined) delete process.env['APPIMAGE'];
    else process.env['APPIMAGE'] = appImage;
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  function updater(version: string) {
    const app = {
      version,
      name: 'Relay Desk',
      isPackaged: true,
      appUpdateConfigPath: join(dir, 'app-update.yml'),
      userDataPath: dir,
      baseCachePath: dir,
      whenReady: async () => {},
      relaunch: () => {},
      quit: () => {},
      onQuit: () => {},
    };
    const u = new AppImageUpdater(undefined, app);
    (u as unknown as { httpExecutor: unknown }).httpExecutor = new NodeHttpExecutor();
    u.autoDownload = false; // the download itself (an AppImage) is electron-updater's own business
    u.logger = null;
    return u;
  }

  function controller(version: string, jobsBusy: () => boolean) {
    const u = updater(version);
    const offers: UpdateInfo[] = [];
    const told: unknown[] = [];
    const install = vi.fn();
    const c = createUpdateController({
      port: {
        check: async () => {
          const result = await u.checkForUpdates();
          if (result?.isUpdateAvailable)
            await c.downloaded({ version: result.updateInfo.version, notes: releaseNotesText(result.updateInfo.releaseNotes) });
          return result?.updateInfo.version ?? null;
        },
        install,
      },
      currentVersion: version,
      enabled: () => true,
      jobsBusy: async () => jobsBusy(),
      offer: async (info) => (offers.push(info), true),
      tell: (result) => void told.push(result),
      timers: { setTimeout: () => null, clearTimeout: () => {} },
      log: () => {},
    });
    return { c, offers, told, install };
  }

  it('finds a newer version in latest-linux.yml and offers it with its notes when no job runs', async () => {
    const { c, offers, install } = controller('1.0.0', () => false);
    await c.checkNow();
    expect(requests.some((r) => r.startsWith('/relay/latest-linux.yml'))).toBe(true);
    expect(offers).toEqual([{ version: '1.1.0', notes: '• Dark theme\n• Faster imports' }]);
    expect(install).toHaveBeenCalledOnce();
  });

  it('waits while a campaign runs, and says so on a manual check', async () => {
    let busy = true;
    const { c, offers, told } = controller('1.0.0', () => busy);
    await c.checkNow();
    expect(offers).toEqual([]);
    expect(told).toEqual([{ kind: 'waiting-for-jobs' }]);
    busy = false;
    await c.jobsChanged();
    expect(offers).toHaveLength(1);
  });

  it('says the app is up to date when the feed has the same version', async () => {
    const { c, offers, told } = controller('1.1.0', () => false);
    await c.checkNow();
    expect(offers).toEqual([]);
    expect(told).toEqual([{ kind: 'up-to-date', version: '1.1.0' }]);
  });

  it('a feed that is down gives a sentence on a manual check', async () => {
    up = false;
    try {
      const { c, told } = controller('1.0.0', () => false);
      await c.checkNow();
      expect(told).toEqual([{ kind: 'failed', reason: expect.stringMatching(/503/) }]);
    } finally {
      up = true;
    }
  });
});
