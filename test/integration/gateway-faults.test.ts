import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient, GatewayError } from '../../electron/main/gateway';
import type { GatewayClient, GatewayClientOptions } from '../../electron/main/gateway';

// The real client against a misbehaving node:http server on 127.0.0.1: timeouts, resets, HTML 500s,
// truncated JSON and error:1 replies. Timeouts are small so the suite stays fast.

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

interface Seen {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}
type Behaviour = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

const json =
  (value: unknown): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
const html500: Behaviour = (_req, res) => {
  res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
};
/** Answers 200 with JSON cut short but a well-formed HTTP message (content-length matches). */
const truncatedJson: Behaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":0,"sms_id":1,"status":');
};
/** Sends a TCP RST once the request has arrived. */
const reset: Behaviour = (req) => {
  req.socket.resetAndDestroy();
};
/** Never answers: the client's headers timeout fires. */
const hang: Behaviour = () => {};
/** Promises 200 bytes, sends 10, drops the connection. */
const cutMidBody: Behaviour = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
  res.write('{"error":0,', () => req.socket.destroy());
};

class FaultServer {
  readonly requests: Seen[] = [];
  private script: Behaviour[] = [json({ error: 0 })];
  private server: Server;
  /** Requests to this path are held until releaseHeld(); the rest are answered at once. */
  holdPath: string | null = null;
  private held: (() => void)[] = [];
  maxHeld = 0;
  private heldWaiters: { count: number; resolve: () => void }[] = [];

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        };
        const behaviour = this.script[Math.min(this.requests.length, this.script.length - 1)] ?? hang;
        this.requests.push(seen);
        if (seen.url !== this.holdPath) {
          behaviour(req, res, seen);
          return;
        }
        this.held.push(() => behaviour(req, res, seen));
        this.maxHeld = Math.max(this.maxHeld, this.held.length);
        for (const waiter of this.heldWaiters.filter((w) => this.held.length >= w.count)) {
          this.heldWaiters.splice(this.heldWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      });
    });
  }

  /** Resolves once `count` requests are held. */
  waitForHeld(count: number): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.heldWaiters.push({ count, resolve }));
  }

  /** Answers every held request; returns how many there were. */
  releaseHeld(): number {
    const answers = this.held.splice(0);
    for (const answer of answers) answer();
    return answers.length;
  }

  /** Each request takes the next behaviour; the last one repeats. */
  respond(...script: Behaviour[]): void {
    this.script = script;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/getdata/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  form(index: number): URLSearchParams {
    return new URLSearchParams(this.requests[index]?.body.toString('utf8'));
  }
}

let server: FaultServer;
let baseUrl: string;
let logs: string[];
let clients: GatewayClient[];

