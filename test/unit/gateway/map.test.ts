import { describe, expect, it } from 'vitest';
import { devicesFromRows, messagesFromRows, toDeviceStatus } from '../../../electron/main/gateway/map';
import { collection, deviceStatusReply, devicesReply, messagesReply } from '../../../electron/main/gateway/schemas';

const paris = (date: string) => ({ date: `${date}.000000`, timezone_type: 3, timezone: 'Europe/Paris' });

const row = (over: Record<string, unknown> = {}) => ({
  id: 62807347,
  sendto: '+33612345678',
  body: 'Hello',
  customerid: null,
  status: 1,
  statustitle: 'New',
  deviceid: 260,
  sim: 0,
  urgent: null,
  created: paris('2023-11-02 22:44:43'),
  senttime: null,
  timetosend: null,
  paketid: null,
  pakettitle: null,
  paketbody: null,
  ...over,
});

function messages(smss: unknown) {
  const reply = messagesReply.parse({ error: 0, count: 1, message: 'Ok', smss });
  return messagesFromRows(reply.smss ?? []);
}

describe('getallsms rows', () => {
  it('turns the id-keyed object into an array of domain messages', () => {
    const { messages: list, rejected } = messages({
      '62807347': row(),
      '62807348': row({
        id: '62807348',
        customerid: '15',
        status: '7',
        deviceid: '260',
        sim: '3',
        urgent: true,
        senttime: { date: '2023-11-02 23:00:00.000000', timezone_type: 1, timezone: '+02:00' },
        paketid: 99,
        pakettitle: 'Promo',
        paketbody: 'Buy',
      }),
    });
    expect(rejected).toEqual([]);
    expect(list).toEqual([
      {
        id: 62807347,
        sendTo: '+33612345678',
        body: 'Hello',
        customerId: null,
        status: 1,
        statusTitle: 'New',
        deviceId: 260,
        sim: 0,
        urgent: false,
        created: { iso: '2023-11-02T21:44:43.000Z', zone: 'Europe/Paris' },
        sentAt: null,
        sendAt: null,
        newsletter: null,
      },
      {
        id: 62807348,
        sendTo: '+33612345678',
        body: 'Hello',
        customerId: 15,
        status: 7,
        statusTitle: 'New',
        deviceId: 260,
        sim: 3,
        urgent: true,
        created: { iso: '2023-11-02T21:44:43.000Z', zone: 'Europe/Paris' },
        sentAt: { iso: '2023-11-02T21:00:00.000Z', zone: '+02:00' },
        sendAt: null,
        newsletter: { id: 99, title: 'Promo', body: 'Buy' },
      },
    ]);
  });

  it('reads [] (the empty collection) and a missing smss as no messages', () => {
    expect(messages([]).messages).toEqual([]);
    expect(collection.parse(null)).toEqual([]);
  });

  it('turns "null" strings into null and customerid 0 (addalotofsms rows) stays 0', () => {
    const [message] = messages({ 1: row({ customerid: 'null', senttime: 'null', pakettitle: 'null' }) }).messages;
    expect(message?.customerId).toBeNull();
    expect(message?.sentAt).toBeNull();
    expect(messages({ 1: row({ customerid: 0 }) }).messages[0]?.customerId).toBe(0);
  });

  it('shows an unknown status code as pending (2) and reports it, without dropping the row', () => {
    const seen: number[] = [];
    const reply = messagesReply.parse({ error: 0, smss: { 1: row({ status: 42, statustitle: 'Martian' }), 2: row({ id: 2 }) } });
    const { messages: list } = messagesFromRows(reply.smss ?? [], { onUnknownStatus: (code) => seen.push(code) });
    expect(list.map((m) => [m.id, m.status, m.statusTitle])).toEqual([
      [2, 1, 'New'],
      [62807347, 2, 'Martian'],
    ]);
    expect(seen).toEqual([42]);
  });

  it('keeps the readable rows when one row is malformed, and says which one', () => {
    const { messages: list, rejected } = messages({ 1: row({ id: 1 }), 2: row({ id: 2, created: { date: 'soon', timezone: 'UTC' } }) });
    expect(list.map((m) => m.id)).toEqual([1]);
    expect(rejected).toEqual([{ index: 1, id: 2, problem: expect.stringContaining('created') }]);
  });

  it('rejects non-numeric ids instead of turning them into NaN', () => {
    expect(messages({ 1: row({ id: 'abc' }) }).messages).toEqual([]);
  });

  it('ids are safe positive integers: other rows are reported and skipped, the rest kept', () => {
    const bad = [0, -5, '12.5', 2 ** 53, '9007199254740993', null, true];
    const smss = [row({ id: ' 7 ' }), ...bad.map((id) => row({ id }))];
    const { messages: list, rejected } = messages(smss);
    expect(list.map((m) => m.id)).toEqual([7]);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rejected.every((r) => r.problem === 'id: expected a positive integer id')).toBe(true);
  });

  it('drops rows listed again under an id already seen, keeping the first, and says which', () => {
    const { messages: list, duplicateIds } = messages([row({ id: 5, body: 'first' }), row({ id: '5', body: 'again' }), row({ id: 6 })]);
    expect(list.map((m) => [m.id, m.body])).toEqual([
      [5, 'first'],
      [6, 'Hello'],
    ]);
    expect(duplicateIds).toEqual([5]);
  });

  it('names every bad field of a row, and rejects a row missing a required field or not an object', () => {
    const { messages: list, rejected } = messages({
      1: row({ id: 1.5, status: 'sent', created: { date: '2023-11-02 22:44:43' } }),
      2: { id: 2, sendto: '+1', status: 1, deviceid: 260 }, // no `created`
      3: 'not a row',
      4: row({ id: 4 }),
    });
    expect(list.map((m) => m.id)).toEqual([4]);
    expect(rejected.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(rejected[0]?.problem).toMatch(/^id: .*; status: .*; created: /);
    expect(rejected[1]?.problem).toMatch(/^created: /);
    expect(rejected[2]?.problem).toMatch(/^\(root\): /);
  });

  it('reads optional fields left out of a row with their defaults', () => {
    const { body: _b, sim: _s, urgent: _u, senttime: _st, timetosend: _t, paketid: _p, ...bare } = row({ id: 5 });
    const [message] = messages({ 5: bare }).messages;
    expect(message).toMatchObject({ id: 5, body: '', sim: 0, urgent: false, sentAt: null, sendAt: null, newsletter: null });
  });
});

