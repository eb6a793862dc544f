import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../electron/main/gateway';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { createSessionService, SESSION_EXPIRED, type SessionService } from '../../electron/main/session/session';
import { createTokenStore } from '../../electron/main/session/token-store';
import { createSettingsService } from '../../electron/main/settings/settings-service';
import type { EmitEvent, PayloadOf } from '../../shared/ipc';
import { fakeKeytar, nextChange } from '../fixtures/session-doubles';

// The session service against the real gateway client talking HTTP to the real sandbox on 127.0.0.1.
// The keychain is a stand-in here (test/integration/keychain.test.ts covers the real one).

let sandbox: Sandbox;
let dataDir: string;
const keychain = fakeKeytar();
const opened: SessionService[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual' });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-session-it-'));
  keychain.entries.clear();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.dispose()));
  rmSync(dataDir, { recursive: true, force: true });
});

/** One app run over the shared data dir and keychain. */
function appRun() {
  const events: PayloadOf<'session:changed'>[] = [];
  const emit: EmitEvent = (event, payload) => {
    if (event === 'session:changed') events.push(payload as PayloadOf<'session:changed'>);
  };
  const settings = createSettingsService({ dir: dataDir });
  const session = createSessionService({
    settings,
    tokenStore: createTokenStore({ dataDir, safeStorage: null, keytarLoader: keychain.loader }),
    createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token, readRetries: 0 }),
    // The shared sandbox stands in for the built-in one; closing it is afterAll's job.
    startSandbox: async () => ({ baseUrl: sandbox.baseUrl, demo: sandbox.demo, close: async () => {} }),
    emit,
  });
  opened.push(session);
  return { session, settings, events };
}

describe('session service against the sandbox gateway', () => {
  it('shows "Login or password incorrect" for a wrong password', async () => {
    const { session } = appRun();
    await expect(
      session.signIn({ email: sandbox.demo.email, password: 'not the password', server: sandbox.baseUrl }),
    ).rejects.toMatchObject({
      code: 'wrong-credentials',
      message: 'Login or password incorrect',
    });
    expect(session.get().signedIn).toBe(false);
  });

  it('signs in, talks to the gateway with the token, and keeps the token out of settings', async () => {
    const { session, settings } = appRun();
    const state = await session.signIn({ ...sandbox.demo, server: sandbox.baseUrl });
    expect(state).toMatchObject({ signedIn: true, email: sandbox.demo.email, server: sandbox.baseUrl, keychainBackend: 'keytar' });
    expect((await session.client().getAllDevices()).length).toBeGreaterThan(0);

    expect(settings.get().serverUrl).toBe(sandbox.baseUrl);
    const [token] = [...keychain.entries.values()];
    expect(token).toMatch(/^[0-9a-f]{32}$/i);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).not.toContain(token);
  });

  it('restores from the stored token at the next start', async () => {
    await appRun().session.signIn({ ...sandbox.demo, server: sandbox.baseUrl });
    const { session } = appRun();
    expect(await session.restore()).toMatchObject({ signedIn: true, email: sandbox.demo.email });
    expect((await session.client().getAllDevices()).length).toBeGreaterThan(0);
  });

  it('signs out with a reason when the gateway invalidates the token', async () => {
    const { session, settings, events } = appRun();
    await session.signIn({ ...sandbox.demo, server: sandbox.baseUrl });
    settings.update({ devicePollSeconds: 120 });

    sandbox.invalidateTokens();
    const signedOut = nextChange(session);
    await expect(session.client().getAllDevices()).rejects.toMatchObject({ kind: 'invalid-token' });
    expect(await signedOut).toMatchObject({ signedIn: false });
    expect(events.at(-1)).toMatchObject({ signedIn: false, endedBecause: SESSION_EXPIRED });
    expect(keychain.entries.size).toBe(0);
    expect(settings.get()).toMatchObject({ serverUrl: sandbox.baseUrl, devicePollSeconds: 120 });

    // Signing in again works.
    expect(await session.signIn({ ...sandbox.demo, server: sandbox.baseUrl })).toMatchObject({ signedIn: true });
  });

  it('signs in to the built-in sandbox with its demo account', async () => {
    const { session } = appRun();
    expect(await session.trySandbox()).toMatchObject({ signedIn: true, sandbox: true, server: sandbox.baseUrl });
    expect((await session.client().getAllDevices()).length).toBeGreaterThan(0);
  });
});
