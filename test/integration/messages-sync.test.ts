import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../electron/main/db';
import type { Db } from '../../electron/main/db';
import { createGatewayClient } from '../../electron/main/gateway';
import type { GatewayClient } from '../../electron/main/gateway';
import { countMessages, getMessage, listMessages } from '../../electron/main/messages/query';
import { refreshUnfinished } from '../../electron/main/messages/refresh';
import { messageStore } from '../../electron/main/messages/store';
import { syncHistory } from '../../electron/main/messages/sync';
import type { SyncClient } from '../../electron/main/messages/sync';
import { startSandbox } from '../../electron/sandbox/index';
import type { Sandbox } from '../../electron/sandbox/index';

// The history mirror against the sandbox over real HTTP (and one small server of our own for a gateway
// answering in "+02:00").

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function sandboxWithClient(
  options: Parameters<typeof startSandbox>[0] = {},
): Promise<{ sandbox: Sandbox; client: GatewayClient; db: Db; now: () => number }> {
  const sandbox = await startSandbox({ clock: 'manual', seed: false, ...options });
  let token: string | null = null;
  const client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token, retryBaseDelayMs: 10 });
  token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
  const db = openMemoryDatabase();
  cleanup.push(async () => {
    db.close();
    await client.close();
    await sandbox.close();
  });
  return { sandbox, client, db, now: () => sandbox.now().getTime() };
}

/** Counts what the sync asks of the gateway, and the largest reply it had to read. */
function watched(client: SyncClient): SyncClient & { counts: number; reads: number; largest: number } {
  const spy = {
    counts: 0,
    reads: 0,
    largest: 0,
    countSms: (...args: Parameters<SyncClient['countSms']>) => {
      spy.counts += 1;
      return client.countSms(...args);
    },
    getAllSms: async (...args: Parameters<SyncClient['getAllSms']>) => {
      spy.reads += 1;
      const messages = await client.getAllSms(...args);
      spy.largest = Math.max(spy.largest, messages.length);
      return messages;
    },
  };
  return spy;
}

