import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox/index';
import type { Sandbox, SandboxOptions } from '../../electron/sandbox/index';
import { addSms, call, messages, MINUTE, SECOND, signIn, statusOf } from './sandbox-support';

// The ways the sandbox misbehaves like the real service (issue 9), and the switches the campaign and
// history features test against: STOP replies, replies dropped after commit, latency, bulk history.

const START = new Date('2024-05-01T12:00:00Z');
let sandbox: Sandbox;

async function start(options: SandboxOptions = {}): Promise<{ token: string; phone: number }> {
  sandbox = await startSandbox({ clock: 'manual', startAt: START, seed: false, ...options });
  const phone = sandbox.addDevice({ title: 'Test phone', pollIntervalSeconds: 10, sendDelaySeconds: 5, failureRate: 0 });
  return { token: await signIn(sandbox), phone };
}

afterEach(async () => {
  await sandbox.close();
});

async function control(
  action: string,
  fields: Record<string, string | number> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await fetch(new URL(`/__sandbox/${action}`, sandbox.baseUrl), { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('time zones like the service', () => {
  it('answers in the account zone (Europe/Paris) without `timezone`, and reads naive request times as UTC', async () => {
    const { token, phone } = await start();
    // The official example: 12:00 sent without seconds comes back as 14:00 in the account's zone.
    await addSms(sandbox, token, { sendto: '+15550001', device_id: phone, timetosend: '2024-08-01 12:00', customerid: 1 });
    const [row] = await messages(sandbox, token, { customerid: 1 });
    expect((row as unknown as { timetosend: unknown }).timetosend).toEqual({
      date: '2024-08-01 14:00:00.000000',
      timezone_type: 3,
      timezone: 'Europe/Paris',
    });
    const device = await call(sandbox, 'getdevicestatus', { token, device_id: phone });
    expect(device.lastseen).toEqual({ date: '2024-05-01 14:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' });
    const all = (await call(sandbox, 'getalldevices', { token })).device as Record<string, Record<string, unknown>>;
    expect(all[phone]).toMatchObject({ lastseenhumanformat: '01.05.2024 14:00:00', lastseen: { timezone: 'Europe/Paris' } });
    // begindate is UTC too: 12:00 UTC includes the message created at 12:00 UTC (14:00 Paris).
    expect((await call(sandbox, 'getallsms', { token, onlycount: 1, begindate: '2024-05-01 12:00:00' })).count).toBe(1);
    expect((await call(sandbox, 'getallsms', { token, onlycount: 1, begindate: '2024-05-01 12:00:01' })).count).toBe(0);
  });

  it('an account with a fixed offset answers with timezone_type 1, as in 2021', async () => {
    const { token, phone } = await start({ accounts: [{ ...DEMO_ACCOUNT, timeZone: '+02:00' }] });
    await addSms(sandbox, token, { sendto: '+15550002', device_id: phone });
    const [row] = await messages(sandbox, token);
    expect((row as unknown as { created: unknown }).created).toEqual({
      date: '2024-05-01 14:00:00.000000',
      timezone_type: 1,
      timezone: '+02:00',
    });
    const sydney = await messages(sandbox, token, { timezone: 'Australia/Sydney' });
    expect((sydney[0] as unknown as { created: unknown }).created).toEqual({
      date: '2024-05-01 22:00:00.000000',
      timezone_type: 3,
      timezone: 'Australia/Sydney',
    });
  });

  it('holds a timetosend given without seconds until that UTC minute', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15550003', device_id: phone, timetosend: '2024-05-01 13:00' });
    await sandbox.advance(59 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(1);
    await sandbox.advance(2 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(7);
  });

  it('takes savepaket time_to_send with one-digit fields, read as UTC', async () => {
    const { token, phone } = await start();
    const tag = (await call(sandbox, 'savetag', { token, title: 'T' })).tag_id as number;
    await call(sandbox, 'savecontact', { token, tag_id: tag, phone: '+15550004' });
    const paket = await call(sandbox, 'savepaket', {
      token,
      title: 'N',
      device_id: phone,
      body: 'b',
      tags: tag,
      time_to_send: '1.5.2024 13:05:00',
    });
    expect(paket.error).toBe(0);
    sandbox.startNewsletter(paket.paket_id as number);
    await sandbox.advance(64 * MINUTE);
    expect(await messages(sandbox, token)).toEqual([]);
    await sandbox.advance(2 * MINUTE);
    expect(await messages(sandbox, token)).toHaveLength(1);
  });
});

describe('input the service accepts', () => {
  it('stores numbers without their spaces, and the phone filter matches with or without them', async () => {
    const { token, phone } = await start();
    await addSms(sandbox, token, { sendto: '+49 157 52982212', device_id: phone });
    const tag = (await call(sandbox, 'savetag', { token, title: 'T' })).tag_id as number;
    await call(sandbox, 'savecontact', { token, tag_id: tag, phone: '+49 157 1111 2222' });
    const paket = await call(sandbox, 'savepaket', { token, title: 'N', device_id: phone, body: 'b', tags: tag, time_to_send: 0 });
    sandbox.startNewsletter(paket.paket_id as number);
    expect((await messages(sandbox, token)).map((m) => m.sendto).sort()).toEqual(['+4915711112222', '+4915752982212']);
    expect(await messages(sandbox, token, { phone: '+49 157 52982212' })).toHaveLength(1);
    expect(await messages(sandbox, token, { phone: '+4915752982212' })).toHaveLength(1);
    expect(await messages(sandbox, token, { phone: '157 5298' })).toHaveLength(1);
  });

  it('takes the PHP SDK’s requests: camelCase customerId is ignored, urgent 0/1 works', async () => {
    const { token, phone } = await start();
    await addSms(sandbox, token, { sendto: '+15550010', device_id: phone, customerId: 12, urgent: 1 });
    await addSms(sandbox, token, { sendto: '+15550011', device_id: phone, customerid: 13, urgent: 0 });
    const rows = await messages(sandbox, token);
    expect(rows.map((m) => [m.sendto, m.customerid, m.urgent])).toEqual([
      ['+15550010', null, true],
      ['+15550011', 13, null],
    ]);
  });
});

describe('statuses as the service shows them', () => {
  it('names 2 "sending" in getsmsstatus and getallsms', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15550020', device_id: phone });
    await sandbox.advance(10 * SECOND);
    expect(await call(sandbox, 'getsmsstatus', { token, sms_id: id })).toMatchObject({ status: 2, status_description: 'sending' });
    const reply = await call(sandbox, 'getallsms', { token });
    expect((reply.smss as Record<string, Record<string, unknown>>)[id]).toMatchObject({ status: 2, statustitle: 'sending' });
    await sandbox.advance(MINUTE);
    expect(await call(sandbox, 'getsmsstatus', { token, sms_id: id })).toMatchObject({ status: 7, status_description: 'delivered' });
  });

  it('a phone with a queued stage goes 1 → 3 → 2 → 6 → 7', async () => {
    const { token } = await start();
    const phone = sandbox.addDevice({ title: 'Old app', pollIntervalSeconds: 10, sendDelaySeconds: 5, failureRate: 0, queuedStageRate: 1 });
    const first = await addSms(sandbox, token, { sendto: '+15550030', device_id: phone });
    const second = await addSms(sandbox, token, { sendto: '+15550031', device_id: phone });
    const seen: number[][] = [];
    for (let t = 0; t < 40; t++) {
      const now = [await statusOf(sandbox, token, first), await statusOf(sandbox, token, second)];
      if (seen.at(-1)?.join() !== now.join()) seen.push(now);
      await sandbox.advance(SECOND);
    }
    const path = (i: number): number[] => seen.map((s) => s[i]!).filter((s, k, all) => s !== all[k - 1]);
    expect(path(0)).toEqual([1, 3, 2, 6, 7]);
    expect(path(1)).toEqual([1, 3, 2, 6, 7]);
    // While the first is "sending" the second waits as queued on the phone.
    expect(seen).toContainEqual([2, 3]);
  });

  it('without the SMS permission SMS slots end in 100 or 101; WhatsApp still goes', async () => {
    const { token, phone } = await start();
    sandbox.setSmsPermission(phone, 'not-allowed-on-phone');
    const onPhone = await addSms(sandbox, token, { sendto: '+15550040', device_id: phone, sim: 0 });
    const whatsapp = await addSms(sandbox, token, { sendto: '+15550041', device_id: phone, sim: 2 });
    await sandbox.advance(MINUTE);
    expect(await statusOf(sandbox, token, onPhone)).toBe(100);
    expect(await statusOf(sandbox, token, whatsapp)).toBe(7);

    expect((await control('device', { device_id: phone, sms_permission: 'not-allowed' })).status).toBe(200);
    const none = await addSms(sandbox, token, { sendto: '+15550042', device_id: phone, sim: 1 });
    await sandbox.advance(MINUTE);
    expect(await statusOf(sandbox, token, none)).toBe(101);
    const [row] = await messages(sandbox, token, { phone: '+15550042' });
    expect(row).toMatchObject({ status: 101, senttime: null });
  });

  it('the seeded demo answers in Europe/Paris and its history has permission failures, STOP replies and a 3 → 2 phone', async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: START, random: () => 0.4 });
    const token = await signIn(sandbox);
    const history = await messages(sandbox, token, { begindate: '2024-04-30 12:00:00' });
    const statuses = new Set(history.map((m) => m.status));
    for (const status of [100, 101, 5]) expect(statuses).toContain(status);
    const incoming = history.filter((m) => m.status === 5).map((m) => m.body);
    expect(incoming).toEqual(expect.arrayContaining(['STOP', 'PARAR']));
    expect(history.filter((m) => /\s/.test(m.sendto))).toEqual([]);
    const reply = await call(sandbox, 'getallsms', { token, status: 7 });
    expect(Object.values(reply.smss as Record<string, { created: { timezone: string } }>)[0]!.created.timezone).toBe('Europe/Paris');

    // The flaky phone (an older app) lists what it takes as queued first.
    const flaky = sandbox.seeded!.flaky;
    const id = await addSms(sandbox, token, { sendto: '+15550050', device_id: flaky });
    await sandbox.advance(18 * SECOND); // its poll (30 s apart, last seen 12 s before the start)
    expect(await statusOf(sandbox, token, id)).toBe(3);
    await sandbox.advance(1 * SECOND);
    expect(await statusOf(sandbox, token, id)).toBe(2);
  });
});

