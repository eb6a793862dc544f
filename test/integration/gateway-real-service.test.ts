import { afterEach, describe, expect, it } from 'vitest';
import { toAppFailure } from '../../electron/main/gateway';
import type { GatewayClient, GatewayClientOptions } from '../../electron/main/gateway';
import { clientFor, failure, phpJson, startServer } from './gateway-server';
import type { Handler, TestServer } from './gateway-server';

// The client against a server that answers the way the real service does, not the way the sandbox used to:
// JSON as text/html, dates in the account's zone in all three PHP forms, envelopes without `error`, `[]` for
// empty maps, ids as strings, and odd rows. Per the service's own clients and the seed examples.

let server: TestServer;
let logs: string[];
const clients: GatewayClient[] = [];

async function serve(handle: Handler, options: GatewayClientOptions = {}): Promise<GatewayClient> {
  server = await startServer(handle);
  logs = [];
  const client = clientFor(server, logs, options);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.stop();
});

const at = (date: string, timezone_type: number, timezone: string) => ({ date: `${date}.000000`, timezone_type, timezone });

const smsRow = (id: unknown, created: unknown, over: Record<string, unknown> = {}) => ({
  id,
  sendto: '+4915752982212',
  body: 'Hi',
  customerid: null,
  status: '2',
  statustitle: 'sending',
  deviceid: '260',
  sim: '0',
  urgent: null,
  created,
  senttime: null,
  timetosend: null,
  paketid: null,
  pakettitle: null,
  paketbody: null,
  ...over,
});

/** The seed's getalldevices example: no `error`, ids as keys, the odd forms. */
const seedDevices = {
  count: 2,
  message: 'OK',
  device: {
    '260': {
      id: '260',
      title: 'Office',
      number: null,
      imei: 'null',
      created: at('2021-05-01 10:00:00', 3, 'Europe/Paris'),
      lastseen: at('2023-11-02 22:44:43', 3, 'Europe/Paris'),
      lastseenhumanformat: '02.11.2023 22:44:43',
      serialnumber: 'SN-1',
      siminfo: [{ Slot: '0', IccId: '8949', Number: ' +4915752982212', Roaming: '0', CountryIso: 'de', CarrierName: 'O2' }],
      appversion: '3.1',
      isappversionactual: true,
      delaybetweeneachsms: null,
      delaybetweenrequest: '30',
      subscription: false,
    },
    '261': {
      id: 261,
      title: 'Shop',
      number: '+33 6 12 34 56 78',
      imei: '356938035643809',
      created: at('2021-05-01 10:00:00', 1, '+02:00'),
      lastseen: at('2023-11-02 22:44:43', 2, 'CET'),
      siminfo: [],
      appversion: '3.1',
      isappversionactual: '1',
      delaybetweeneachsms: '5',
      delaybetweenrequest: 30,
      subscription: true,
    },
  },
};

describe('a reply is JSON if its body parses, whatever its Content-Type', () => {
  it('signs in and lists the phones from a server that sends JSON as text/html (PHP default)', async () => {
    const client = await serve((req, res, body) => {
      if (req.url?.endsWith('gettoken')) phpJson({ error: 0, message: 'OK', token: 'f'.repeat(32) })(req, res, body);
      else phpJson(seedDevices)(req, res, body);
    });
    await expect(client.getToken('me@example.com', 'secret')).resolves.toBe('f'.repeat(32));
    const devices = await client.getAllDevices();
    expect(devices.map((d) => [d.id, d.title, d.number, d.imei, d.sims.map((s) => [s.slot, s.number])])).toEqual([
      [260, 'Office', null, null, [[0, '+4915752982212']]],
      [261, 'Shop', '+33 6 12 34 56 78', '356938035643809', []],
    ]);
    // Paris in November is +01:00; "CET" (type 2) is +01:00 too.
    expect(devices.map((d) => d.lastSeen?.iso)).toEqual(['2023-11-02T21:44:43.000Z', '2023-11-02T21:44:43.000Z']);
  });

  it('an HTML page is a bad reply named as such in the log, and a read retries it', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    let calls = 0;
    const client = await serve((req, res, body) => {
      calls += 1;
      if (calls === 1) res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      else phpJson({ error: 0, sms_id: '5', status: '7', status_description: 'delivered' })(req, res, body);
    });
    await expect(client.getSmsStatus(5)).resolves.toEqual({ smsId: 5, status: 7, title: 'delivered' });
    expect(logs.some((line) => line.includes('the server answered an HTML page'))).toBe(true);

    server.handle = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(page);
    const err = await failure(client.getSmsStatus(5));
    expect([err.kind, err.problem, toAppFailure(err).code]).toEqual(['bad-reply', 'the server answered an HTML page', 'bad-reply']);
  });
});

