import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSessionService,
  SANDBOX_NOT_RESTARTED,
  SESSION_EXPIRED,
  SESSION_UNREADABLE,
  type SandboxHandle,
  type SessionService,
} from '../../../electron/main/session/session';
import { createTokenStore, type SafeStorage } from '../../../electron/main/session/token-store';
import { createSettingsService } from '../../../electron/main/settings/settings-service';
import type { SessionState } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { EmitEvent, PayloadOf } from '../../../shared/ipc';
import { DEFAULT_SERVER_URL } from '../../../shared/settings';
import { fakeGateway, fakeKeytar, fakeSafeStorage, missingKeytar, nextChange } from '../../fixtures/session-doubles';

const SERVER = 'https://gw.example.com/getdata/';
const EMAIL = 'ana@example.com';
const PASSWORD = 'right password';
const DEMO = { email: 'demo@sandbox.local', password: 'demo-pass' };

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-session-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

type World = ReturnType<typeof world>;

/** The pieces that outlive an app run: the data dir, the keychain, the gateway and its tokens. */
function world(options: { keytar?: 'working' | 'missing'; safeStorage?: SafeStorage | null } = {}) {
  const keychain = fakeKeytar();
  const gateway = fakeGateway({ [EMAIL]: PASSWORD, [DEMO.email]: DEMO.password });
  const sandboxes: (SandboxHandle & { close: ReturnType<typeof vi.fn> })[] = [];
  const startSandbox = vi.fn(async () => {
    const box = { baseUrl: `http://127.0.0.1:${40000 + sandboxes.length}/getdata/`, demo: DEMO, close: vi.fn(async () => {}) };
    sandboxes.push(box);
    return box;
  });
  return {
    keychain,
    gateway,
    sandboxes,
    startSandbox,
    keytarLoader: options.keytar === 'missing' ? missingKeytar : keychain.loader,
    safeStorage: options.safeStorage === undefined ? fakeSafeStorage() : options.safeStorage,
  };
}

/** One app run: fresh services over the world's persistent pieces. */
function run(w: World) {
  const events: PayloadOf<'session:changed'>[] = [];
  const emit: EmitEvent = (event, payload) => {
    if (event === 'session:changed') events.push(payload as PayloadOf<'session:changed'>);
  };
  const settings = createSettingsService({ dir: dataDir });
  const tokenStore = createTokenStore({ dataDir, safeStorage: w.safeStorage, keytarLoader: w.keytarLoader });
  const session = createSessionService({ settings, tokenStore, createClient: w.gateway.createClient, startSandbox: w.startSandbox, emit });
  return { session, settings, events };
}

/** A no-op session call: session changes run in order, so this resolves after any already queued. */
const queueDrained = (session: SessionService) => session.answerStorage({ storeUnencrypted: false });

const everythingOnDisk = () =>
  readdirSync(dataDir)
    .map((f) => readFileSync(join(dataDir, f), 'utf8'))
    .join('\n');