describe('STOP replies', () => {
  it('a recipient who replies STOP shows up as an incoming message from that number', async () => {
    const draws = [0.5 /* no failure */, 0.5 /* report delay */, 0 /* a STOP reply */, 0 /* word: STOP */, 0.5 /* reply delay */];
    const { token, phone } = await start({ stopReplyRate: 1, random: () => draws.shift() ?? 0.99 });
    await addSms(sandbox, token, { sendto: '+55 11 98765 4321', device_id: phone });
    await sandbox.advance(3 * MINUTE);
    const incoming = await messages(sandbox, token, { status: 5 });
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ sendto: '+5511987654321', body: 'STOP', status: 5 });
  });

  it('receiveSms and the control route add an incoming message by hand', async () => {
    const { token, phone } = await start();
    sandbox.receiveSms({ deviceId: phone, from: '+351 912 345 678', body: 'PARAR' });
    const viaHttp = await control('receive', { device_id: phone, from: '+34600111222', body: 'BAJA' });
    expect(viaHttp.body).toMatchObject({ ok: true, sms_id: expect.any(Number) as unknown });
    expect((await messages(sandbox, token, { status: 5 })).map((m) => [m.sendto, m.body])).toEqual([
      ['+351912345678', 'PARAR'],
      ['+34600111222', 'BAJA'],
    ]);
  });

  it('is off by default with the manual clock', async () => {
    const { token, phone } = await start();
    for (let i = 0; i < 20; i++) await addSms(sandbox, token, { sendto: `+1555006${String(i).padStart(2, '0')}`, device_id: phone });
    await sandbox.advance(10 * MINUTE);
    expect(await messages(sandbox, token, { status: 5 })).toEqual([]);
  });
});

