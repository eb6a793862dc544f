import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSandbox } from '../../electron/sandbox/index';
import type { Sandbox, SandboxOptions } from '../../electron/sandbox/index';
import { addSms, call, HOUR, messages, MINUTE, SECOND, signIn, statusOf } from './sandbox-support';

// The simulated phones, driven by the manual clock over real HTTP. The account answers in UTC here so
// the expected wall times read like the clock (the demo's Europe/Paris is tested in sandbox-http).

const START = new Date('2024-05-01T12:00:00Z');
let sandbox: Sandbox;

async function start(options: SandboxOptions = {}): Promise<{ token: string; phone: number }> {
  sandbox = await startSandbox({
    clock: 'manual',
    startAt: START,
    seed: false,
    accounts: [{ ...DEMO_ACCOUNT, timeZone: 'UTC' }],
    ...options,
  });
  const phone = sandbox.addDevice({ title: 'Test phone', pollIntervalSeconds: 10, sendDelaySeconds: 5, failureRate: 0 });
  return { token: await signIn(sandbox), phone };
}

afterEach(async () => {
  await sandbox.close();
});

describe('a healthy phone', () => {
  it('takes a message at its next poll, sends it, then reports it delivered (1 → 2 → 6 → 7)', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15550001', device_id: phone });
    expect(await statusOf(sandbox, token, id)).toBe(1);

    await sandbox.advance(10 * SECOND); // the poll
    expect(await statusOf(sandbox, token, id)).toBe(2);

    await sandbox.advance(1 * SECOND); // the send
    expect(await statusOf(sandbox, token, id)).toBe(6);
    const [sent] = await messages(sandbox, token, { device_id: phone });
    expect(sent?.senttime?.date).toBe('2024-05-01 12:00:11.000000');

    await sandbox.advance(10 * SECOND); // the delivery report
    expect(await statusOf(sandbox, token, id)).toBe(7);
  });

  it('updates lastseen at every poll', async () => {
    const { token, phone } = await start();
    await sandbox.advance(35 * SECOND);
    const reply = await call(sandbox, 'getdevicestatus', { token, device_id: phone });
    expect(reply).toMatchObject({ error: 0, online: true, diffseconds: 5, lastseen: { date: '2024-05-01 12:00:30.000000' } });
  });

  it('sends one message every delaybetweeneachsms seconds', async () => {
    const { token, phone } = await start();
    for (let i = 0; i < 3; i++) await addSms(sandbox, token, { sendto: `+1555000${i}`, device_id: phone });
    await sandbox.advance(MINUTE);
    const sentTimes = (await messages(sandbox, token)).map((m) => m.senttime?.date);
    expect(sentTimes).toEqual(['2024-05-01 12:00:11.000000', '2024-05-01 12:00:16.000000', '2024-05-01 12:00:21.000000']);
  });
});

describe('failures', () => {
  it('at a failure rate of 1 every message ends in a failure code, never delivered', async () => {
    const { token } = await start();
    const phone = sandbox.addDevice({ title: 'Broken phone', failureRate: 1 });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await addSms(sandbox, token, { sendto: `+1555100${i}`, device_id: phone }));
    await sandbox.advance(5 * MINUTE);
    for (const id of ids) expect([8, 9, 10, 11, 12]).toContain(await statusOf(sandbox, token, id));
  });

  it('a message that never left the phone has no sent time; a not-delivered one has', async () => {
    const draws = [0, 0.1 /* code 8 */, 0, 0, 0.9 /* code 12 */];
    const { token } = await start({ random: () => draws.shift() ?? 0 });
    const phone = sandbox.addDevice({ title: 'Broken phone', failureRate: 1 });
    const notDelivered = await addSms(sandbox, token, { sendto: '+15551001', device_id: phone });
    const radioOff = await addSms(sandbox, token, { sendto: '+15551002', device_id: phone });
    await sandbox.advance(MINUTE);
    const rows = new Map((await messages(sandbox, token, { device_id: phone })).map((m) => [m.id, m]));
    expect(rows.get(notDelivered)).toMatchObject({ status: 8, senttime: { date: expect.any(String) as unknown } });
    expect(rows.get(radioOff)).toMatchObject({ status: 12, senttime: null });
  });

  it('the sandbox-wide rate applies to phones without their own', async () => {
    const { token } = await start({ deliveryFailureRate: 1 });
    const phone = sandbox.addDevice({ title: 'Default phone' });
    const id = await addSms(sandbox, token, { sendto: '+15551003', device_id: phone });
    await sandbox.advance(MINUTE);
    expect(await statusOf(sandbox, token, id)).toBeGreaterThanOrEqual(8);
  });
});

