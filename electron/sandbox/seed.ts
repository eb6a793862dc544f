import { toSecond } from './formats';
import { CURRENT_APP_VERSION } from './state';
import type { DeviceRecord, MessageRecord, SandboxState, SimRecord, SmsPermission } from './state';

// Demo data so every screen has something to show: three phones (healthy, flaky, offline), two tags
// with contacts, one newsletter, and a day of message history with every kind of status (permission
// failures and STOP replies included). Generated from a fixed seed so the demo looks the same on every start.

export const DEMO_ACCOUNT = { email: 'demo@relaydesk.test', password: 'demo-password' } as const;
/** The demo account's zone: not UTC, like the service's accounts (its seed answers in Europe/Paris). */
export const DEMO_TIME_ZONE = 'Europe/Paris';

export interface NewDeviceOptions {
  title: string;
  pollIntervalSeconds?: number | undefined;
  sendDelaySeconds?: number | null | undefined;
  failureRate?: number | null | undefined;
  number?: string;
  imei?: string;
  sims?: SimRecord[];
  appVersion?: string;
  subscription?: boolean;
  online?: boolean;
  lastSeen?: number;
  created?: number;
  queuedStageRate?: number | undefined;
  smsPermission?: SmsPermission | undefined;
}

export function buildDevice(state: SandboxState, account: string, options: NewDeviceOptions, now: number): DeviceRecord {
  const id = state.nextId('device');
  const number = options.number ?? `+1 555 01${String(id % 100).padStart(2, '0')}`;
  return {
    id,
    account,
    title: options.title,
    number,
    imei: options.imei ?? `35${String(id).padStart(13, '0')}`,
    serialnumber: `SB${id.toString(16).toUpperCase().padStart(8, '0')}`,
    created: toSecond(options.created ?? now),
    lastseen: toSecond(options.lastSeen ?? now),
    siminfo: options.sims ?? [sim(0, number, false, 'us', 'Sandbox Mobile')],
    appversion: options.appVersion ?? CURRENT_APP_VERSION,
    delaybetweeneachsms: options.sendDelaySeconds === undefined ? 5 : options.sendDelaySeconds,
    delaybetweenrequest: options.pollIntervalSeconds ?? 10,
    subscription: options.subscription ?? true,
    online: options.online ?? true,
    failureRate: options.failureRate ?? null,
    queuedStageRate: options.queuedStageRate ?? 0,
    smsPermission: options.smsPermission ?? 'granted',
  };
}