describe('the fault switch: replies dropped after commit', () => {
  it('every Nth write is committed but its reply is a reset', async () => {
    const { token, phone } = await start();
    sandbox.dropRepliesAfterCommit({ every: 3 });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await addSms(sandbox, token, { sendto: `+1555007${i}`, device_id: phone, customerid: 700 + i });
        outcomes.push('ok');
      } catch {
        outcomes.push('reset');
      }
    }
    expect(outcomes).toEqual(['ok', 'ok', 'reset', 'ok', 'ok', 'reset']);
    // The server kept every one of them.
    expect((await messages(sandbox, token)).map((m) => m.customerid)).toEqual([700, 701, 702, 703, 704, 705]);
    expect(sandbox.faultStats()).toEqual({ writes: 6, dropped: 2 });
  });

  it('the next N writes only; refusals and reads are never dropped', async () => {
    const { token, phone } = await start();
    const viaHttp = await control('faults', { drop_next: 2 });
    expect(viaHttp).toEqual({ status: 200, body: { ok: true } });
    expect((await call(sandbox, 'addsms', { token, sendto: '+1', body: 'x', device_id: 999 })).error).toBe(1);
    expect((await call(sandbox, 'getallsms', { token })).error).toBe(0);
    const datajson = JSON.stringify({ token, smsdata: [{ sendto: '+15550080', body: 'a', device_id: phone }] });
    await expect(call(sandbox, 'addalotofsms', { datajson }, 'POST')).rejects.toThrow();
    await expect(call(sandbox, 'savetag', { token, title: 'Dropped' })).rejects.toThrow();
    expect((await call(sandbox, 'savetag', { token, title: 'Answered' })).error).toBe(0);
    expect(await messages(sandbox, token)).toHaveLength(1);
    await control('faults', { off: 1 });
    expect((await control('status')).body).toMatchObject({ faults: { writes: 0, dropped: 0 } });
  });
});