describe('an offline phone', () => {
  it('holds its queue while offline, looks offline, and drains once back', async () => {
    const { token, phone } = await start();
    sandbox.setDeviceOnline(phone, false);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await addSms(sandbox, token, { sendto: `+1555200${i}`, device_id: phone }));

    await sandbox.advance(10 * MINUTE);
    for (const id of ids) expect(await statusOf(sandbox, token, id)).toBe(1);
    const away = await call(sandbox, 'getdevicestatus', { token, device_id: phone });
    expect(away).toMatchObject({ online: false, diffseconds: 600, lastseen: { date: '2024-05-01 12:00:00.000000' } });

    sandbox.setDeviceOnline(phone, true);
    const back = await call(sandbox, 'getdevicestatus', { token, device_id: phone });
    expect(back).toMatchObject({ online: true, diffseconds: 0 });
    await sandbox.advance(MINUTE);
    for (const id of ids) expect(await statusOf(sandbox, token, id)).toBe(7);
  });

  it('keeps a taken message and its delivery report until it is back', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15552010', device_id: phone });
    await sandbox.advance(11 * SECOND); // polled and sent
    expect(await statusOf(sandbox, token, id)).toBe(6);
    sandbox.setDeviceOnline(phone, false);
    await sandbox.advance(HOUR);
    expect(await statusOf(sandbox, token, id)).toBe(6);
    sandbox.setDeviceOnline(phone, true);
    await sandbox.advance(10 * SECOND);
    expect(await statusOf(sandbox, token, id)).toBe(7);
  });
});