describe('getallsms order', () => {
  // Keys ascend by id (as JSON.parse lists them), creation times do not; the 10:00 "+02:00" message is the
  // same instant as the 09:00 Paris (winter, +01:00) one, so those two tie and go by id.
  const smss = {
    '101': row({ id: 101, created: paris('2024-01-10 12:00:00') }),
    '102': row({ id: 102, created: paris('2024-01-10 08:00:00') }),
    '103': row({ id: 103, created: { date: '2024-01-10 10:00:00.000000', timezone_type: 1, timezone: '+02:00' } }),
    '104': row({ id: 104, created: paris('2024-01-10 09:00:00') }),
    '105': row({ id: 105, created: { date: '2024-01-10 10:30:00.000000', timezone_type: 3, timezone: 'UTC' } }),
  };
  const ids = (newestFirst?: boolean) =>
    messagesFromRows(messagesReply.parse({ error: 0, smss }).smss ?? [], { newestFirst }).messages.map((m) => m.id);

  it('lists oldest first by default, by instant rather than by wall clock or id', () => {
    expect(ids()).toEqual([102, 103, 104, 105, 101]);
  });

  it('lists newest first when asked, ties by id descending', () => {
    expect(ids(true)).toEqual([101, 105, 104, 103, 102]);
  });

  it('orders a plain array reply the same way', () => {
    const rows = Object.values(smss).reverse();
    expect(messagesFromRows(rows, { newestFirst: true }).messages.map((m) => m.id)).toEqual([101, 105, 104, 103, 102]);
  });
});

