import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../electron/sandbox/index';
import type { Sandbox } from '../../electron/sandbox/index';
import { addSms, call, messages, MINUTE, signIn } from './sandbox-support';

// The sandbox's HTTP surface: reply shapes, strict input checking, tokens, files and persistence.

const START = new Date('2024-05-01T12:00:00Z');

describe('sandbox HTTP surface', () => {
  let sandbox: Sandbox;
  let token: string;
  let phone: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: START, seed: false });
    phone = sandbox.addDevice({ title: 'Test phone' });
    token = await signIn(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  describe('sign-in and tokens', () => {
    it('hands out a 32-hex token and refuses wrong credentials with the documented text', async () => {
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      const wrong = await call(sandbox, 'gettoken', { email: sandbox.demo.email, pass: 'nope' });
      expect(wrong).toEqual({ error: 1, message: 'Login or password incorrect' });
      const unknown = await call(sandbox, 'gettoken', { email: 'someone@else.test', pass: sandbox.demo.password });
      expect(unknown).toEqual({ error: 1, message: 'Login or password incorrect' });
    });

    it('refuses a missing or unknown token on every token endpoint', async () => {
      for (const endpoint of [
        'addsms',
        'getallsms',
        'getsmsstatus',
        'getdevicestatus',
        'getalldevices',
        'savetag',
        'savecontact',
        'savepaket',
      ]) {
        expect(await call(sandbox, endpoint, { token: 'f'.repeat(32) })).toEqual({ error: 1, message: 'Token is not valid' });
        expect(await call(sandbox, endpoint, {})).toEqual({ error: 1, message: 'Token is not valid' });
      }
      const bulk = await call(sandbox, 'addalotofsms', { datajson: JSON.stringify({ token: 'f'.repeat(32), smsdata: [] }) });
      expect(bulk).toEqual({ error: 1, message: 'Token is not valid' });
    });

    it('after invalidateTokens the old token fails and signing in again gives a new one', async () => {
      const own = await startSandbox({ clock: 'manual', seed: false });
      try {
        const old = await signIn(own);
        own.invalidateTokens();
        expect(await call(own, 'getalldevices', { token: old })).toEqual({ error: 1, message: 'Token is not valid' });
        const fresh = await signIn(own);
        expect(fresh).not.toBe(old);
        expect((await call(own, 'getalldevices', { token: fresh })).error).toBe(0);
      } finally {
        await own.close();
      }
    });
  });

  describe('reply shapes', () => {
    it('answers an unknown path with an HTML 404 like a web server', async () => {
      const res = await fetch(`${sandbox.baseUrl}sendeverything`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
    });

    it('accepts GET, urlencoded POST and multipart POST alike', async () => {
      const viaGet = await call(sandbox, 'savetag', { token, title: 'Via GET' }, 'GET');
      const viaPost = await call(sandbox, 'savetag', { token, title: 'Via POST' }, 'POST');
      const form = new FormData();
      form.set('token', token);
      form.set('title', 'Via multipart');
      const viaMultipart = (await (await fetch(`${sandbox.baseUrl}savetag`, { method: 'POST', body: form })).json()) as Record<
        string,
        unknown
      >;
      for (const reply of [viaGet, viaPost, viaMultipart]) expect(reply).toMatchObject({ error: 0, tag_id: expect.any(Number) as unknown });
    });

    it('ignores a JSON body, as PHP does, so its fields are missing', async () => {
      const res = await fetch(`${sandbox.baseUrl}savetag`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, title: 'JSON' }),
      });
      expect(await res.json()).toEqual({ error: 1, message: 'Token is not valid' });
    });

    it('reads a raw + in a GET query as a space (the plus is lost), so clients must send %2B', async () => {
      const raw = (await (await fetch(`${sandbox.baseUrl}addsms?token=${token}&device_id=${phone}&body=x&sendto=+15550100`)).json()) as {
        sms_id: number;
      };
      const encoded = await addSms(sandbox, token, { sendto: '+15550101', device_id: phone });
      const rows = new Map((await messages(sandbox, token)).map((m) => [m.id, m.sendto]));
      expect(rows.get(raw.sms_id)).toBe('15550100');
      expect(rows.get(encoded)).toBe('+15550101');
    });

    it('lists messages as an object keyed by id, in the order asked for, with PHP dates', async () => {
      const own = await startSandbox({ clock: 'manual', startAt: START, seed: false });
      try {
        const device = own.addDevice({ title: 'P' });
        const t = await signIn(own);
        const empty = await (await fetch(`${own.baseUrl}getallsms?token=${t}`)).text();
        expect(empty).toBe('{"error":0,"count":0,"message":"Ok","smss":[]}');

        const first = await addSms(own, t, { sendto: '+1', device_id: device, urgent: 1, customerid: 77 });
        await own.advance(MINUTE);
        const second = await addSms(own, t, { sendto: '+2', device_id: device });
        const text = await (await fetch(`${own.baseUrl}getallsms?token=${t}&orderbydesc=1`)).text();
        expect(text.indexOf(`"${second}":`)).toBeLessThan(text.indexOf(`"${first}":`));
        const reply = JSON.parse(text) as { count: number; smss: Record<string, Record<string, unknown>> };
        expect(reply.count).toBe(2);
        expect(reply.smss[first]).toMatchObject({
          id: first,
          customerid: 77,
          urgent: true,
          status: 7,
          deviceid: device,
          sim: 0,
          // The demo account's zone, as the service answers without a `timezone` (12:00 UTC = 14:00 in Paris).
          created: { date: '2024-05-01 14:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' },
          timetosend: null,
          paketid: null,
        });
        expect(reply.smss[second]).toMatchObject({ customerid: null, urgent: null, status: 1, senttime: null });

        const sydney = JSON.parse(
          await (await fetch(`${own.baseUrl}getallsms?token=${t}&timezone=Australia/Sydney`)).text(),
        ) as typeof reply;
        expect(sydney.smss[first]!.created).toEqual({ date: '2024-05-01 22:00:00.000000', timezone_type: 3, timezone: 'Australia/Sydney' });
        expect(await call(own, 'getallsms', { token: t, onlycount: 1 })).toEqual({ error: 0, count: 2, message: 'Ok' });
      } finally {
        await own.close();
      }
    });

    it('filters messages by date window, status, customer id and phone', async () => {
      const own = await startSandbox({ clock: 'manual', startAt: START, seed: false });
      try {
        const device = own.addDevice({ title: 'P' });
        const t = await signIn(own);
        await addSms(own, t, { sendto: '+4470001', device_id: device, customerid: 5 });
        await own.advance(2 * 60 * MINUTE);
        await addSms(own, t, { sendto: '+3360002', device_id: device });
        const count = async (filter: Record<string, string | number>): Promise<number> =>
          (await call(own, 'getallsms', { token: t, onlycount: 1, ...filter })).count as number;
        expect(await count({ begindate: '2024-05-01 13:00:00' })).toBe(1);
        expect(await count({ enddate: '2024-05-01' })).toBe(2);
        expect(await count({ begindate: '2024-05-02' })).toBe(0);
        expect(await count({ status: 1 })).toBe(1);
        expect(await count({ customerid: 5 })).toBe(1);
        expect(await count({ phone: '3360002' })).toBe(1);
      } finally {
        await own.close();
      }
    });

    it('gives customerid 0 to addalotofsms rows and null to addsms rows', async () => {
      const datajson = JSON.stringify({
        token,
        smsdata: [
          { sendto: '+15550200', body: 'bulk 1', device_id: phone, sim: 0 },
          { sendto: '+15550201', body: 'bulk 2', device_id: String(phone), sim: '0', customerid: 9001, urgent: 1 },
        ],
      });
      expect(await call(sandbox, 'addalotofsms', { datajson }, 'POST')).toEqual({ error: 0, message: 'Sms has been saved successfully' });
      const rows = await messages(sandbox, token, { phone: '+1555020' });
      expect(rows.map((m) => [m.body, m.customerid, m.urgent])).toEqual([
        ['bulk 1', 0, null],
        ['bulk 2', 9001, true],
      ]);
    });

    it('describes phones keyed by id with error 0 added, and one phone by getdevicestatus', async () => {
      const reply = await call(sandbox, 'getalldevices', { token });
      expect(reply).toMatchObject({ error: 0, count: 1 });
      const device = (reply.device as Record<string, Record<string, unknown>>)[phone];
      expect(device).toMatchObject({
        id: phone,
        title: 'Test phone',
        lastseenhumanformat: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/) as unknown,
        siminfo: [expect.objectContaining({ Slot: 0, Roaming: '0' })],
        delaybetweenrequest: 10,
        isappversionactual: true,
      });
      expect(await call(sandbox, 'getdevicestatus', { token, device_id: phone })).toMatchObject({
        error: 0,
        device_id: phone,
        online: true,
        title: 'Test phone',
        lastseen: { timezone: 'Europe/Paris' },
      });
    });

    it('answers an account without phones with an empty device list', async () => {
      const own = await startSandbox({ clock: 'manual', seed: false });
      try {
        const text = await (await fetch(`${own.baseUrl}getalldevices?token=${await signIn(own)}`)).text();
        expect(JSON.parse(text)).toEqual({ error: 0, count: 0, message: expect.any(String) as unknown, device: [] });
      } finally {
        await own.close();
      }
    });

    it('serves smstosend with email and password instead of a token', async () => {
      const reply = await call(sandbox, 'smstosend', {
        email: sandbox.demo.email,
        pass: sandbox.demo.password,
        sendto: '+15550300',
        body: 'hi',
        device_id: phone,
      });
      expect(reply).toMatchObject({ error: 0, sms_id: expect.any(Number) as unknown });
      expect(
        await call(sandbox, 'smstosend', { email: sandbox.demo.email, pass: 'x', sendto: '+1', body: 'hi', device_id: phone }),
      ).toEqual({
        error: 1,
        message: 'Login or password incorrect',
      });
    });
  });

  describe('strict input checking', () => {
    const refusals: [string, Record<string, string>][] = [
      ['ISO timetosend', { timetosend: '2024-05-01T10:00:00Z' }],
      ['European timetosend', { timetosend: '01.05.2024 10:00:00' }],
      ['impossible date', { timetosend: '2024-02-30 10:00:00' }],
      ['hour 24', { timetosend: '2024-05-01 24:00:00' }],
      ['non-integer device_id', { device_id: '1.5' }],
      ['device_id with letters', { device_id: '12abc' }],
      ['unknown sim', { sim: '7' }],
      ['urgent not 0/1', { urgent: 'yes' }],
      ['customerid not an integer', { customerid: 'abc' }],
      ['missing sendto', { sendto: '' }],
      ['missing body', { body: '' }],
      ['missing device_id', { device_id: '' }],
      ['a phone of another account', { device_id: '999999' }],
    ];
    it.each(refusals)('addsms refuses %s', async (_name, override) => {
      const before = (await call(sandbox, 'getallsms', { token, onlycount: 1 })).count;
      const reply = await call(sandbox, 'addsms', { token, sendto: '+15550400', body: 'x', device_id: String(phone), ...override });
      expect(reply.error).toBe(1);
      expect(reply.message).toEqual(expect.any(String));
      expect((await call(sandbox, 'getallsms', { token, onlycount: 1 })).count).toBe(before);
    });

    it('names a missing phone "Device not found" everywhere', async () => {
      expect(await call(sandbox, 'getdevicestatus', { token, device_id: 999999 })).toEqual({ error: 1, message: 'Device not found' });
      expect(await call(sandbox, 'addsms', { token, sendto: '+1', body: 'x', device_id: 999999 })).toEqual({
        error: 1,
        message: 'Device not found',
      });
    });

    it('refuses a whole addalotofsms batch when one item is bad, queuing none', async () => {
      const before = (await call(sandbox, 'getallsms', { token, onlycount: 1 })).count;
      const datajson = JSON.stringify({
        token,
        smsdata: [
          { sendto: '+15550500', body: 'ok', device_id: phone },
          { sendto: '+15550501', body: 'bad', device_id: phone, timetosend: '2024-05-01T10:00' },
        ],
      });
      const reply = await call(sandbox, 'addalotofsms', { datajson }, 'POST');
      expect(reply.error).toBe(1);
      expect(reply.message).toContain('smsdata[1]');
      expect((await call(sandbox, 'getallsms', { token, onlycount: 1 })).count).toBe(before);
      expect((await call(sandbox, 'addalotofsms', { datajson: '{not json' })).error).toBe(1);
      expect((await call(sandbox, 'addalotofsms', {})).error).toBe(1);
    });

    it('refuses malformed getallsms filters', async () => {
      const filters: Record<string, string>[] = [
        { begindate: '2024/05/01' },
        { enddate: '01.05.2024' },
        { device_id: 'x' },
        { status: '4' },
        { timezone: 'Mars/Base' },
      ];
      for (const filter of filters) {
        expect((await call(sandbox, 'getallsms', { token, ...filter })).error).toBe(1);
      }
    });

    it('refuses getsmsstatus for a non-integer or unknown id', async () => {
      expect((await call(sandbox, 'getsmsstatus', { token, sms_id: 'abc' })).error).toBe(1);
      expect(await call(sandbox, 'getsmsstatus', { token, sms_id: 1 })).toEqual({ error: 1, message: 'Sms not found' });
    });

    it('refuses savetag without a title and savecontact without a phone or with an unknown tag', async () => {
      expect((await call(sandbox, 'savetag', { token, title: ' ' })).error).toBe(1);
      const tag = (await call(sandbox, 'savetag', { token, title: 'T' })).tag_id as number;
      expect((await call(sandbox, 'savecontact', { token, tag_id: tag })).error).toBe(1);
      expect((await call(sandbox, 'savecontact', { token, phone: '+1' })).error).toBe(1);
      expect(await call(sandbox, 'savecontact', { token, phone: '+1', tag_id: 999999 })).toEqual({ error: 1, message: 'Tag not found' });
      // The seed's field name works too, and the name may be missing.
      expect(await call(sandbox, 'savecontact', { token, phone: '+1', ctag_id: tag })).toMatchObject({
        error: 0,
        contact_id: expect.any(Number) as unknown,
      });
    });

    it('refuses savepaket with a malformed time_to_send, bad tags or a missing phone', async () => {
      const tag = (await call(sandbox, 'savetag', { token, title: 'P' })).tag_id as number;
      const good = { token, title: 'N', device_id: String(phone), body: 'b', tags: String(tag), time_to_send: '01.06.2024 09:00:00' };
      expect((await call(sandbox, 'savepaket', good)).error).toBe(0);
      for (const override of [
        { time_to_send: '2024-06-01 09:00:00' },
        { time_to_send: '31.06.2024 09:00:00' },
        { tags: 'a,b' },
        { tags: '' },
        { tags: '999999' },
        { device_id: '999999' },
        { body: '' },
        { title: '' },
      ]) {
        expect((await call(sandbox, 'savepaket', { ...good, ...override })).error, JSON.stringify(override)).toBe(1);
      }
    });
  });

  describe('images', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

    it('stores an uploaded image and makes the message body its URL', async () => {
      const form = new FormData();
      form.set('token', token);
      form.set('sendto', '+15550600');
      form.set('device_id', String(phone));
      form.set('sim', '2');
      form.set('file', new Blob([png], { type: 'image/png' }), 'photo.png');
      const reply = (await (await fetch(`${sandbox.baseUrl}addsms`, { method: 'POST', body: form })).json()) as {
        error: number;
        sms_id: number;
      };
      expect(reply.error).toBe(0);
      const row = (await messages(sandbox, token, { phone: '+15550600' }))[0]!;
      expect(row.body).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]+\.png$/);
      const image = await fetch(row.body);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    });

    it('refuses a file that is not jpeg, png, webp or gif, whatever it claims to be', async () => {
      const form = new FormData();
      form.set('token', token);
      form.set('sendto', '+15550601');
      form.set('device_id', String(phone));
      form.set('file', new Blob(['%PDF-1.7 ...'], { type: 'image/png' }), 'photo.png');
      const reply = (await (await fetch(`${sandbox.baseUrl}addsms`, { method: 'POST', body: form })).json()) as Record<string, unknown>;
      expect(reply.error).toBe(1);
      expect(await messages(sandbox, token, { phone: '+15550601' })).toEqual([]);
    });
  });
});