describe('queue order', () => {
  it('holds a scheduled message until its timetosend, then sends it', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15553001', device_id: phone, timetosend: '2024-05-01 13:00:00' });
    await sandbox.advance(59 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(1);
    await sandbox.advance(2 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(7);
  });

  it('reads a date-only timetosend as midnight UTC', async () => {
    const { token, phone } = await start();
    const id = await addSms(sandbox, token, { sendto: '+15553002', device_id: phone, timetosend: '2024-05-02' });
    await sandbox.advance(11 * HOUR + 59 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(1);
    await sandbox.advance(2 * MINUTE);
    expect(await statusOf(sandbox, token, id)).toBe(7);
  });

  it('sends an urgent message before older normal ones', async () => {
    const { token, phone } = await start();
    const older = [];
    for (let i = 0; i < 3; i++) older.push(await addSms(sandbox, token, { sendto: `+1555400${i}`, device_id: phone }));
    await sandbox.advance(1 * SECOND);
    const otp = await addSms(sandbox, token, { sendto: '+15554999', device_id: phone, urgent: 1, body: 'Code 123456' });

    await sandbox.advance(10 * SECOND); // poll at 10 s, first send at 11 s
    expect(await statusOf(sandbox, token, otp)).toBe(6);
    for (const id of older) expect(await statusOf(sandbox, token, id)).toBe(2);
  });

  it('puts an urgent message taken later ahead of normal ones still waiting on the phone', async () => {
    const { token, phone } = await start();
    const older = [];
    for (let i = 0; i < 4; i++) older.push(await addSms(sandbox, token, { sendto: `+1555410${i}`, device_id: phone }));
    await sandbox.advance(11 * SECOND); // all taken, the first one sent
    const otp = await addSms(sandbox, token, { sendto: '+15554998', device_id: phone, urgent: 1 });
    await sandbox.advance(10 * SECOND); // next poll at 20 s takes the OTP; next send at 21 s
    expect(await statusOf(sandbox, token, otp)).toBe(6);
    expect(await statusOf(sandbox, token, older[2]!)).toBe(2);
  });
});

describe('newsletters', () => {
  async function tagWith(token: string, title: string, phones: string[]): Promise<number> {
    const tag = await call(sandbox, 'savetag', { token, title });
    for (const phone of phones) {
      const contact = await call(sandbox, 'savecontact', { token, phone, tag_id: tag.tag_id as number, fullname: `Name ${phone}` });
      expect(contact.error).toBe(0);
    }
    return tag.tag_id as number;
  }

  it('once started on the phone, expand at their time into one message per contact of their tags', async () => {
    const { token, phone } = await start();
    const customers = await tagWith(token, 'Customers', ['+15556001', '+15556002']);
    const staff = await tagWith(token, 'Staff', ['+15556003', '+15556001']);
    const paket = await call(sandbox, 'savepaket', {
      token,
      title: 'Spring sale',
      device_id: phone,
      body: 'Everything 20% off',
      tags: `${customers},${staff}`,
      sim: 0,
      time_to_send: '01.05.2024 14:30:00',
    });
    expect(paket).toMatchObject({ error: 0, paket_id: expect.any(Number) as unknown });
    expect(sandbox.waitingNewsletters()).toEqual([paket.paket_id]);
    sandbox.startNewsletter(paket.paket_id as number);
    expect(sandbox.waitingNewsletters()).toEqual([]);

    await sandbox.advance(2 * HOUR + 29 * MINUTE);
    expect(await messages(sandbox, token, { device_id: phone })).toEqual([]);

    await sandbox.advance(1 * MINUTE);
    const sent = await messages(sandbox, token, { device_id: phone });
    expect(sent.map((m) => m.sendto).sort()).toEqual(['+15556001', '+15556002', '+15556003']);
    for (const m of sent) {
      expect(m).toMatchObject({
        body: 'Everything 20% off',
        paketid: paket.paket_id,
        pakettitle: 'Spring sale',
        paketbody: 'Everything 20% off',
      });
    }
    await sandbox.advance(5 * MINUTE);
    expect((await messages(sandbox, token, { device_id: phone })).map((m) => m.status)).toEqual([7, 7, 7]);
  });

  it('with time_to_send 0 go out as soon as they are started', async () => {
    const { token, phone } = await start();
    const tag = await tagWith(token, 'Now', ['+15556101']);
    const paket = await call(sandbox, 'savepaket', {
      token,
      title: 'Now',
      device_id: phone,
      body: 'Hi',
      tags: String(tag),
      time_to_send: 0,
    });
    expect(await messages(sandbox, token, { device_id: phone })).toEqual([]);
    sandbox.startNewsletter(paket.paket_id as number);
    expect(await messages(sandbox, token, { device_id: phone })).toHaveLength(1);
  });

  it('stay idle until started, however long they wait (nobody pressed start on the phone)', async () => {
    const { token, phone } = await start();
    const tag = await tagWith(token, 'Idle', ['+15556201']);
    const paket = await call(sandbox, 'savepaket', {
      token,
      title: 'Idle',
      device_id: phone,
      body: 'Hi',
      tags: String(tag),
      time_to_send: '01.05.2024 12:30:00',
    });
    await sandbox.advance(24 * HOUR);
    expect(await messages(sandbox, token, { device_id: phone })).toEqual([]);
    // Started a day late: its time has passed, so it goes out at once.
    sandbox.startNewsletter(paket.paket_id as number);
    expect(await messages(sandbox, token, { device_id: phone })).toHaveLength(1);
  });

  it('the demo phones press start by themselves a little later, at their next poll', async () => {
    const { token, phone } = await start({ newsletterAutoStartSeconds: 20 });
    const tag = await tagWith(token, 'Auto', ['+15556301', '+15556302']);
    const paket = await call(sandbox, 'savepaket', {
      token,
      title: 'Auto',
      device_id: phone,
      body: 'Hi',
      tags: String(tag),
      time_to_send: 0,
    });
    await sandbox.advance(19 * SECOND);
    expect(sandbox.waitingNewsletters()).toEqual([paket.paket_id]);
    await sandbox.advance(11 * SECOND); // the poll at 30 s is the first one after 20 s
    expect(sandbox.waitingNewsletters()).toEqual([]);
    const sent = await messages(sandbox, token, { device_id: phone });
    expect(sent.map((m) => m.sendto).sort()).toEqual(['+15556301', '+15556302']);
  });

  it('an offline phone does not press start until it is back', async () => {
    const { token, phone } = await start({ newsletterAutoStartSeconds: 5 });
    const tag = await tagWith(token, 'Away', ['+15556401']);
    sandbox.setDeviceOnline(phone, false);
    await call(sandbox, 'savepaket', { token, title: 'Away', device_id: phone, body: 'Hi', tags: String(tag), time_to_send: 0 });
    await sandbox.advance(HOUR);
    expect(sandbox.waitingNewsletters()).toHaveLength(1);
    sandbox.setDeviceOnline(phone, true);
    expect(sandbox.waitingNewsletters()).toEqual([]);
    expect(await messages(sandbox, token, { device_id: phone })).toHaveLength(1);
  });
});

describe('the seeded demo account', () => {
  it('has a healthy, a flaky and an offline phone, and a day of history with mixed statuses', async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: START });
    const token = await signIn(sandbox);
    const seeded = sandbox.seeded!;
    expect(sandbox.deviceIds()).toEqual([seeded.healthy, seeded.flaky, seeded.offline]);

    const devices = (await call(sandbox, 'getalldevices', { token })).device as Record<string, Record<string, unknown>>;
    expect(devices[seeded.healthy]).toMatchObject({ delaybetweenrequest: 10, isappversionactual: true });
    expect(devices[seeded.flaky]).toMatchObject({ delaybetweenrequest: 30, isappversionactual: false });
    const flakySims = devices[seeded.flaky]!.siminfo as { Roaming: string }[];
    expect(flakySims.map((s) => s.Roaming)).toEqual(['0', '1']);
    const offline = await call(sandbox, 'getdevicestatus', { token, device_id: seeded.offline });
    expect(offline.online).toBe(false);
    expect(offline.diffseconds).toBeGreaterThan(HOUR / 1000);

    const history = await messages(sandbox, token, { begindate: '2024-04-30 12:00:00' });
    const statuses = new Set(history.map((m) => m.status));
    for (const status of [1, 5, 6, 7, 8]) expect(statuses).toContain(status);
    expect(history.some((m) => m.urgent === true)).toBe(true);
    expect(history.some((m) => m.paketid !== null)).toBe(true);
  });

  it('the offline phone drains its waiting queue once back online', async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: START });
    const token = await signIn(sandbox);
    const offline = sandbox.seeded!.offline;
    const waiting = await messages(sandbox, token, { device_id: offline, status: 1 });
    expect(waiting.length).toBeGreaterThan(0);
    await sandbox.advance(HOUR);
    expect(await messages(sandbox, token, { device_id: offline, status: 1 })).toHaveLength(waiting.length);

    sandbox.setDeviceOnline(offline, true);
    await sandbox.advance(5 * MINUTE);
    expect(await messages(sandbox, token, { device_id: offline, status: 1 })).toEqual([]);
    for (const m of waiting) expect(await statusOf(sandbox, token, m.id)).toBe(7);
  });

  it('a day on the manual clock moves every phone through its queue', async () => {
    sandbox = await startSandbox({ clock: 'manual', startAt: START });
    const token = await signIn(sandbox);
    for (let i = 0; i < 17; i++) sandbox.addDevice({ title: `Extra ${i}`, pollIntervalSeconds: 10 });
    const extra = sandbox.deviceIds().at(-1)!;
    const id = await addSms(sandbox, token, { sendto: '+15557001', device_id: extra, timetosend: '2024-05-02 11:00:00' });
    await sandbox.advance(24 * HOUR);
    expect(await statusOf(sandbox, token, id)).toBe(7);
    // The seeded scheduled messages on the healthy phone went out too.
    expect(await messages(sandbox, token, { device_id: sandbox.seeded!.healthy, status: 1 })).toEqual([]);
    const status = await call(sandbox, 'getdevicestatus', { token, device_id: extra });
    expect(status.diffseconds).toBeLessThanOrEqual(10);
  });
});