describe('controls and load', () => {
  it('starts a newsletter through the control route; unknown ids and actions are refused', async () => {
    const { token, phone } = await start();
    const tag = (await call(sandbox, 'savetag', { token, title: 'T' })).tag_id as number;
    await call(sandbox, 'savecontact', { token, tag_id: tag, phone: '+15550090' });
    const paket = (await call(sandbox, 'savepaket', { token, title: 'N', device_id: phone, body: 'b', tags: tag, time_to_send: 0 }))
      .paket_id as number;
    expect((await control('status')).body).toMatchObject({ waitingNewsletters: [paket] });
    expect(await control('start-newsletter', { paket_id: paket })).toEqual({ status: 200, body: { ok: true } });
    expect(await messages(sandbox, token)).toHaveLength(1);
    expect((await control('start-newsletter', { paket_id: 1 })).status).toBe(400);
    expect((await control('explode')).status).toBe(404);
    expect((await control('advance', { ms: MINUTE })).body).toMatchObject({ now: '2024-05-01T12:01:00.000Z' });
  });

  it('adds latency to gateway replies when asked', async () => {
    const { token } = await start();
    const timed = async (): Promise<number> => {
      const t = performance.now();
      await call(sandbox, 'getalldevices', { token });
      return performance.now() - t;
    };
    await control('latency', { ms: 120 });
    expect(await timed()).toBeGreaterThanOrEqual(115);
    sandbox.setLatency(0);
    expect(await timed()).toBeLessThan(100);
  });

  it('seeds 100,000 messages over months with varied statuses, phones, sims, customer ids and newsletters', async () => {
    const { token } = await start();
    sandbox.addDevice({ title: 'Second phone' });
    const t = performance.now();
    const summary = sandbox.seedHistory({ count: 100_000, days: 180 });
    expect(performance.now() - t).toBeLessThan(3_000);
    expect(summary.count).toBe(100_000);
    expect((await call(sandbox, 'getallsms', { token, onlycount: 1 })).count).toBe(100_000);
    for (const status of [5, 7, 8, 9, 10, 11, 12, 100, 101]) expect(summary.statuses[status] ?? 0, `status ${status}`).toBeGreaterThan(0);

    const month = await messages(sandbox, token, { begindate: '2024-02-01', enddate: '2024-02-29' });
    expect(month.length).toBeGreaterThan(10_000);
    expect(month.length).toBeLessThan(25_000);
    expect(new Set(month.map((m) => (m as unknown as { deviceid: number }).deviceid)).size).toBe(2);
    expect(new Set(month.map((m) => (m as unknown as { sim: number }).sim))).toEqual(new Set([0, 1, 2, 3]));
    expect(month.some((m) => m.customerid !== null && m.customerid > 0)).toBe(true);
    expect(month.some((m) => m.customerid === 0)).toBe(true);
    expect(month.some((m) => summary.newsletterIds.includes(m.paketid ?? -1))).toBe(true);
    const oldest = await messages(sandbox, token, { enddate: '2023-11-05' });
    expect(oldest.length).toBeGreaterThan(0);
    // The same seed gives the same history.
    expect(sandbox.seedHistory({ count: 1_000, days: 10, seed: 7 }).statuses).toEqual(
      sandbox.seedHistory({ count: 1_000, days: 10, seed: 7 }).statuses,
    );
  });
});

describe('the service’s Content-Type', () => {
  it('sends JSON under text/html; charset=UTF-8 by default, like PHP does; contentType "json" is the tidy form', async () => {
    const { token } = await start();
    const res = await fetch(`${sandbox.baseUrl}getalldevices?token=${token}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(JSON.parse(await res.text())).toMatchObject({ error: 0, count: 1 });
    await sandbox.close();

    const tidy = await start({ contentType: 'json' });
    const json = await fetch(`${sandbox.baseUrl}getalldevices?token=${tidy.token}`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