describe('signing in', () => {
  it('signs in, stores the token in the keychain, remembers the server and tells the renderer', async () => {
    const w = world();
    const { session, settings, events } = run(w);

    const state = await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });

    const expected: SessionState = {
      signedIn: true,
      email: EMAIL,
      server: SERVER,
      keychainBackend: 'keytar',
      sandbox: false,
      storageConsentNeeded: false,
      endedBecause: null,
    };
    expect(state).toEqual(expected);
    expect(session.get()).toEqual(expected);
    expect(events).toEqual([expected]);
    expect(settings.get().serverUrl).toBe(SERVER);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });

  it('keeps the token and the password out of the settings file and every file in the data dir', async () => {
    for (const w of [world(), world({ keytar: 'missing' })]) {
      const { session } = run(w);
      await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
      const [token] = [...w.gateway.tokens];
      const settingsFile = readFileSync(join(dataDir, 'config.json'), 'utf8');
      expect(settingsFile).toContain(SERVER);
      expect(settingsFile).not.toContain(token);
      expect(everythingOnDisk()).not.toContain(token);
      expect(everythingOnDisk()).not.toContain(PASSWORD);
      await session.signOut();
    }
  });

  it("shows the gateway's own words for wrong credentials and stays signed out", async () => {
    const w = world();
    const { session, settings, events } = run(w);

    const attempt = session.signIn({ email: EMAIL, password: 'wrong', server: SERVER });
    await expect(attempt).rejects.toBeInstanceOf(AppFailure);
    await expect(attempt).rejects.toMatchObject({ code: 'wrong-credentials', message: 'Login or password incorrect' });

    expect(session.get().signedIn).toBe(false);
    expect(events).toEqual([]);
    expect(settings.get().serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(w.gateway.clients.every((c) => c.closed)).toBe(true);
  });

  it('refuses gateway calls while signed out', () => {
    const { session } = run(world());
    expect(() => session.client()).toThrow(expect.objectContaining({ code: 'not-signed-in' }));
  });

  it('a failed sign-in keeps the session that was already open', async () => {
    const { session } = run(world());
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    await expect(session.signIn({ email: EMAIL, password: 'wrong', server: SERVER })).rejects.toThrow();
    expect(session.get().signedIn).toBe(true);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });
});

describe('restoring at start', () => {
  it('uses the stored token silently, without asking the gateway for a new one', async () => {
    const w = world();
    await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    const tokensIssued = w.gateway.getTokenCalls();

    const { session } = run(w);
    const state = await session.restore();
    expect(state).toMatchObject({ signedIn: true, email: EMAIL, server: SERVER, keychainBackend: 'keytar' });
    expect(w.gateway.getTokenCalls()).toBe(tokensIssued);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });

  it('starts signed out when nobody signed in before', async () => {
    const { session, events } = run(world());
    expect(await session.restore()).toMatchObject({ signedIn: false });
    expect(events).toEqual([]);
  });

  it('asks to sign in again when the keychain lost the token', async () => {
    const w = world();
    await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.keychain.entries.clear();

    const { session, events } = run(w);
    expect(await session.restore()).toMatchObject({ signedIn: false });
    expect(events).toEqual([expect.objectContaining({ signedIn: false, endedBecause: SESSION_UNREADABLE })]);
  });

  it('asks to sign in again when the keychain stops answering', async () => {
    const w = world();
    await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.keychain.keytar.failing = true;

    const { session, events } = run(w);
    expect(await session.restore()).toMatchObject({ signedIn: false });
    expect(events.at(-1)?.endedBecause).toBe(SESSION_UNREADABLE);
  });

  it('restores a token kept by safeStorage, and asks again when it no longer decrypts', async () => {
    const safe = fakeSafeStorage();
    const w = world({ keytar: 'missing', safeStorage: safe });
    expect((await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER })).keychainBackend).toBe('safeStorage');

    expect(await run(w).session.restore()).toMatchObject({ signedIn: true, keychainBackend: 'safeStorage' });

    safe.broken = true;
    expect(await run(w).session.restore()).toMatchObject({ signedIn: false });
  });
});

