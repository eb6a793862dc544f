import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenStore, KEYCHAIN_SERVICE } from '../../../electron/main/session/token-store';
import { fakeKeytar, fakeSafeStorage, missingKeytar } from '../../fixtures/session-doubles';

const TOKEN = '0123456789abcdef0123456789abcdef';
const ACCOUNT = { email: 'ana@example.com', server: 'https://smsgateway24.com/getdata/' };
const KEYCHAIN_KEY = `${KEYCHAIN_SERVICE}|ana@example.com at https://smsgateway24.com/getdata/`;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-tokens-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every byte written to the data dir, to prove the token is not in it in the clear. */
const everythingOnDisk = () =>
  readdirSync(dataDir)
    .map((f) => readFileSync(join(dataDir, f), 'utf8'))
    .join('\n');

describe('token store with a working keychain', () => {
  it('keeps the token in the keychain under "Relay Desk" / "<email> at <server>" and records only where it is', async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: kc.loader });

    expect(await store.save(ACCOUNT, TOKEN)).toEqual({ backend: 'keytar', consentNeeded: false });
    expect(kc.entries.get(KEYCHAIN_KEY)).toBe(TOKEN);
    expect(everythingOnDisk()).not.toContain(TOKEN);

    // The next start: a new store reads the record, then the token from the keychain.
    const nextRun = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: kc.loader });
    const record = await nextRun.loadRecord();
    expect(record).toEqual({ ...ACCOUNT, sandbox: false, backend: 'keytar' });
    expect(await nextRun.read(record!)).toBe(TOKEN);
  });

  it('delete removes the token from the keychain and forgets the session', async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: kc.loader });
    await store.save(ACCOUNT, TOKEN);
    await store.delete();
    expect(kc.entries.size).toBe(0);
    expect(await store.loadRecord()).toBeNull();
  });

  it("a new sign-in removes the previous account's token", async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: kc.loader });
    await store.save(ACCOUNT, TOKEN);
    await store.save({ email: 'bia@example.com', server: ACCOUNT.server }, 'f'.repeat(32));
    expect([...kc.entries.keys()]).toEqual([`${KEYCHAIN_SERVICE}|bia@example.com at ${ACCOUNT.server}`]);
  });

  it('asks to sign in again when the keychain later loses or refuses the token', async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: kc.loader });
    await store.save(ACCOUNT, TOKEN);
    const record = (await store.loadRecord())!;

    kc.entries.clear();
    expect(await store.read(record)).toBeNull();

    kc.keytar.failing = true;
    expect(await store.read(record)).toBeNull();

    const keytarGone = createTokenStore({ dataDir, safeStorage: null, keytarLoader: missingKeytar });
    expect(await keytarGone.read(record)).toBeNull();
  });
});