describe('sandbox persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-sandbox-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  let open: Sandbox | null = null;
  afterEach(async () => {
    await open?.close();
    open = null;
  });

  it('keeps accounts, tokens, phones, messages, tags and the clock-driven progress across a restart', async () => {
    const persistPath = join(dir, 'state.json');
    const first = await startSandbox({ clock: 'manual', startAt: START, persistPath });
    const token = await signIn(first);
    const healthy = first.seeded!.healthy;
    const id = await addSms(first, token, { sendto: '+15550700', device_id: healthy, customerid: 42 });
    const tag = (await call(first, 'savetag', { token, title: 'Kept' })).tag_id as number;
    const devices = first.deviceIds();
    const count = (await call(first, 'getallsms', { token, onlycount: 1 })).count;
    await first.close();
    expect(JSON.parse(await readFile(persistPath, 'utf8'))).toMatchObject({ version: 1 });

    open = await startSandbox({ clock: 'manual', startAt: START, persistPath });
    expect(open.seeded).toBeNull();
    expect(open.deviceIds()).toEqual(devices);
    expect((await call(open, 'getallsms', { token, onlycount: 1 })).count).toBe(count);
    expect((await messages(open, token, { customerid: 42 }))[0]).toMatchObject({ id, status: 1 });
    expect((await call(open, 'savecontact', { token, phone: '+1', tag_id: tag })).error).toBe(0);
    // New ids continue after the saved ones, and the restored phone still works its queue.
    expect(await addSms(open, token, { sendto: '+15550701', device_id: healthy })).toBeGreaterThan(id);
    await open.advance(MINUTE);
    expect((await messages(open, token, { customerid: 42 }))[0]?.status).toBe(7);
  });

  it('starts seeded when the file does not exist yet', async () => {
    open = await startSandbox({ clock: 'manual', persistPath: join(dir, 'fresh.json') });
    expect(open.seeded).not.toBeNull();
  });
});