describe('an expired token', () => {
  it('signs the user out with a reason, deletes the token and keeps the settings', async () => {
    const w = world();
    const { session, settings, events } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    settings.update({ devicePollSeconds: 90 });

    w.gateway.invalidateTokens();
    const signedOut = nextChange(session);
    await expect(session.client().getAllDevices()).rejects.toMatchObject({ kind: 'invalid-token' });

    expect(await signedOut).toMatchObject({ signedIn: false });
    expect(events.at(-1)).toEqual({ ...session.get(), endedBecause: SESSION_EXPIRED });
    // A window that loads after the event still learns why; the next sign-in clears it.
    expect(session.get().endedBecause).toBe(SESSION_EXPIRED);
    expect(w.keychain.entries.size).toBe(0);
    expect(() => session.client()).toThrow(expect.objectContaining({ code: 'not-signed-in' }));
    expect(settings.get()).toMatchObject({ serverUrl: SERVER, devicePollSeconds: 90 });
    // Nothing to restore at the next start.
    expect(await run(w).session.restore()).toMatchObject({ signedIn: false });
  });

  it('signs out once when several calls fail together', async () => {
    const w = world();
    const { session, events } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.gateway.invalidateTokens();
    const client = session.client();
    const signedOut = nextChange(session);
    await Promise.allSettled([client.getAllDevices(), client.countSms(), client.getAllDevices()]);
    await signedOut;
    await queueDrained(session);
    expect(events.filter((e) => e.endedBecause === SESSION_EXPIRED)).toHaveLength(1);
  });

  it('a late failure from a previous session does not sign out the new one', async () => {
    const w = world();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    const oldClient = session.client();
    w.gateway.invalidateTokens();
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });

    await expect(oldClient.getAllDevices()).rejects.toMatchObject({ kind: expect.stringMatching(/invalid-token$/) });
    await queueDrained(session);
    expect(session.get().signedIn).toBe(true);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });

  it('onInvalidToken() signs out like a failed call, once a read confirms the token is gone', async () => {
    const w = world();
    const { session, events } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.gateway.invalidateTokens();
    const signedOut = nextChange(session);
    session.onInvalidToken();
    expect(await signedOut).toMatchObject({ signedIn: false });
    expect(events.at(-1)?.endedBecause).toBe(SESSION_EXPIRED);
  });

  it('onInvalidToken() keeps a session whose token still works', async () => {
    const w = world();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    const reads = w.gateway.deviceReads();
    session.onInvalidToken();
    await vi.waitFor(() => expect(w.gateway.deviceReads()).toBe(reads + 1));
    await queueDrained(session);
    expect(session.get().signedIn).toBe(true);
    expect(w.keychain.entries.size).toBe(1);
  });
});

describe('a refusal that mentions the token', () => {
  it('a rate limit is shown as a refusal, checked with one read for calls failing together, and the user stays signed in', async () => {
    const w = world();
    const { session, events } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    const client = session.client();
    const reads = w.gateway.deviceReads();
    w.gateway.refuseWith('Too many requests for this token');

    const results = await Promise.allSettled([client.getAllDevices(), client.countSms(), client.countSms()]);
    for (const result of results) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: {
          kind: 'refused',
          gatewayMessage: 'Too many requests for this token',
          message: expect.stringContaining('Too many requests'),
        },
      });
    }
    // One confirming read, besides the failing getAllDevices itself.
    expect(w.gateway.deviceReads()).toBe(reads + 2);
    await queueDrained(session);
    expect(session.get().signedIn).toBe(true);
    expect(events.some((e) => e.endedBecause === SESSION_EXPIRED)).toBe(false);
    expect(w.keychain.entries.size).toBe(1);

    w.gateway.refuseWith(null);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });

  it('a token refusal that a second read does not confirm keeps the session', async () => {
    const w = world();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.gateway.refuseWith('Token is not valid', 1);
    await expect(session.client().countSms()).rejects.toMatchObject({ kind: 'refused' });
    await queueDrained(session);
    expect(session.get().signedIn).toBe(true);
    expect(w.keychain.entries.size).toBe(1);
  });

  it('a token refusal the read confirms signs out and deletes the token', async () => {
    const w = world();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.gateway.refuseWith('Token is not valid');
    await expect(session.client().countSms()).rejects.toMatchObject({ kind: 'invalid-token' });
    expect(session.get()).toMatchObject({ signedIn: false, endedBecause: SESSION_EXPIRED });
    expect(w.keychain.entries.size).toBe(0);
  });
});

