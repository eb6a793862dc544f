import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, EXIT_FAILED, EXIT_OK } from '../../electron/cli';
import { createTokenStore, type SafeStorage } from '../../electron/main/session';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { captureIo, spawnCli } from '../fixtures/cli';
import packageJson from '../../package.json';

// `relay` as the installed app carries it: --version, the app's stored session when RELAY_* are unset (a
// scheduled task needs no password in its environment), and a log file in the profile's logs folder.

let sandbox: Sandbox;
let dataDir: string;
// Electron's safeStorage stand-in (the app's fallback when the OS keychain is absent); no keychain here.
const safeStorage: SafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
};
const noKeychain = async () => Promise.reject(new Error('no keychain on this machine'));

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual' });
  dataDir = await mkdtemp(join(tmpdir(), 'relay-cli-desktop-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('relay in the installed app', () => {
  it('--version prints the version alone', async () => {
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(EXIT_OK);
    expect(io.out()).toBe(`${packageJson.version}\n`);
  });

  it('uses the session the app stored when no RELAY_* variable is set, and says what to do when there is none', async () => {
    const io = captureIo({});
    const args = ['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir, '--json'];
    expect(await runCli(args, io, undefined, { safeStorage, keytarLoader: noKeychain })).toBe(EXIT_FAILED);
    expect(io.err()).toMatch(/sign in once in the Relay Desk app on this computer/);

    // What the app does at sign-in: the token into its store, the account in its record.
    const token = (await (
      await fetch(
        `${sandbox.baseUrl}gettoken?email=${encodeURIComponent(sandbox.demo.email)}&pass=${encodeURIComponent(sandbox.demo.password)}`,
      )
    ).json()) as { token: string };
    const saved = await createTokenStore({ dataDir, safeStorage, keytarLoader: noKeychain }).save(
      { email: sandbox.demo.email, server: sandbox.baseUrl },
      token.token,
    );
    expect(saved.backend).toBe('safeStorage');

    const again = captureIo({});
    expect(await runCli(args, again, undefined, { safeStorage, keytarLoader: noKeychain })).toBe(EXIT_OK);
    expect((JSON.parse(again.out()) as { devices: unknown[] }).devices).toHaveLength(3);
    // Another server is another account: the stored session is not sent there.
    const elsewhere = captureIo({});
    expect(
      await runCli(['devices', '--server', 'http://127.0.0.1:9/getdata/', '--data-dir', dataDir], elsewhere, undefined, {
        safeStorage,
        keytarLoader: noKeychain,
      }),
    ).toBe(EXIT_FAILED);
    expect(elsewhere.err()).toMatch(/sign in once/);
  }, 30_000);

  it("writes its log, without the token, to the profile's logs folder", async () => {
    const run = await spawnCli(['devices', '--server', sandbox.baseUrl, '--data-dir', dataDir], {
      RELAY_EMAIL: sandbox.demo.email,
      RELAY_PASSWORD: sandbox.demo.password,
    }).done;
    expect(run.code).toBe(0);
    const logFile = join(dataDir, 'logs', 'cli.log');
    expect(existsSync(logFile)).toBe(true);
    const text = readFileSync(logFile, 'utf8');
    expect(text).toMatch(/\(cli\) +gateway POST .*getalldevices/);
    expect(text).not.toContain(sandbox.demo.password);
    expect(text).not.toMatch(/token=(?!\[redacted\])[^&\s]+/);
  }, 30_000);
});
