import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { toAppFailure } from '../../electron/main/gateway';
import type { GatewayClient, GatewayClientOptions } from '../../electron/main/gateway';
import { clientFor, failure, phpJson, startServer } from './gateway-server';
import type { Handler, TestServer } from './gateway-server';

// Never hang, never balloon: whole-call deadlines against a trickling server, size caps against huge replies
// (with and without content-length), gettoken's single short attempt, the caller's AbortSignal, close() in
// the middle of a reply, and the gateway clock read from the Date header. Limits are small so this runs fast;
// time bounds in the assertions are generous because the machine is shared.

let server: TestServer;
let logs: string[];
const clients: GatewayClient[] = [];
const timers: NodeJS.Timeout[] = [];

async function serve(handle: Handler, options: GatewayClientOptions = {}): Promise<GatewayClient> {
  server = await startServer(handle);
  logs = [];
  const client = clientFor(server, logs, options);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.stop();
});

/** Headers at once, then one byte every `everyMs`: each gap is well inside any per-chunk timeout. */
const trickle =
  (everyMs: number): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    timers.push(timer);
    res.on('close', () => clearInterval(timer));
  };

const hang: Handler = () => {};

/** Writes `chunk` as fast as the client reads, until the connection closes; counts what it sent. */
function flood(res: ServerResponse, chunk: Buffer, sent: { bytes: number; closed: boolean }): void {
  res.on('close', () => (sent.closed = true));
  const pump = (): void => {
    while (!res.destroyed) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

describe('a whole-call deadline', () => {
  it('a reply trickling one byte every 5 s fails as timeout within the deadline, retries included', async () => {
    const client = await serve(trickle(5_000), { requestTimeoutMs: 700 });
    const { result: err, ms } = await timed(failure(client.getAllDevices()));
    expect(err.kind).toBe('timeout');
    expect(ms).toBeLessThan(3_000);
    expect(server.paths).toHaveLength(1);
  });

  it('a trickling reply to a write ends within the deadline as unknown-outcome, sent once', async () => {
    const client = await serve(trickle(5_000), { requestTimeoutMs: 700 });
    const { result: err, ms } = await timed(failure(client.addSms({ sendTo: '+1555', body: 'Hi', deviceId: 1 })));
    expect(err.kind).toBe('unknown-outcome');
    expect(err.message).toContain('may or may not have been queued');
    expect(ms).toBeLessThan(3_000);
    expect(server.paths).toHaveLength(1);
  });

  it('a write has its own, shorter deadline than reads (within a graceful stop’s wait)', async () => {
    const client = await serve(trickle(5_000), { requestTimeoutMs: 60_000, writeTimeoutMs: 700 });
    const { result: err, ms } = await timed(failure(client.saveContact({ phone: '+15550001', tagId: 1 })));
    expect(err.kind).toBe('unknown-outcome');
    expect(ms).toBeLessThan(3_000);
  });
});

describe('replies are size-capped while streaming', () => {
  const MB = 1024 * 1024;

  it('a declared content-length over the cap fails at once, is not retried, and says so', async () => {
    const sent = { bytes: 0, closed: false };
    const client = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * MB) });
        flood(res, Buffer.alloc(64 * 1024, 0x20), sent);
      },
      { maxReplyBytes: MB },
    );
    const err = await failure(client.getAllSms());
    expect([err.kind, err.limitBytes, toAppFailure(err).code]).toEqual(['too-large', MB, 'bad-reply']);
    expect(err.problem).toContain('content-length');
    expect(err.message).toContain('too large');
    expect(server.paths).toHaveLength(1);
    await expect.poll(() => sent.closed).toBe(true);
    expect(sent.bytes).toBeLessThan(50 * MB);
  });

  it('a chunked reply with no content-length is cut as soon as it passes the cap', async () => {
    const sent = { bytes: 0, closed: false };
    const client = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('{"error":0,"smss":{');
        flood(res, Buffer.from(`"1":${JSON.stringify({ id: 1, body: 'x'.repeat(1000) })},`.repeat(60)), sent);
      },
      { maxReplyBytes: 2 * MB },
    );
    const before = process.memoryUsage().rss;
    const err = await failure(client.getAllSms());
    expect([err.kind, err.problem]).toEqual(['too-large', `body went over the cap of ${2 * MB} bytes`]);
    expect(server.paths).toHaveLength(1);
    await expect.poll(() => sent.closed).toBe(true);
    // What the server managed to push before the client hung up: the socket buffers, not 300 MB.
    expect(sent.bytes).toBeLessThan(50 * MB);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('a reply under the cap is read in full', async () => {
    const rows = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        String(i + 1),
        {
          id: i + 1,
          sendto: '+1',
          body: 'y'.repeat(500),
          status: 7,
          deviceid: 1,
          created: { date: '2024-01-01 10:00:00', timezone_type: 3, timezone: 'UTC' },
        },
      ]),
    );
    const client = await serve(phpJson({ error: 0, count: 200, smss: rows }), { maxReplyBytes: 200_000 });
    await expect(client.getAllSms()).resolves.toHaveLength(200);
  });
});

