import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenStore, KEYCHAIN_SERVICE, keychainAccount, loadKeytar } from '../../electron/main/session/token-store';

// The real OS keychain through keytar. On Linux it needs a Secret Service on the session bus; CI runs
// the tests inside `dbus-run-session` with an unlocked gnome-keyring-daemon. Without a session bus the test
// fails in CI (CI is set) and is skipped elsewhere.

const NO_BUS =
  process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']
    ? 'No Secret Service reachable (DBUS_SESSION_BUS_ADDRESS is not set). Run inside ' +
      "`dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets; npx vitest run test/integration/keychain.test.ts'`."
    : null;

const account = { email: `keychain-test-${process.pid}@relay-desk.test`, server: 'http://127.0.0.1:1/getdata/' };
const token = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const dataDir = mkdtempSync(join(tmpdir(), 'relay-keychain-'));

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (!NO_BUS) await (await loadKeytar()).deletePassword(KEYCHAIN_SERVICE, keychainAccount(account)).catch(() => false);
});

if (NO_BUS && process.env['CI']) {
  describe('OS keychain', () => {
    it('is reachable in CI', () => {
      throw new Error(`CI must run this test with a keychain. ${NO_BUS}`);
    });
  });
} else {
  if (NO_BUS) console.warn(`Skipping the OS keychain test: ${NO_BUS}`);
  describe.skipIf(NO_BUS !== null)(`OS keychain${NO_BUS ? ` (skipped: ${NO_BUS})` : ''}`, () => {
    it('stores, reads and deletes a token through keytar', async () => {
      const keytar = await loadKeytar();
      const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: loadKeytar, log: (line) => console.warn(line) });

      const saved = await store.save(account, token);
      expect(saved.backend, 'the keychain refused the token: is a Secret Service running and unlocked?').toBe('keytar');
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, keychainAccount(account))).toBe(token);

      // A fresh store, as at the next start, finds it through the record.
      const nextRun = createTokenStore({ dataDir, safeStorage: null, keytarLoader: loadKeytar });
      const record = await nextRun.loadRecord();
      expect(record).toMatchObject({ ...account, backend: 'keytar' });
      expect(await nextRun.read(record!)).toBe(token);

      await nextRun.delete();
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, keychainAccount(account))).toBeNull();
      expect(await nextRun.loadRecord()).toBeNull();
    });
  });
}