describe('the stored session', () => {
  it('a corrupt session record tells the user why they must sign in again, and is cleaned up', async () => {
    const w = world();
    await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    writeFileSync(join(dataDir, 'session.json'), '{"email": "ana@exa');

    const { session, events } = run(w);
    expect(await session.restore()).toMatchObject({ signedIn: false, endedBecause: SESSION_UNREADABLE });
    expect(events).toEqual([expect.objectContaining({ signedIn: false, endedBecause: SESSION_UNREADABLE })]);
    expect(readdirSync(dataDir)).not.toContain('session.json');
    // The token it pointed to is not left behind in the keychain.
    expect(w.keychain.entries.size).toBe(0);
  });

  it('sign-out deletes every keychain entry the app wrote, earlier accounts included', async () => {
    const w = world();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    // An entry from an earlier version or account that the record no longer points to.
    await w.keychain.keytar.setPassword('Relay Desk', `old@example.com at ${SERVER}`, 'b'.repeat(32));
    await w.keychain.keytar.setPassword('Another App', 'someone', 'theirs');
    await session.signOut();
    expect([...w.keychain.entries.keys()]).toEqual(['Another App|someone']);
  });

  it('a keychain that never answers does not hold the restore past its deadline', async () => {
    const w = world();
    await run(w).session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    w.keychain.hang();
    const settings = createSettingsService({ dir: dataDir });
    // The store's own keychain timeout is longer than the restore deadline here.
    const tokenStore = createTokenStore({ dataDir, safeStorage: w.safeStorage, keytarLoader: w.keytarLoader, keychainTimeoutMs: 60_000 });
    const session = createSessionService({
      settings,
      tokenStore,
      createClient: w.gateway.createClient,
      startSandbox: w.startSandbox,
      emit: () => {},
      restoreDeadlineMs: 50,
    });

    const started = Date.now();
    expect(await session.restore()).toMatchObject({ signedIn: false, endedBecause: SESSION_UNREADABLE });
    expect(Date.now() - started).toBeLessThan(2_000);
    // The late answer is not used: the user asked to sign in stays signed out until they do.
    w.keychain.answer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.get().signedIn).toBe(false);
    expect(await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER })).toMatchObject({ signedIn: true });
  });
});

describe('signing in, carefully', () => {
  it('refuses a plain-http server off this computer before sending the password, and says why', async () => {
    const w = world();
    const { session } = run(w);
    await expect(session.signIn({ email: EMAIL, password: PASSWORD, server: 'http://gw.example.com/getdata/' })).rejects.toMatchObject({
      code: 'validation',
      field: 'server',
      message: expect.stringMatching(/https:\/\/.*read by anyone on the network/),
    });
    expect(w.gateway.clients).toHaveLength(0);
    expect(await session.signIn({ email: EMAIL, password: PASSWORD, server: 'http://127.0.0.1:9/getdata/' })).toMatchObject({
      signedIn: true,
    });
  });

  it('cancelSignIn() abandons a sign-in the gateway does not answer, and closes its connection', async () => {
    const w = world();
    const { session, events } = run(w);
    const release = w.gateway.holdSignIn();
    const attempt = session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    await vi.waitFor(() => expect(w.gateway.clients).toHaveLength(1));
    session.cancelSignIn();
    await expect(attempt).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    expect(w.gateway.clients[0]?.closed).toBe(true);
    expect(session.get().signedIn).toBe(false);
    expect(events).toEqual([]);
    release();
    // The form works again at once: nothing is left holding the session queue.
    expect(await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER })).toMatchObject({ signedIn: true });
    expect(w.keychain.entries.size).toBe(1);
  });

  it('an AbortSignal cancels a sign-in the same way', async () => {
    const w = world();
    const { session } = run(w);
    const release = w.gateway.holdSignIn();
    const controller = new AbortController();
    const attempt = session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER }, controller.signal);
    await vi.waitFor(() => expect(w.gateway.clients).toHaveLength(1));
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.get().signedIn).toBe(false);
    expect(w.keychain.entries.size).toBe(0);
  });
});