function client(options: GatewayClientOptions = {}): GatewayClient {
  const created = createGatewayClient({
    baseUrl,
    token: () => TOKEN,
    headersTimeoutMs: 300,
    bodyTimeoutMs: 300,
    connectTimeoutMs: 1_000,
    readRetries: 2,
    retryBaseDelayMs: 1,
    log: (line) => logs.push(line),
    ...options,
  });
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const statusOk = json({ error: 0, sms_id: 5, status: 7, status_description: 'delivered', message: 'Ok' });
const smsOk = json({ error: 0, sms_id: 62807347, message: 'Sms has been saved successfully' });

beforeEach(async () => {
  server = new FaultServer();
  baseUrl = await server.start();
  logs = [];
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

describe('reads recover by retrying transport failures', () => {
  const faults: [string, Behaviour][] = [
    ['slow headers (timeout)', hang],
    ['connection reset', reset],
    ['HTTP 500 with HTML', html500],
    ['truncated JSON', truncatedJson],
    ['connection dropped mid-body', cutMidBody],
  ];
  for (const [name, fault] of faults) {
    it(`${name}: fails twice, then answers`, async () => {
      server.respond(fault, fault, statusOk);
      await expect(client().getSmsStatus(5)).resolves.toEqual({ smsId: 5, status: 7, title: 'delivered' });
      expect(server.requests).toHaveLength(3);
    });
  }

  it('gives up after readRetries and reports the last failure', async () => {
    server.respond(html500);
    const err = await failure(client({ readRetries: 1 }).getAllDevices());
    expect(err.kind).toBe('bad-reply');
    expect(err.bodySnippet).toContain('500 Internal Server Error');
    expect(server.requests).toHaveLength(2);
  });

  it('a timeout that never recovers is reported as timeout', async () => {
    server.respond(hang);
    const err = await failure(client({ readRetries: 1 }).getDeviceStatus(1));
    expect(err.kind).toBe('timeout');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry error:1 replies', async () => {
    server.respond(json({ error: 1, message: 'Token is not valid' }));
    const expired = await failure(client().getAllSms());
    expect(expired.kind).toBe('maybe-invalid-token');
    expect(server.requests).toHaveLength(1);

    server.respond(json({ error: 1, message: 'Device not found' }));
    const refused = await failure(client().getDeviceStatus(9));
    expect([refused.kind, refused.message]).toEqual(['refused', 'The gateway refused the request: Device not found']);
    expect(server.requests).toHaveLength(2);
  });
});

describe('writes are never retried', () => {
  const send = (c: GatewayClient) => c.addSms({ sendTo: '+4917612345678', body: 'Hi', deviceId: 260 });

  it('slow headers after sending: unknown-outcome, one request', async () => {
    server.respond(hang, smsOk);
    const err = await failure(send(client()));
    expect(err.kind).toBe('unknown-outcome');
    expect(err.message).toContain('may or may not have been queued — check Messages before sending again');
    expect(server.requests).toHaveLength(1);
  });

  it('connection reset after sending: unknown-outcome, one request', async () => {
    server.respond(reset, smsOk);
    expect((await failure(send(client()))).kind).toBe('unknown-outcome');
    expect(server.requests).toHaveLength(1);
  });

  it('connection dropped mid-reply: unknown-outcome, one request', async () => {
    server.respond(cutMidBody, smsOk);
    expect((await failure(client().saveTag('VIP'))).kind).toBe('unknown-outcome');
    expect(server.requests).toHaveLength(1);
  });

  it('HTTP 500 with HTML: bad-reply that warns it may have been queued, one request', async () => {
    server.respond(html500, smsOk);
    const err = await failure(client().addManySms([{ sendTo: '+1', body: 'a', deviceId: 1 }]));
    expect([err.kind, err.httpStatus]).toEqual(['bad-reply', 500]);
    expect(err.message).toContain('may or may not have been queued');
    expect(server.requests).toHaveLength(1);
  });

  it('truncated JSON: bad-reply, one request', async () => {
    server.respond(truncatedJson, smsOk);
    expect((await failure(send(client()))).kind).toBe('bad-reply');
    expect(server.requests).toHaveLength(1);
  });

  it('error:1: refused with the gateway message, one request', async () => {
    server.respond(json({ error: 1, message: 'Device 260 is not yours' }), smsOk);
    const err = await failure(client().savePaket({ title: 'T', deviceId: 260, body: 'B', tagIds: [1] }));
    expect([err.kind, err.gatewayMessage]).toEqual(['refused', 'Device 260 is not yours']);
    expect(server.requests).toHaveLength(1);
  });

  it('no connection at all: network, saying nothing was sent', async () => {
    const closed = new FaultServer();
    const closedUrl = await closed.start();
    await closed.stop();
    const err = await failure(send(client({ baseUrl: closedUrl })));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('was not sent');
  });
});

describe('requests as the gateway expects them', () => {
  it('addsms: POST urlencoded to baseUrl + name, + sent as %2B, token only in the body', async () => {
    server.respond(smsOk);
    await expect(
      client({ serverTimeZone: 'Europe/Paris' }).addSms({
        sendTo: '+4917612345678',
        body: 'Hi there',
        deviceId: 260,
        sendAt: new Date('2024-03-05T07:08:09Z'),
        urgent: true,
      }),
    ).resolves.toEqual({ smsId: 62807347 });
    const [request] = server.requests;
    expect([request?.method, request?.url, request?.contentType]).toEqual(['POST', '/getdata/addsms', 'application/x-www-form-urlencoded']);
    expect(request?.body.toString()).toContain('sendto=%2B4917612345678');
    expect(Object.fromEntries(server.form(0))).toEqual({
      token: TOKEN,
      sendto: '+4917612345678',
      body: 'Hi there',
      device_id: '260',
      sim: '0',
      timetosend: '2024-03-05 08:08:09',
      urgent: '1',
    });
  });

  it('addsms with an image: multipart with the file and every field', async () => {
    server.respond(smsOk);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await client().addSms({
      sendTo: '+15551234',
      deviceId: 3,
      sim: 2,
      image: { data: png, fileName: 'logo.png', mimeType: 'image/png' },
    });
    const request = server.requests[0];
    expect(request?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(request?.body ?? []), {
      headers: { 'content-type': request?.contentType ?? '' },
    }).formData();
    expect([form.get('token'), form.get('sendto'), form.get('device_id'), form.get('sim')]).toEqual([TOKEN, '+15551234', '3', '2']);
    const file = form.get('file') as File;
    expect([file.name, file.type]).toEqual(['logo.png', 'image/png']);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
  });

  it('addalotofsms: a single datajson field', async () => {
    server.respond(json({ error: 0, message: 'Sms has been saved successfully' }));
    await client().addManySms([{ sendTo: '+1', body: 'a', deviceId: 1, customerId: 7 }]);
    expect([...server.form(0).keys()]).toEqual(['datajson']);
    expect(JSON.parse(server.form(0).get('datajson') ?? '')).toEqual({
      token: TOKEN,
      smsdata: [{ sendto: '+1', body: 'a', device_id: 1, sim: 0, customerid: 7 }],
    });
  });

  it('getallsms: id-keyed reply to a list; countSms sends onlycount=1', async () => {
    const created = { date: '2023-11-02 22:44:43.000000', timezone_type: 3, timezone: 'Europe/Paris' };
    server.respond(
      json({
        error: 0,
        count: 1,
        message: 'Ok',
        smss: {
          '10': {
            id: '10',
            sendto: '+1',
            body: 'x',
            customerid: null,
            status: 6,
            statustitle: 'sending',
            deviceid: 2,
            sim: 0,
            urgent: null,
            created,
            senttime: null,
            timetosend: null,
            paketid: null,
            pakettitle: null,
            paketbody: null,
          },
        },
      }),
      json({ error: 0, count: '42', message: 'Ok' }),
    );
    const c = client();
    const list = await c.getAllSms({ phone: '+33 6', newestFirst: true });
    expect(list.map((m) => [m.id, m.status, m.created.iso])).toEqual([[10, 6, '2023-11-02T21:44:43.000Z']]);
    expect(await c.countSms({ deviceId: 2 })).toBe(42);
    expect(server.form(0).get('phone')).toBe('+33 6');
    expect(server.form(1).get('onlycount')).toBe('1');
  });

  it('savecontact: tag_id and ctag_id both sent, with fullname', async () => {
    server.respond(json({ error: 0, contact_id: 15954765, message: 'ok' }));
    await expect(client().saveContact({ phone: '+1', tagId: 8303, name: 'Ana' })).resolves.toEqual({ contactId: 15954765 });
    expect(Object.fromEntries(server.form(0))).toMatchObject({ tag_id: '8303', ctag_id: '8303', fullname: 'Ana' });
  });

  it('getalldevices: the documented reply without an error field is accepted', async () => {
    server.respond(json({ count: 0, message: 'no devices', device: [] }));
    await expect(client().getAllDevices()).resolves.toEqual([]);
  });

  it('gettoken: error:1 is wrong-credentials', async () => {
    server.respond(json({ error: 1, message: 'Login or password incorrect' }));
    const err = await failure(client().getToken('a@b.c', 'secret-pass'));
    expect(err.kind).toBe('wrong-credentials');
    expect(server.requests).toHaveLength(1);
  });

  it('without a token, token calls fail as invalid-token and send nothing', async () => {
    const err = await failure(client({ token: () => null }).getAllSms());
    expect(err.kind).toBe('invalid-token');
    expect(server.requests).toHaveLength(0);
  });
});

describe('shared concurrency limit', () => {
  it('never has more than `concurrency` requests in flight, across callers', async () => {
    // One reply body that reads as both getsmsstatus and getdevicestatus.
    server.respond(
      json({ error: 0, sms_id: 5, status: 7, status_description: 'delivered', device_id: 1, online: true, diffseconds: 0, title: 'P' }),
    );
    server.holdPath = '/getdata/getsmsstatus';
    const limited = client({ concurrency: 2 });
    const probe = client();
    const calls = Promise.all([1, 2, 3, 4, 5].map((id) => limited.getSmsStatus(id)));
    for (let answered = 0; answered < 5;) {
      await server.waitForHeld(Math.min(2, 5 - answered));
      // A full round trip on another connection, so a request sent beyond the limit would have arrived by now.
      await probe.getDeviceStatus(1);
      answered += server.releaseHeld();
    }
    expect(await calls).toHaveLength(5);
    expect(server.maxHeld).toBe(2);
  });
});

describe('the token stays secret', () => {
  /** A server that echoes what it received, the token included, in every way a reply can. */
  const echoes: Behaviour[] = [
    (_req, res, seen) => res.writeHead(500, { 'content-type': 'text/html' }).end(`<pre>${seen.url} ${seen.body.toString()}</pre>`),
    (_req, res, seen) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"error":0,"echo":"${seen.body.toString()}`),
    (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 1, message: `Token ${TOKEN} is not valid` })),
    (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 1, message: `Bad request token=${TOKEN}` })),
    (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 0, sms_id: `x${TOKEN}` })),
    hang,
    reset,
  ];

  it('never appears in an error message, log line or logged URL', async () => {
    const errors: GatewayError[] = [];
    for (const echo of echoes) {
      server.respond(echo);
      const c = client({ readRetries: 1 });
      errors.push(await failure(c.getSmsStatus(1)));
      errors.push(await failure(c.addSms({ sendTo: '+1', body: 'b', deviceId: 1 })));
    }
    server.respond((_req, res, seen) => res.writeHead(502).end(`login failed for ${seen.body.toString()}`));
    errors.push(await failure(client().getToken('me@example.com', 'pa ss+word&1')));

    expect(errors.map((e) => e.kind)).toContain('unknown-outcome');
    expect(logs.length).toBeGreaterThan(errors.length);
    const texts = [...logs, ...errors.flatMap((e) => [e.message, e.toLogLine(), inspect(e), JSON.stringify(e), String(e.stack)])];
    for (const text of texts) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('pa ss+word&1');
      expect(text).not.toContain('pa+ss%2Bword%261');
    }
    // The snippet still helps: it shows what came back, with the secret replaced.
    expect(errors[0]?.bodySnippet).toContain('[redacted]');
  });
});

describe('close()', () => {
  it('refuses calls after closing', async () => {
    const c = client();
    await c.close();
    expect((await failure(c.getAllSms())).message).toMatch(/closed/);
    expect(server.requests).toHaveLength(0);
  });
});