describe('token store without a usable keychain', () => {
  it('falls back to safeStorage in a file in the data dir when keytar cannot load', async () => {
    const safe = fakeSafeStorage();
    const store = createTokenStore({ dataDir, safeStorage: safe, keytarLoader: missingKeytar });

    expect(await store.save(ACCOUNT, TOKEN)).toEqual({ backend: 'safeStorage', consentNeeded: false });
    expect(everythingOnDisk()).not.toContain(TOKEN);
    const record = (await store.loadRecord())!;
    expect(record.backend).toBe('safeStorage');
    expect(await createTokenStore({ dataDir, safeStorage: safe, keytarLoader: missingKeytar }).read(record)).toBe(TOKEN);

    await store.delete();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('falls back to safeStorage when the keychain rejects (no Secret Service), and stops asking it this run', async () => {
    const kc = fakeKeytar({ failing: true });
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: kc.loader });
    expect((await store.save(ACCOUNT, TOKEN)).backend).toBe('safeStorage');
    expect(kc.calls).toEqual(['set']);
    await store.save(ACCOUNT, TOKEN);
    expect(kc.calls).toEqual(['set']);
  });

  it('treats a keychain that never answers as failed', async () => {
    vi.useFakeTimers();
    const hanging = { ...fakeKeytar().keytar, setPassword: () => new Promise<void>(() => {}) };
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: async () => hanging, keychainTimeoutMs: 5000 });
    const saving = store.save(ACCOUNT, TOKEN);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await saving).backend).toBe('safeStorage');
  });

  it('asks to sign in again when safeStorage can no longer decrypt the file', async () => {
    const safe = fakeSafeStorage();
    const store = createTokenStore({ dataDir, safeStorage: safe, keytarLoader: missingKeytar });
    await store.save(ACCOUNT, TOKEN);
    const record = (await store.loadRecord())!;
    safe.broken = true;
    expect(await store.read(record)).toBeNull();
    expect(await createTokenStore({ dataDir, safeStorage: null, keytarLoader: missingKeytar }).read(record)).toBeNull();
  });

  it('keeps the token in memory only (nothing on disk) when neither keychain nor safeStorage works', async () => {
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: missingKeytar });
    expect(await store.save(ACCOUNT, TOKEN)).toEqual({ backend: 'memory', consentNeeded: false });
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('token store with safeStorage basic_text (no real encryption)', () => {
  it('asks for consent and stores nothing until it has it', async () => {
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage('basic_text'), keytarLoader: missingKeytar });
    expect(await store.save(ACCOUNT, TOKEN)).toEqual({ backend: 'memory', consentNeeded: true });
    expect(readdirSync(dataDir)).toEqual([]);
    expect(await store.loadRecord()).toBeNull();
  });

  it('stores it with consent, readable at the next start', async () => {
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage('basic_text'), keytarLoader: missingKeytar });
    expect(await store.save(ACCOUNT, TOKEN, { storeUnencrypted: true })).toEqual({ backend: 'safeStorage', consentNeeded: false });
    const record = (await store.loadRecord())!;
    expect(await store.read(record)).toBe(TOKEN);
  });
});

describe('token store records', () => {
  it('records a sandbox session without storing its token anywhere', async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: kc.loader });
    const sandbox = { email: 'demo@sandbox.local', server: 'http://127.0.0.1:4010/getdata/', sandbox: true };
    expect(await store.save(sandbox, TOKEN)).toEqual({ backend: 'memory', consentNeeded: false });
    expect(kc.entries.size).toBe(0);
    expect(everythingOnDisk()).not.toContain(TOKEN);
    expect(await store.loadRecord()).toEqual({ email: sandbox.email, server: sandbox.server, sandbox: true, backend: 'memory' });
  });

  it('ignores a damaged record file', async () => {
    writeFileSync(join(dataDir, 'session.json'), '{"email": 3');
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: missingKeytar });
    expect(await store.loadRecord()).toBeNull();
    await store.delete();
    expect(existsSync(join(dataDir, 'session.json'))).toBe(false);
  });
});

describe('a keychain that answers too late', () => {
  it('a token the keychain stores after the timeout is deleted, and the store falls back to safeStorage', async () => {
    const kc = fakeKeytar();
    kc.hang();
    const store = createTokenStore({ dataDir, safeStorage: fakeSafeStorage(), keytarLoader: kc.loader, keychainTimeoutMs: 20 });

    expect(await store.save(ACCOUNT, TOKEN)).toEqual({ backend: 'safeStorage', consentNeeded: false });
    kc.answer(); // the keychain finally writes the token nobody is waiting for
    await vi.waitFor(() => expect(kc.calls.filter((c) => c === 'delete').length).toBeGreaterThan(0));
    await vi.waitFor(() => expect(kc.entries.has(KEYCHAIN_KEY)).toBe(false));
    expect(await store.loadRecord()).toMatchObject({ backend: 'safeStorage' });
  });
});

describe('a session record that cannot be read', () => {
  it('is reported as corrupt (not as "nobody signed in"), and delete removes it with the keychain entry', async () => {
    const kc = fakeKeytar();
    const store = createTokenStore({ dataDir, safeStorage: null, keytarLoader: kc.loader });
    await store.save(ACCOUNT, TOKEN);
    writeFileSync(join(dataDir, 'session.json'), '{"email": 1}');

    const nextRun = createTokenStore({ dataDir, safeStorage: null, keytarLoader: kc.loader });
    expect(await nextRun.inspectRecord()).toBe('corrupt');
    expect(await nextRun.loadRecord()).toBeNull();
    await nextRun.delete();
    expect(await nextRun.inspectRecord()).toBeNull();
    expect(kc.entries.size).toBe(0);
  });
});
