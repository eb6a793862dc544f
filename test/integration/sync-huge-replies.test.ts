import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openMemoryDatabase } from '../../electron/main/db';
import { MAX_OVERSIZED_REPLIES, syncHistory } from '../../electron/main/messages/sync';
import { clientFor, startServer, type TestServer } from './gateway-server';

// A gateway whose getallsms replies are over the size cap for every window, however short: the sync splits a
// few times, then stops with a sentence — after a bounded number of requests and bytes, not thousands.

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('history sync against replies that never fit', () => {
  it('splits, then stops after a bounded number of requests with a sentence, keeping nothing half-written', async () => {
    const cap = 64 * 1024;
    let bytes = 0;
    server = await startServer((req, res, body) => {
      const form = new URLSearchParams(body || (req.url ?? '').split('?')[1] || '');
      if (form.get('onlycount') === '1') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 0, count: 10, message: 'Ok' }));
        return;
      }
      // Ten messages that weigh far over the cap (a broken gateway, or bodies full of junk).
      const huge = 'x'.repeat(cap);
      const smss: Record<string, unknown> = {};
      for (let i = 1; i <= 10; i++) smss[String(i)] = { id: i, sendto: '+5511999990000', body: huge, status: 7 };
      const text = JSON.stringify({ error: 0, count: 10, message: 'Ok', smss });
      bytes += text.length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
    const client = clientFor(server, [], { maxReplyBytes: cap });
    const db = openMemoryDatabase();
    try {
      const started = Date.now();
      const error = await syncHistory({ db, client, from: started - 30 * 86_400_000, to: started }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/replies stay too large to read .* The sync stopped after \d+ requests/);
      const getAll = server.forms.filter((f) => f.get('onlycount') !== '1' && !(server!.paths.at(-1) ?? '').includes('onlycount=1')).length;
      // Counts and reads together stay a handful; the bytes sent are bounded by the oversized replies allowed.
      expect(server.paths.length).toBeLessThan(60);
      expect(getAll).toBeGreaterThan(0);
      expect(bytes).toBeLessThan((MAX_OVERSIZED_REPLIES + 1 + 8) * 11 * cap);
      expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(0);
    } finally {
      closeDatabase(db);
      await client.close();
    }
  }, 30_000);
});