describe('dates in the account zone, in every PHP form', () => {
  it('reads "+02:00", "Europe/Paris" and "CEST" as the same instant, without sending a timezone', async () => {
    const client = await serve(
      phpJson({
        error: 0,
        count: '3',
        message: 'Ok',
        smss: {
          '1': smsRow('1', at('2021-08-01 14:00:00', 1, '+02:00')),
          '2': smsRow('2', at('2021-08-01 14:00:00', 3, 'Europe/Paris')),
          '3': smsRow('3', at('2021-08-01 14:00:00', 2, 'CEST')),
        },
      }),
    );
    const list = await client.getAllSms();
    expect(list.map((m) => m.created.iso)).toEqual(['2021-08-01T12:00:00.000Z', '2021-08-01T12:00:00.000Z', '2021-08-01T12:00:00.000Z']);
    expect(list.map((m) => m.created.zone)).toEqual(['+02:00', 'Europe/Paris', 'CEST']);
    expect(server.forms[0]?.has('timezone')).toBe(false);
  });
});

describe("the seed's odd forms are everyday input", () => {
  it('getallsms without an error field, string ids and counts, urgent true/null', async () => {
    const client = await serve(
      phpJson({
        count: '2',
        message: 'Ok',
        smss: {
          '62807347': smsRow('62807347', at('2023-11-02 22:44:43', 3, 'Europe/Paris'), { urgent: true, customerid: '0' }),
          '62807348': smsRow(' 62807348', at('2023-11-02 22:45:00', 3, 'Europe/Paris')),
        },
      }),
    );
    const list = await client.getAllSms();
    expect(list.map((m) => [m.id, m.urgent, m.customerId, m.deviceId, m.status])).toEqual([
      [62807347, true, 0, 260, 2],
      [62807348, false, null, 260, 2],
    ]);
  });

  it('[] for an empty map is an empty list, for messages and for phones', async () => {
    const client = await serve(phpJson({ error: 0, count: 0, message: 'Ok', smss: [] }));
    await expect(client.getAllSms()).resolves.toEqual([]);
    server.handle = phpJson({ count: 0, message: 'no devices', device: [] });
    await expect(client.getAllDevices()).resolves.toEqual([]);
  });

  it('replies to writes without an error field, ids as strings', async () => {
    const client = await serve(phpJson({ sms_id: '62807347', message: 'Sms has been saved successfully' }));
    await expect(client.addSms({ sendTo: '+4915752982212', body: 'Hi', deviceId: 260 })).resolves.toEqual({ smsId: 62807347 });
    server.handle = phpJson({ tag_id: '8303', message: 'OK' });
    await expect(client.saveTag('VIP')).resolves.toEqual({ tagId: 8303 });
  });

  it('a row with a bad id is reported and skipped; an id listed twice is kept once', async () => {
    const created = at('2023-11-02 22:44:43', 3, 'Europe/Paris');
    const client = await serve(
      phpJson({
        error: 0,
        count: 4,
        smss: [smsRow(10, created), smsRow('-3', created), smsRow('10', created, { body: 'again' }), smsRow(11, created)],
      }),
    );
    const list = await client.getAllSms();
    expect(list.map((m) => [m.id, m.body])).toEqual([
      [10, 'Hi'],
      [11, 'Hi'],
    ]);
    expect(logs.some((line) => /skipped 1 of 4 messages .*#1: id: expected a positive integer id/.test(line))).toBe(true);
    expect(logs.some((line) => line.includes('dropped 1 messages listed again under the same id (10)'))).toBe(true);

    server.handle = phpJson({ count: 2, device: [seedDevices.device['260'], { ...seedDevices.device['260'], title: 'Copy' }] });
    const devices = await client.getAllDevices();
    expect(devices.map((d) => [d.id, d.title])).toEqual([[260, 'Office']]);
  });
});

describe('refusals that mention the token', () => {
  it('"Token is not valid" is maybe-invalid-token (the session confirms); a rate limit is only refused; neither retried', async () => {
    const client = await serve(phpJson({ error: 1, message: 'Token is not valid' }));
    const maybe = await failure(client.getAllDevices());
    expect([maybe.kind, maybe.gatewayMessage, toAppFailure(maybe).code]).toEqual([
      'maybe-invalid-token',
      'Token is not valid',
      'gateway-refused',
    ]);

    server.handle = phpJson({ error: '1', message: 'Too many requests for this token' });
    const limited = await failure(client.getAllSms());
    expect([limited.kind, limited.message]).toEqual(['refused', 'The gateway refused the request: Too many requests for this token']);
    expect(server.paths).toHaveLength(2);
  });
});