describe('signing out', () => {
  it('deletes the token, closes the client and stops handing out the token', async () => {
    const w = world();
    const { session, events } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    const [used] = w.gateway.clients.slice(-1);

    expect(await session.signOut()).toMatchObject({ signedIn: false });
    expect(events.at(-1)).toMatchObject({ signedIn: false, endedBecause: null });
    expect(w.keychain.entries.size).toBe(0);
    expect(used?.closed).toBe(true);
    expect(used?.token()).toBeNull();
    expect(await run(w).session.restore()).toMatchObject({ signedIn: false });
  });
});

describe('when the OS offers no real encryption (safeStorage basic_text)', () => {
  const basicText = () => world({ keytar: 'missing', safeStorage: fakeSafeStorage('basic_text') });

  it('asks first, and stores the token once the user agrees', async () => {
    const w = basicText();
    const { session } = run(w);
    expect(await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER })).toMatchObject({
      signedIn: true,
      keychainBackend: 'memory',
      storageConsentNeeded: true,
    });
    expect(await session.answerStorage({ storeUnencrypted: true })).toMatchObject({
      keychainBackend: 'safeStorage',
      storageConsentNeeded: false,
    });
    expect(await run(w).session.restore()).toMatchObject({ signedIn: true, keychainBackend: 'safeStorage' });
  });

  it('keeps the token for this run only when the user declines', async () => {
    const w = basicText();
    const { session } = run(w);
    await session.signIn({ email: EMAIL, password: PASSWORD, server: SERVER });
    expect(await session.answerStorage({ storeUnencrypted: false })).toMatchObject({
      signedIn: true,
      keychainBackend: 'memory',
      storageConsentNeeded: false,
    });
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
    expect(readdirSync(dataDir)).toEqual(['config.json']);
    expect(await run(w).session.restore()).toMatchObject({ signedIn: false });
  });
});

describe('the sandbox', () => {
  it('starts the sandbox once, signs in to its demo account and leaves the saved server alone', async () => {
    const w = world();
    const { session, settings } = run(w);

    expect(await session.trySandbox()).toMatchObject({ signedIn: true, sandbox: true, email: DEMO.email, server: w.sandboxes[0]?.baseUrl });
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
    expect(settings.get().serverUrl).toBe(DEFAULT_SERVER_URL);
    expect(w.keychain.entries.size).toBe(0);

    await session.signOut();
    await session.trySandbox();
    expect(w.startSandbox).toHaveBeenCalledTimes(1);

    await session.dispose();
    expect(w.sandboxes[0]?.close).toHaveBeenCalledTimes(1);
  });

  it('after a restart, starts a new sandbox and signs in to it afresh', async () => {
    const w = world();
    await run(w).session.trySandbox();
    const before = w.gateway.getTokenCalls();

    const { session } = run(w);
    const state = await session.restore();
    expect(w.startSandbox).toHaveBeenCalledTimes(2);
    expect(state).toMatchObject({ signedIn: true, sandbox: true, server: w.sandboxes[1]?.baseUrl });
    expect(w.gateway.getTokenCalls()).toBe(before + 1);
  });

  it('reports a sandbox that will not start, and tries again next time', async () => {
    const w = world();
    w.startSandbox.mockRejectedValueOnce(new Error('EADDRINUSE'));
    const { session } = run(w);
    await expect(session.trySandbox()).rejects.toMatchObject({ code: 'internal' });
    expect(session.get().signedIn).toBe(false);
    expect(await session.trySandbox()).toMatchObject({ signedIn: true, sandbox: true });
  });

  it('at start, asks to sign in when the sandbox cannot be started again', async () => {
    const w = world();
    await run(w).session.trySandbox();
    w.startSandbox.mockRejectedValueOnce(new Error('EADDRINUSE'));
    const { session, events } = run(w);
    expect(await session.restore()).toMatchObject({ signedIn: false });
    expect(events.at(-1)?.endedBecause).toBe(SANDBOX_NOT_RESTARTED);
  });
});