function sim(slot: number, number: string, roaming: boolean, countryIso: string, carrier: string): SimRecord {
  return {
    Slot: slot,
    IccId: `89${String(slot + 1)}${number.replace(/\D/g, '').padStart(16, '0')}`,
    Number: number.replace(/\s/g, ''),
    Roaming: roaming ? '1' : '0',
    CountryIso: countryIso,
    CarrierName: carrier,
  };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface SeededDevices {
  healthy: number;
  flaky: number;
  offline: number;
}

/** Fills `account` with the demo phones and a day of history ending at `now`. */
export function seedDemo(state: SandboxState, account: string, now: number): SeededDevices {
  const random = mulberry32(20240501);
  const healthy = buildDevice(
    state,
    account,
    {
      title: 'Front desk Pixel',
      pollIntervalSeconds: 10,
      sendDelaySeconds: 5,
      number: '+44 7700 900123',
      imei: '356938035643809',
      sims: [sim(0, '+44 7700 900123', false, 'gb', 'EE')],
      lastSeen: now - 3_000,
      created: now - 120 * 24 * HOUR,
    },
    now,
  );
  const flaky = buildDevice(
    state,
    account,
    {
      title: 'Warehouse Galaxy',
      pollIntervalSeconds: 30,
      sendDelaySeconds: null,
      failureRate: 0.3,
      // An older app version that lists taken messages as queued (3) first.
      queuedStageRate: 0.5,
      number: '+33 6 12 34 56 78',
      imei: 'null',
      sims: [sim(0, '+33 6 12 34 56 78', false, 'fr', 'Orange F'), sim(1, '+34 612 345 678', true, 'es', 'Vodafone ES')],
      appVersion: '2.3.1',
      lastSeen: now - 12_000,
      created: now - 45 * 24 * HOUR,
    },
    now,
  );
  const offline = buildDevice(
    state,
    account,
    {
      title: 'Spare Moto (drawer)',
      pollIntervalSeconds: 60,
      sendDelaySeconds: 8,
      number: '+1 555 0100',
      imei: '490154203237518',
      sims: [sim(0, '+1 555 0100', false, 'us', 'T-Mobile')],
      subscription: false,
      online: false,
      lastSeen: now - 5 * HOUR - 17 * MINUTE,
      created: now - 300 * 24 * HOUR,
    },
    now,
  );
  for (const device of [healthy, flaky, offline]) state.devices.set(device.id, device);

  const customers = { id: state.nextId('tag'), account, title: 'Customers' };
  const vip = { id: state.nextId('tag'), account, title: 'VIP' };
  state.tags.set(customers.id, customers);
  state.tags.set(vip.id, vip);
  // Stored without spaces, as the service stores numbers.
  const people = [
    ['+44 7700 900001', 'Ada Lovelace'],
    ['+44 7700 900002', 'Alan Turing'],
    ['+44 7700 900003', 'Grace Hopper'],
    ['+44 7700 900004', null],
    ['+44 7700 900005', 'Katherine Johnson'],
  ] as const;
  people.forEach(([phone, fullname], i) => {
    for (const tag of i < 2 ? [customers, vip] : [customers]) {
      const contact = { id: state.nextId('contact'), account, tagId: tag.id, phone: phone.replace(/\s/g, ''), fullname };
      state.contacts.set(contact.id, contact);
    }
  });

  const add = (fields: Partial<MessageRecord> & Pick<MessageRecord, 'sendto' | 'body' | 'deviceid' | 'created' | 'status'>): void => {
    const message: MessageRecord = {
      id: state.nextId('message'),
      account,
      customerid: null,
      sim: 0,
      urgent: false,
      senttime: null,
      timetosend: null,
      paketid: null,
      pakettitle: null,
      paketbody: null,
      pendingReport: null,
      ...fields,
    };
    message.sendto = message.sendto.replace(/\s/g, ''); // stored as the service stores numbers
    message.created = toSecond(message.created);
    if (message.senttime !== null) message.senttime = toSecond(message.senttime);
    state.messages.set(message.id, message);
  };
  const somePhone = (): string => `+44 7700 9${String(Math.floor(random() * 100_000)).padStart(5, '0')}`;

  // A newsletter that went out yesterday evening.
  const paketTime = toSecond(now - 18 * HOUR);
  const paket = {
    id: state.nextId('paket'),
    account,
    title: 'Weekend sale',
    deviceId: healthy.id,
    body: 'Weekend sale: 20% off everything until Sunday. Reply STOP to opt out.',
    tagIds: [customers.id, vip.id],
    sim: 0,
    timeToSend: paketTime,
    expanded: true,
    startedAt: paketTime,
    autoStartAt: null,
  };
  state.pakets.set(paket.id, paket);

  // History in time order, so ids grow with creation time like the real service.
  const history: { at: number; write: () => void }[] = [];
  for (let i = 0; i < 48; i++) {
    const at = now - 24 * HOUR + i * 29 * MINUTE + Math.floor(random() * 10 * MINUTE);
    const otp = i % 7 === 3;
    const roll = random();
    const status = roll < 0.86 ? 7 : roll < 0.93 ? 8 : 6;
    history.push({
      at,
      write: () =>
        add({
          sendto: somePhone(),
          body: otp
            ? `Your Relay Desk code is ${String(100_000 + Math.floor(random() * 900_000))}`
            : `Your order #${1000 + i} is ready for pickup.`,
          deviceid: healthy.id,
          created: at,
          status,
          urgent: otp,
          customerid: otp ? null : 1000 + i,
          senttime: at + 20_000,
          sim: i % 11 === 5 ? 2 : 0,
        }),
    });
  }
  const failureCodes = [8, 9, 10, 11, 12];
  for (let i = 0; i < 30; i++) {
    const at = now - 23 * HOUR + i * 45 * MINUTE + Math.floor(random() * 15 * MINUTE);
    const roll = random();
    const status = roll < 0.6 ? 7 : roll < 0.7 ? 6 : failureCodes[Math.floor(random() * failureCodes.length)]!;
    history.push({
      at,
      write: () =>
        add({
          sendto: somePhone(),
          body: `Delivery window for shipment ${String(5000 + i)}: tomorrow 9-12.`,
          deviceid: flaky.id,
          created: at,
          status,
          // Bulk rows (addalotofsms) carry customerid 0.
          customerid: 0,
          sim: i % 3 === 0 ? 1 : 0,
          senttime: status === 6 || status === 7 || status === 8 ? at + 40_000 : null,
        }),
    });
  }
  for (let i = 0; i < 6; i++) {
    const at = now - 22 * HOUR + i * 2 * HOUR;
    history.push({
      at,
      write: () =>
        add({
          sendto: somePhone(),
          body: 'Reminder: your appointment is tomorrow.',
          deviceid: offline.id,
          created: at,
          status: 7,
          senttime: at + 30_000,
        }),
    });
  }
  people.forEach(([phone], i) => {
    history.push({
      at: paketTime,
      write: () =>
        add({
          sendto: phone,
          body: paket.body,
          deviceid: healthy.id,
          created: paketTime,
          status: i === 3 ? 8 : 7,
          senttime: paketTime + 60_000 + i * 5_000,
          paketid: paket.id,
          pakettitle: paket.title,
          paketbody: paket.body,
        }),
    });
  });
  // Two replies received by the healthy phone.
  for (const [hoursAgo, text] of [
    [9, 'Thanks, see you then!'],
    [2, 'Can I pick it up on Monday instead?'],
  ] as const) {
    const at = now - hoursAgo * HOUR;
    history.push({
      at,
      write: () => add({ sendto: '+447700900002', body: text, deviceid: healthy.id, created: at, status: 5, senttime: at }),
    });
  }
  // The flaky phone lost its SMS permission for a while last night (100: not allowed on the phone, 101: not at all).
  for (let i = 0; i < 4; i++) {
    const at = now - 14 * HOUR + i * 20 * MINUTE;
    history.push({
      at,
      write: () =>
        add({
          sendto: `+33 6 98 76 54 ${String(10 + i)}`,
          body: 'Your parcel is on its way.',
          deviceid: flaky.id,
          created: at,
          status: i < 3 ? 100 : 101,
          customerid: 0,
        }),
    });
  }
  // Recipients who want no more messages: the opt-out words in the languages the app knows.
  for (const [hoursAgo, phone, text] of [
    [20, '+447700900031', 'STOP'],
    [11, '+5511987654321', 'PARAR'],
    [6, '+5521998877665', 'Sair'],
  ] as const) {
    const at = now - hoursAgo * HOUR;
    history.push({ at, write: () => add({ sendto: phone, body: text, deviceid: healthy.id, created: at, status: 5, senttime: at }) });
  }
  // Waiting on the offline phone since it dropped off: its queue holds until it is back.
  for (let i = 0; i < 4; i++) {
    const at = now - 4 * HOUR + i * 50 * MINUTE;
    history.push({
      at,
      write: () =>
        add({
          sendto: somePhone(),
          body: `Your table for ${String(2 + i)} is confirmed.`,
          deviceid: offline.id,
          created: at,
          status: 1,
          customerid: 2000 + i,
        }),
    });
  }
  // Scheduled for later today on the healthy phone.
  for (const hoursAhead of [2, 5]) {
    const at = now - 30 * MINUTE;
    history.push({
      at,
      write: () =>
        add({
          sendto: somePhone(),
          body: 'Reminder: the store closes early today.',
          deviceid: healthy.id,
          created: at,
          status: 1,
          timetosend: toSecond(now + hoursAhead * HOUR),
        }),
    });
  }
  history.sort((a, b) => a.at - b.at);
  for (const entry of history) entry.write();

  return { healthy: healthy.id, flaky: flaky.id, offline: offline.id };
}

/** Small deterministic PRNG (the demo must look the same every time). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
