import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabaseFile } from '../../electron/main/db';
import type { Db } from '../../electron/main/db';
import { GatewayError } from '../../electron/main/gateway';
import { syncHistory } from '../../electron/main/messages/sync';
import { clientFor, startServer, type TestServer } from './gateway-server';

// A big sync reads its replies on a mirror thread of its own, with a client made from the window thread's
// options (messages/sync.ts, readOnThread): what the gateway does wrong must reach the sync as it does when
// the window's thread reads — a reply too large splits its window, a lost session stops the sync as signed
// out, and what the client logs about odd rows reaches the app's log.

let server: TestServer | null = null;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  await server?.stop();
  server = null;
  for (const step of cleanup.splice(0)) step();
});

function fileDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'relay-sync-threads-'));
  const db = openDatabaseFile(join(dir, 'mirror.sqlite'));
  cleanup.push(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

const DAY = 86_400_000;
const ok = (body: unknown): string => JSON.stringify({ error: 0, message: 'Ok', ...(body as object) });
/** A gateway date, as PHP writes one. */
const phpDate = (ms: number) => ({
  date: `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}.000000`,
  timezone_type: 3,
  timezone: 'UTC',
});

describe('a big sync read on the mirror threads', () => {
  it('splits a window whose reply is too large, then stops with the sentence the window thread gives', async () => {
    const cap = 64 * 1024;
    server = await startServer((_req, res, body) => {
      const form = new URLSearchParams(body);
      if (form.get('onlycount') === '1') return void res.writeHead(200).end(ok({ count: 10 }));
      const smss: Record<string, unknown> = {};
      for (let i = 1; i <= 10; i++) smss[String(i)] = { id: i, sendto: '+5511999990000', body: 'x'.repeat(cap), status: 7 };
      res.writeHead(200).end(ok({ count: 10, smss }));
    });
    const client = clientFor(server, [], { maxReplyBytes: cap });
    const db = fileDb();
    const now = Date.now();
    const error = await syncHistory({ db, client, from: now - 30 * DAY, to: now, threadFrom: 0 }).catch((e: unknown) => e as Error);
    await client.close();
    expect((error as Error).message).toMatch(/replies stay too large to read .* The sync stopped after \d+ requests/);
    // Split and read again rather than failing at once: the too-large error came back as one.
    expect(server.forms.filter((f) => f.get('onlycount') !== '1').length).toBeGreaterThan(3);
    expect(server.paths.length).toBeLessThan(60);
    expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(0);
  }, 30_000);

  it('stops when the gateway refuses the token half-way, as the window thread would, keeping what it stored', async () => {
    const now = Date.now();
    let reads = 0;
    server = await startServer((_req, res, body) => {
      const form = new URLSearchParams(body);
      if (form.get('onlycount') === '1') return void res.writeHead(200).end(ok({ count: 3 }));
      if (++reads > 1) return void res.writeHead(200).end(JSON.stringify({ error: 1, message: 'Token is not valid' }));
      const from = Date.parse(`${form.get('begindate')!.replace(' ', 'T')}Z`);
      const smss: Record<string, unknown> = {};
      for (let i = 0; i < 3; i++) {
        const id = Math.floor(from / 1000) + i;
        smss[String(id)] = { id, sendto: '+5511999990000', body: 'oi', status: 7, created: phpDate(from + i * 1000), deviceid: 1, sim: 1 };
      }
      res.writeHead(200).end(ok({ count: 3, smss }));
    });
    const client = clientFor(server, []);
    const db = fileDb();
    const error = await syncHistory({ db, client, from: now - 20 * DAY, to: now, threadFrom: 0, concurrency: 1 }).catch(
      (e: unknown) => e as Error,
    );
    await client.close();
    // The session asks once more and signs out on this kind (session/): it must come back as the same error.
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('maybe-invalid-token');
    expect((error as GatewayError).gatewayMessage).toBe('Token is not valid');
    expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(3);
  }, 30_000);

  it("brings what the thread's client logged back to the app's log", async () => {
    const now = Date.now();
    server = await startServer((_req, res, body) => {
      const form = new URLSearchParams(body);
      if (form.get('onlycount') === '1') return void res.writeHead(200).end(ok({ count: 2 }));
      const from = Date.parse(`${form.get('begindate')!.replace(' ', 'T')}Z`);
      const id = Math.floor(from / 1000);
      res.writeHead(200).end(
        ok({
          count: 2,
          smss: {
            [id]: { id, sendto: '+5511999990000', body: 'oi', status: 7, created: phpDate(from), deviceid: 1, sim: 1 },
            [id + 1]: { id: id + 1, sendto: '+5511999990000', body: 'oi', status: 99, created: phpDate(from + 1000), deviceid: 1, sim: 1 },
          },
        }),
      );
    });
    const logs: string[] = [];
    const client = clientFor(server, logs);
    const db = fileDb();
    const result = await syncHistory({ db, client, from: now - 3 * DAY, to: now, threadFrom: 0 });
    await client.close();
    expect(result.wroteOn).toBe('thread');
    expect(result.inserted).toBeGreaterThan(1);
    expect(logs.some((line) => /has unknown status 99/.test(line))).toBe(true);
  }, 30_000);
});