describe('gettoken', () => {
  it('is never retried, not even after a 502 page (a password sent three times can trip a lockout)', async () => {
    const client = await serve((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>'),
    );
    expect((await failure(client.getToken('me@example.com', 'secret'))).kind).toBe('bad-reply');
    expect(server.paths).toEqual(['/getdata/gettoken']);
  });

  it('has its own short deadline', async () => {
    const client = await serve(hang, { signInTimeoutMs: 400, requestTimeoutMs: 60_000 });
    const { result: err, ms } = await timed(failure(client.getToken('me@example.com', 'secret')));
    expect(err.kind).toBe('timeout');
    expect(ms).toBeLessThan(3_000);
    expect(server.paths).toHaveLength(1);
  });

  it("is cancelled by the sign-in form's signal, at once", async () => {
    const client = await serve(hang);
    const cancel = new AbortController();
    const pending = failure(client.getToken('me@example.com', 'secret', { signal: cancel.signal }));
    await expect.poll(() => server.paths.length).toBe(1);
    const started = Date.now();
    cancel.abort();
    const err = await pending;
    expect([err.kind, err.message]).toEqual(['cancelled', 'The request was cancelled.']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("the caller's AbortSignal", () => {
  it('a read in flight ends as cancelled and is not retried', async () => {
    const client = await serve(hang);
    const stop = new AbortController();
    const pending = failure(client.getAllDevices({ signal: stop.signal }));
    await expect.poll(() => server.paths.length).toBe(1);
    stop.abort();
    expect((await pending).kind).toBe('cancelled');
    expect(server.paths).toHaveLength(1);
  });

  it('a write already sent ends as unknown-outcome; one still queued is cancelled and never leaves', async () => {
    const client = await serve(hang, { concurrency: 1 });
    const stop = new AbortController();
    const first = failure(client.addSms({ sendTo: '+1', body: 'a', deviceId: 1 }, { signal: stop.signal }));
    const second = failure(client.addSms({ sendTo: '+2', body: 'b', deviceId: 1 }, { signal: stop.signal }));
    await expect.poll(() => server.paths.length).toBe(1);
    stop.abort();
    expect([(await first).kind, (await second).kind]).toEqual(['unknown-outcome', 'cancelled']);
    expect(server.forms.map((f) => f.get('sendto'))).toEqual(['+1']);
  });

  it('an already aborted signal sends nothing', async () => {
    const client = await serve(phpJson({ error: 0, tag_id: 1 }));
    expect((await failure(client.saveTag('VIP', { signal: AbortSignal.abort() }))).kind).toBe('cancelled');
    expect(server.paths).toHaveLength(0);
  });
});

describe('close()', () => {
  it('ends a call in the middle of a trickling reply at once and destroys the pool', async () => {
    const client = await serve(trickle(1_000));
    const pending = failure(client.getAllSms());
    await expect.poll(() => server.paths.length).toBe(1);
    const started = Date.now();
    await client.close();
    const err = await pending;
    expect([err.kind, err.causeCode]).toEqual(['network', 'CLIENT_CLOSED']);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await failure(client.getAllDevices())).causeCode).toBe('CLIENT_CLOSED');
    expect(server.paths).toHaveLength(1);
  });
});

describe("the gateway's clock", () => {
  it('is read from the Date header: a gateway 10 minutes ahead gives an offset of ~+600 s', async () => {
    const aheadMs = 10 * 60_000;
    const client = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', date: new Date(Date.now() + aheadMs).toUTCString() });
      res.end(JSON.stringify({ error: 0, device_id: 1, online: true, diffseconds: 3, title: 'P' }));
    });
    expect(client.clockOffsetMs()).toBeNull();
    for (let i = 0; i < 3; i++) await client.getDeviceStatus(1);
    const offset = client.clockOffsetMs();
    expect(offset).not.toBeNull();
    expect(Math.abs((offset ?? 0) - aheadMs)).toBeLessThan(1_500);
  });

  it('stays null when replies carry no usable Date header', async () => {
    const client = await serve((_req, res) => {
      res.sendDate = false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(JSON.stringify({ error: 0, tag_id: 4 }));
    });
    await client.saveTag('VIP');
    expect(client.clockOffsetMs()).toBeNull();
  });
});