describe('history sync against the sandbox', () => {
  it('mirrors 10,000 messages exactly once, with their statuses, and a second sync reads only the last minutes', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient();
    const summary = sandbox.seedHistory({ count: 10_000, days: 30 });
    const spy = watched(client);
    const progress: number[] = [];
    const first = await syncHistory({
      db,
      client: spy,
      from: summary.from,
      now,
      maxPerWindow: 2_000,
      extendReach: true,
      onProgress: (p) => progress.push(p.messages),
    });

    expect(first.inserted).toBe(10_000);
    expect(countMessages(db, {})).toBe(10_000);
    for (const [status, n] of Object.entries(summary.statuses)) expect(countMessages(db, { statuses: [Number(status) as 7] })).toBe(n);
    expect(spy.largest).toBeLessThanOrEqual(2_000);
    expect(progress.at(-1)).toBe(10_000);
    // The bookkeeping stays a handful of rows, however many windows were read.
    expect(messageStore(db).windows().length).toBeLessThanOrEqual(4);
    expect(messageStore(db).state().reachFromMs).toBeLessThanOrEqual(summary.from.getTime());

    const again = watched(client);
    const second = await syncHistory({ db, client: again, from: summary.from, now });
    expect(second.inserted).toBe(0);
    expect(countMessages(db, {})).toBe(10_000);
    // Only the window still open (and the few unfinished ones of the last hour) were read again.
    expect(second.messages).toBeLessThan(1_000);
    expect(again.reads).toBeLessThanOrEqual(4);
  });

  it('picks up statuses that moved, incoming messages too, and says what changed', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient({ startAt: new Date('2024-06-10T08:00:00Z') });
    const deviceId = sandbox.addDevice({ title: 'Desk', pollIntervalSeconds: 10, sendDelaySeconds: 1 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.addSms({ sendTo: `+4477009000${i}`, body: `Hello ${i}`, deviceId })).smsId);
    const from = now() - DAY;

    await syncHistory({ db, client, from, now });
    expect(ids.map((id) => getMessage(db, id)?.status)).toEqual([1, 1, 1]);

    await sandbox.advance(5 * MIN);
    const incoming = sandbox.receiveSms({ deviceId, from: '+447700900111', body: 'Obrigado!' });
    await sandbox.advance(1_000);
    const result = await syncHistory({ db, client, from, now });
    const statuses = ids.map((id) => getMessage(db, id)!.status);
    expect(statuses.every((s) => s === 7 || s === 6)).toBe(true);
    expect(result.changes.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(result.changes.every((c) => c.from === 1)).toBe(true);
    expect(getMessage(db, incoming)).toMatchObject({ status: 5, body: 'Obrigado!' });
    expect(listMessages(db, { filter: { groups: ['incoming'] } }).total).toBe(1);
  });

  it("only the app's own sync widens the mirror's reach; another one (relay history, a refresh) reads without moving it", async () => {
    const { client, db, now } = await sandboxWithClient({ startAt: new Date('2024-06-10T08:00:00Z') });
    const store = messageStore(db);
    await syncHistory({ db, client, from: now() - 2 * DAY, now });
    expect(store.state().reachFromMs).toBeNull();
    await syncHistory({ db, client, from: now() - DAY, now, extendReach: true });
    expect(store.state().reachFromMs).toBe(now() - DAY);
    await syncHistory({ db, client, from: now() - 300 * DAY, now });
    expect(store.state().reachFromMs).toBe(now() - DAY);
    expect(store.state().lastSyncAt).toBe(now());
  });

  it('refreshes a handful one by one through getsmsstatus', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient({ startAt: new Date('2024-06-10T08:00:00Z') });
    const deviceId = sandbox.addDevice({ title: 'Desk', pollIntervalSeconds: 10, sendDelaySeconds: 1 });
    const id = (await client.addSms({ sendTo: '+447700900001', body: 'Hi', deviceId })).smsId;
    await syncHistory({ db, client, from: now() - HOUR, now });
    await sandbox.advance(5 * MIN);
    const refreshed = await refreshUnfinished({ db, client, now });
    expect(refreshed.plan).toEqual({ kind: 'status', ids: [id] });
    expect(refreshed.changes).toEqual([{ id, from: 1, to: getMessage(db, id)!.status }]);
    expect([6, 7]).toContain(getMessage(db, id)!.status);
  });

  it('splits a window that is too full until each reply fits', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient();
    const summary = sandbox.seedHistory({ count: 1_500, days: 2 });
    const spy = watched(client);
    const result = await syncHistory({ db, client: spy, from: summary.from, now, maxPerWindow: 100 });
    expect(result.splits).toBeGreaterThan(3);
    expect(spy.largest).toBeLessThanOrEqual(100);
    expect(spy.reads).toBeGreaterThanOrEqual(15);
    expect(countMessages(db, {})).toBe(1_500);
  });

  it('a window of one second holding more than the limit is read whole', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient({ startAt: new Date('2024-06-10T08:00:00Z') });
    const deviceId = sandbox.addDevice({ title: 'Desk' });
    await client.addManySms(
      Array.from({ length: 30 }, (_, i) => ({ sendTo: `+44770090${String(i).padStart(4, '0')}`, body: `Burst ${i}`, deviceId })),
    );
    const result = await syncHistory({ db, client, from: now() - 10 * MIN, now, maxPerWindow: 5 });
    expect(countMessages(db, {})).toBe(30);
    expect(result.inserted).toBe(30);
  });

  it('resumes after a cancel without reading again what was stored', async () => {
    const { sandbox, client, db, now } = await sandboxWithClient();
    const summary = sandbox.seedHistory({ count: 4_000, days: 10 });
    const controller = new AbortController();
    const spy = watched(client);
    const first = syncHistory({
      db,
      client: spy,
      from: summary.from,
      now,
      maxPerWindow: 500,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => p.windowsDone >= 3 && controller.abort(new Error('stop')),
    });
    await expect(first).rejects.toThrow('stop');
    const stored = countMessages(db, {});
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(4_000);

    const rest = await syncHistory({ db, client, from: summary.from, now, maxPerWindow: 500 });
    expect(countMessages(db, {})).toBe(4_000);
    expect(rest.inserted).toBe(4_000 - stored);
    expect(rest.messages).toBeLessThan(4_000);
  });
});

