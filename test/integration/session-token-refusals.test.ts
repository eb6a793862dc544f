import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../electron/main/gateway';
import { createSessionService, SESSION_EXPIRED, type SessionService } from '../../electron/main/session/session';
import { createTokenStore } from '../../electron/main/session/token-store';
import { createSettingsService } from '../../electron/main/settings/settings-service';
import { fakeKeytar } from '../fixtures/session-doubles';

// The session and the real gateway client against a small local server that answers like the real service
// (JSON under PHP's text/html) and refuses the token in the ways a user meets: a rate limit that names the
// token, a one-off "Token is not valid", a token that is really gone, and a sign-in that never answers.

type Refusal = { words: string; times: number } | null;

interface Gateway {
  baseUrl: string;
  refuse(words: string, times?: number): void;
  /** gettoken requests seen; `hangSignIn` makes them wait forever. */
  signIns: number;
  hangSignIn: boolean;
  /** Connections the server saw closed by the client while a gettoken was waiting. */
  abandonedSignIns: number;
  deviceReads: number;
  close(): Promise<void>;
}

const TOKEN = '0123456789abcdef0123456789abcdef';

async function startGateway(): Promise<Gateway> {
  let refusal: Refusal = null;
  const state = {
    signIns: 0,
    hangSignIn: false,
    abandonedSignIns: 0,
    deviceReads: 0,
  };
  const send = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const endpoint = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).at(-1);
    req.resume();
    req.on('end', () => {
      if (endpoint === 'gettoken') {
        state.signIns++;
        if (state.hangSignIn) {
          res.on('close', () => state.abandonedSignIns++);
          return; // never answers
        }
        return send(res, { error: 0, message: 'OK', token: TOKEN });
      }
      if (endpoint === 'getalldevices') state.deviceReads++;
      if (refusal && refusal.times > 0) {
        refusal.times--;
        return send(res, { error: 1, message: refusal.words });
      }
      if (endpoint === 'getalldevices') return send(res, { count: 0, message: 'OK', device: [] });
      return send(res, { error: 0, count: 0, message: 'Ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}/getdata/`,
    refuse(words: string, times = Infinity) {
      refusal = { words, times };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

let gateway: Gateway;
let dataDir: string;
const keychain = fakeKeytar();
const sessions: SessionService[] = [];

beforeEach(async () => {
  gateway = await startGateway();
  dataDir = mkdtempSync(join(tmpdir(), 'relay-refusals-'));
  keychain.entries.clear();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn() {
  const session = createSessionService({
    settings: createSettingsService({ dir: dataDir }),
    tokenStore: createTokenStore({ dataDir, safeStorage: null, keytarLoader: keychain.loader }),
    createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token, readRetries: 0 }),
    startSandbox: () => Promise.reject(new Error('not used')),
    emit: () => {},
  });
  sessions.push(session);
  await session.signIn({ email: 'ana@example.com', password: 'pw', server: gateway.baseUrl });
  return session;
}

describe('a refusal that names the token, from a server answering like the real one', () => {
  it('"Too many requests for this token" is shown, and the user stays signed in with the token kept', async () => {
    const session = await signedIn();
    gateway.refuse('Too many requests for this token');
    await expect(session.client().countSms({ deviceId: 1, status: 1 })).rejects.toMatchObject({
      message: expect.stringContaining('Too many requests for this token'),
    });
    expect(session.get().signedIn).toBe(true);
    expect(keychain.entries.size).toBe(1);
  });

  it('a one-off "Token is not valid" is checked with one read, found alive, and shown as a refusal', async () => {
    const session = await signedIn();
    gateway.refuse('Token is not valid', 1);
    const reads = gateway.deviceReads;
    await expect(session.client().countSms({ deviceId: 1, status: 1 })).rejects.toMatchObject({ kind: 'refused' });
    expect(gateway.deviceReads).toBe(reads + 1);
    expect(session.get().signedIn).toBe(true);
    await expect(session.client().getAllDevices()).resolves.toEqual([]);
  });

  it('a token the gateway keeps refusing ends the session, and the keychain entry goes', async () => {
    const session = await signedIn();
    gateway.refuse('Token is not valid');
    await expect(session.client().countSms({ deviceId: 1, status: 1 })).rejects.toMatchObject({ kind: 'invalid-token' });
    expect(session.get()).toMatchObject({ signedIn: false, endedBecause: SESSION_EXPIRED });
    expect(keychain.entries.size).toBe(0);
  });
});

describe('a sign-in the server never answers', () => {
  it('is cancelled at once, and the request is dropped', async () => {
    gateway.hangSignIn = true;
    const session = createSessionService({
      settings: createSettingsService({ dir: dataDir }),
      tokenStore: createTokenStore({ dataDir, safeStorage: null, keytarLoader: keychain.loader }),
      createClient: (baseUrl, token) => createGatewayClient({ baseUrl, token }),
      startSandbox: () => Promise.reject(new Error('not used')),
      emit: () => {},
    });
    sessions.push(session);
    const attempt = session.signIn({ email: 'ana@example.com', password: 'pw', server: gateway.baseUrl });
    await expect.poll(() => gateway.signIns).toBe(1);
    const started = Date.now();
    session.cancelSignIn();
    await expect(attempt).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect.poll(() => gateway.abandonedSignIns).toBe(1);
    expect(session.get().signedIn).toBe(false);
    expect(gateway.signIns).toBe(1); // never retried
  });
});