const device = (over: Record<string, unknown> = {}) => ({
  id: 260,
  title: 'Office phone',
  number: ' +49 151 2345678 ',
  imei: 'null',
  created: { date: '2022-01-01 10:00:00.000000', timezone_type: 3, timezone: 'UTC' },
  createdhumanformat: '01.01.2022 10:00:00',
  lastseen: { date: '2023-11-02 22:44:43.000000', timezone_type: 1, timezone: '+01:00' },
  lastseenhumanformat: '02.11.2023 22:44:43',
  serialnumber: 'SN1',
  siminfo: [
    { Slot: '0', IccId: '8949', Number: ' 0151 ', Roaming: '1', CountryIso: 'de', CarrierName: 'O2' },
    { Slot: 1, IccId: null, Number: null, Roaming: '0', CountryIso: null, CarrierName: null },
  ],
  appversion: '3.1',
  isappversionactual: true,
  delaybetweeneachsms: null,
  delaybetweenrequest: '30',
  subscription: false,
  ...over,
});

describe('getalldevices rows', () => {
  it('maps the id-keyed object, "null" imei, spaces around numbers, sim info', () => {
    const reply = devicesReply.parse({ count: 1, message: 'OK', device: { 260: device() } });
    const { devices, rejected } = devicesFromRows(reply.device ?? []);
    expect(rejected).toEqual([]);
    expect(devices).toEqual([
      {
        id: 260,
        title: 'Office phone',
        number: '+49 151 2345678',
        imei: null,
        serialNumber: 'SN1',
        created: { iso: '2022-01-01T10:00:00.000Z', zone: 'UTC' },
        lastSeen: { iso: '2023-11-02T21:44:43.000Z', zone: '+01:00' },
        sims: [
          { slot: 0, iccId: '8949', number: '0151', roaming: true, countryIso: 'de', carrier: 'O2' },
          { slot: 1, iccId: null, number: null, roaming: false, countryIso: null, carrier: null },
        ],
        appVersion: '3.1',
        appVersionCurrent: true,
        sendDelaySeconds: null,
        pollIntervalSeconds: 30,
        subscription: false,
      },
    ]);
  });

  it('reads the seed\'s odd forms: Slot "0", Number with a leading space, imei "null", number null, string ids', () => {
    const odd = device({
      id: '261',
      number: null,
      imei: 'null',
      siminfo: [{ Slot: '0', IccId: '8949', Number: ' +4915752982212', Roaming: '0', CountryIso: 'de', CarrierName: 'O2' }],
      delaybetweenrequest: '30',
    });
    const { devices } = devicesFromRows(devicesReply.parse({ device: { 261: odd } }).device ?? []);
    expect(devices.map((d) => [d.id, d.number, d.imei, d.sims[0]?.slot, d.sims[0]?.number, d.pollIntervalSeconds])).toEqual([
      [261, null, null, 0, '+4915752982212', 30],
    ]);
  });

  it('a device listed twice is kept once (one offline notification, not two); a bad id is skipped', () => {
    const { devices, rejected, duplicateIds } = devicesFromRows([
      device({ id: 260 }),
      device({ id: '260', title: 'Copy' }),
      device({ id: -1 }),
    ]);
    expect(devices.map((d) => [d.id, d.title])).toEqual([[260, 'Office phone']]);
    expect(duplicateIds).toEqual([260]);
    expect(rejected.map((r) => r.index)).toEqual([2]);
  });

  it('reads an empty account ([]) as no devices', () => {
    expect(devicesFromRows(devicesReply.parse({ count: 0, device: [] }).device ?? []).devices).toEqual([]);
  });
});

describe('getdevicestatus', () => {
  it('maps online, numeric-string ids and the seconds since last seen', () => {
    const reply = deviceStatusReply.parse({
      error: 0,
      online: false,
      device_id: '260',
      lastseen: paris('2023-11-02 22:44:43'),
      diffseconds: 28851900,
      title: 'Office',
    });
    expect(toDeviceStatus(reply, 0)).toEqual({
      deviceId: 260,
      title: 'Office',
      online: false,
      lastSeen: { iso: '2023-11-02T21:44:43.000Z', zone: 'Europe/Paris' },
      secondsSinceSeen: 28851900,
    });
  });

  it('works out the seconds from lastseen when diffseconds is missing', () => {
    const reply = deviceStatusReply.parse({ error: 0, online: '1', device_id: 1, lastseen: paris('2023-11-02 22:44:43'), title: null });
    expect(toDeviceStatus(reply, Date.parse('2023-11-02T21:45:43Z')).secondsSinceSeen).toBe(60);
  });
});