describe('reply zones land on the right instants', () => {
  it('Europe/Paris in summer (+02:00) from the sandbox', async () => {
    const startAt = new Date('2024-07-01T10:00:00Z');
    const { sandbox, client, db, now } = await sandboxWithClient({
      startAt,
      accounts: [{ email: 'paris@example.com', password: 'pw', timeZone: 'Europe/Paris' }],
    });
    const deviceId = sandbox.addDevice({ title: 'Desk', email: 'paris@example.com' });
    const { smsId } = await client.addSms({ sendTo: '+33612345678', body: 'Bonjour', deviceId });
    await syncHistory({ db, client, from: startAt.getTime() - HOUR, now });
    expect(getMessage(db, smsId)!.created).toEqual({ iso: '2024-07-01T10:00:00.000Z', zone: 'Europe/Paris' });
    // The date filter works on instants: [09:59:59Z, 10:00:01Z) holds it, whatever zone the reply used.
    expect(listMessages(db, { filter: { from: '2024-07-01T11:59:59+02:00', to: '2024-07-01T10:00:01Z' } }).total).toBe(1);
  });

  it('"+02:00" (timezone_type 1) from a small gateway of our own', async () => {
    // The 2021 service: replies in the account's fixed offset, naive begindate/enddate read as UTC.
    const rows = [
      { id: 501, at: '2021-08-01 14:00:00', utc: Date.UTC(2021, 7, 1, 12, 0, 0), status: 7 },
      { id: 502, at: '2021-08-02 01:30:00', utc: Date.UTC(2021, 7, 1, 23, 30, 0), status: 8 },
      { id: 503, at: '2021-08-02 02:00:00', utc: Date.UTC(2021, 7, 2, 0, 0, 0), status: 5 },
    ];
    const seen: string[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const p = new URLSearchParams(url.search || body);
        if (url.pathname.endsWith('/getallsms')) {
          const parse = (text: string | null): number | undefined => (text ? Date.parse(`${text.replace(' ', 'T')}Z`) : undefined);
          const from = parse(p.get('begindate'));
          const to = parse(p.get('enddate'));
          seen.push(`${p.get('begindate')}..${p.get('enddate')}`);
          const hits = rows.filter((r) => (from === undefined || r.utc >= from) && (to === undefined || r.utc <= to));
          const date = (text: string) => ({ date: `${text}.000000`, timezone_type: 1, timezone: '+02:00' });
          const smss = Object.fromEntries(
            hits.map((r) => [
              String(r.id),
              {
                id: r.id,
                sendto: '+4915752982212',
                body: `Row ${r.id}`,
                customerid: null,
                status: r.status,
                statustitle: 'x',
                deviceid: '77',
                sim: '0',
                urgent: null,
                created: date(r.at),
                senttime: null,
                timetosend: date(r.at),
                paketid: null,
                pakettitle: null,
                paketbody: null,
              },
            ]),
          );
          // PHP's content type, and no "error" field: both seen on the real service.
          res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
          res.end(
            JSON.stringify(
              p.get('onlycount') === '1'
                ? { count: hits.length, message: 'Ok' }
                : { count: hits.length, message: 'Ok', smss: hits.length ? smss : [] },
            ),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('{"error":1,"message":"unknown"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const client = createGatewayClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/getdata/`,
      token: () => 'a'.repeat(32),
    });
    cleanup.push(() => client.close());
    const db = openMemoryDatabase();

    const to = Date.UTC(2021, 7, 2, 0, 0, 0); // exclusive: row 503 (00:00:00Z) is outside
    await syncHistory({ db, client, from: Date.UTC(2021, 7, 1), to, now: () => Date.UTC(2021, 8, 1) });
    expect(seen.every((range) => /^2021-08-01 00:00:00\.\.2021-08-01 23:59:59$/.test(range))).toBe(true);
    expect(getMessage(db, 501)!.created).toEqual({ iso: '2021-08-01T12:00:00.000Z', zone: '+02:00' });
    expect(getMessage(db, 502)!.created.iso).toBe('2021-08-01T23:30:00.000Z');
    expect(getMessage(db, 503)).toBeNull();
    expect(
      listMessages(db, { filter: { to: '2021-08-02T00:00:00+00:00', from: '2021-08-02T01:00:00+02:00' } }).rows.map((m) => m.id),
    ).toEqual([502]);
  });
});
