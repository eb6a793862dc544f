import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceTransition, EventName, MonitorSnapshot, PayloadOf } from '../../shared/ipc';
import { createGatewayClient, type GatewayClient } from '../../electron/main/gateway';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { createDeviceMonitor, type DeviceMonitor } from '../../electron/main/devices';
import { createManualClock, systemClock, type ManualClock } from '../../electron/main/lib';

// The monitor against the real sandbox over real HTTP with the real client. Two manual clocks (the
// sandbox's phones and the monitor's timer) move together, one poll interval at a time.

const POLL = 30_000;
const MINUTE = 60_000;
const START = new Date('2025-03-03T09:00:00.000Z');

let sandbox: Sandbox;
let client: GatewayClient;
let token: string | null = null;
let clock: ManualClock;
let monitor: DeviceMonitor;
let notifications: { title: string; body: string }[];
let transitions: DeviceTransition[];
let pushes: MonitorSnapshot[];
let invalidTokenCalls: number;
let phoneId: number;

/** Advances the sandbox and the monitor by `ms`, a poll interval at a time (phones act first). */
async function advanceBoth(ms: number): Promise<void> {
  for (let done = 0; done < ms; done += POLL) {
    const step = Math.min(POLL, ms - done);
    await sandbox.advance(step);
    await clock.advance(step);
    expect(clock.now()).toBe(sandbox.now().getTime());
  }
}

function view(id: number) {
  const found = monitor.snapshot().devices.find((d) => d.device.id === id);
  if (!found) throw new Error(`phone ${id} missing from the snapshot`);
  return found;
}

beforeEach(async () => {
  sandbox = await startSandbox({ clock: 'manual', startAt: START });
  phoneId = sandbox.addDevice({ title: 'Test phone', pollIntervalSeconds: 30, sendDelaySeconds: 600 });
  client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token, readRetries: 0 });
  token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
  clock = createManualClock(sandbox.now().getTime());
  notifications = [];
  transitions = [];
  pushes = [];
  invalidTokenCalls = 0;
  monitor = createDeviceMonitor({
    client: () => client,
    emit: <E extends EventName>(event: E, payload: PayloadOf<E>) => {
      if (event === 'devices:changed') pushes.push(payload as MonitorSnapshot);
      if (event === 'devices:transition') transitions.push(payload as DeviceTransition);
    },
    notify: (n) => notifications.push(n),
    settings: () => ({ pollSeconds: POLL / 1000, notifyOffline: true, notifyOnline: true }),
    clock,
    onInvalidToken: () => invalidTokenCalls++,
  });
});

afterEach(async () => {
  monitor.dispose();
  await client.close();
  await sandbox.close();
});

describe('device monitor against the sandbox', () => {
  it('shows every phone of the account at start without announcing anything', async () => {
    monitor.start();
    const snap = await monitor.refresh();
    const seeded = sandbox.seeded!;
    expect(snap.devices.map((d) => d.device.id).sort((a, b) => a - b)).toEqual(sandbox.deviceIds());
    expect(view(seeded.healthy).online).toBe(true);
    expect(view(seeded.offline).online).toBe(false); // seeded as last seen 5 h ago
    expect(view(phoneId)).toMatchObject({ online: true, queue: { waiting: 0, taken: 0 } });
    expect(view(phoneId).device).toMatchObject({ title: 'Test phone', pollIntervalSeconds: 30 });
    expect(notifications).toEqual([]);
    expect(transitions).toEqual([]);
  });

  it('reports a phone switched off within one poll of the threshold, its queue, and its return, once each', async () => {
    monitor.start();
    await monitor.refresh();
    await advanceBoth(2 * MINUTE);

    sandbox.setDeviceOnline(phoneId, false);
    await advanceBoth(POLL);
    const lastSeen = Date.parse(view(phoneId).device.lastSeen!.iso);
    const crossing = lastSeen + 2 * 30_000 + 30_000;

    let offlineAt: number | null = null;
    while (offlineAt === null && clock.now() < crossing + 5 * POLL) {
      await advanceBoth(POLL);
      if (!view(phoneId).online) offlineAt = clock.now();
    }
    expect(offlineAt).not.toBeNull();
    expect(offlineAt!).toBeGreaterThan(crossing);
    expect(offlineAt! - crossing).toBeLessThanOrEqual(POLL);

    // Messages queued while it is away wait on the gateway, and the screen says so.
    for (let i = 0; i < 3; i++) await client.addSms({ sendTo: `+1555010${i}`, body: 'hello', deviceId: phoneId });
    await advanceBoth(10 * MINUTE);
    expect(view(phoneId)).toMatchObject({ online: false, queue: { waiting: 3, taken: 0 } });
    expect(notifications.map((n) => n.title)).toEqual(['Test phone is offline']);

    sandbox.setDeviceOnline(phoneId, true); // polls at once and takes its queue
    await advanceBoth(POLL);
    const back = view(phoneId);
    expect(back.online).toBe(true);
    expect(back.queue?.waiting).toBe(0);
    expect(back.queue?.taken).toBeGreaterThanOrEqual(2);

    await advanceBoth(10 * MINUTE);
    expect(notifications.map((n) => n.title)).toEqual(['Test phone is offline', 'Test phone is back online']);
    expect(transitions.map((t) => [t.deviceId, t.online])).toEqual([
      [phoneId, false],
      [phoneId, true],
    ]);
    expect(monitor.snapshot().events.map((e) => e.online)).toEqual([true, false]);
    expect(view(phoneId).timeline.map((s) => s.online)).toEqual([true, false, true]);
    // The healthy seeded phone polled all along: no news about it.
    expect(view(sandbox.seeded!.healthy).online).toBe(true);
  });

  it('keeps the phones as they were when the gateway goes away', async () => {
    monitor.start();
    await monitor.refresh();
    await advanceBoth(POLL);
    await sandbox.close(); // the port now refuses connections

    await clock.advance(POLL);
    await clock.advance(20 * MINUTE);
    const snap = monitor.snapshot();
    expect(snap.unreachableSince).not.toBeNull();
    expect(snap.lastError?.code).toBe('network');
    expect(view(phoneId).online).toBe(true);
    expect(notifications).toEqual([]);
    expect(transitions).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('keeps polling through a token refusal the raw client cannot confirm (only the session ends sessions)', async () => {
    monitor.start();
    await monitor.refresh();
    sandbox.invalidateTokens();
    await advanceBoth(POLL);

    // Without the session's confirming read, "Token is not valid" is only a refusal: shown, retried.
    expect(invalidTokenCalls).toBe(0);
    expect(monitor.snapshot()).toMatchObject({ running: true, lastError: { code: 'gateway-refused' } });
    expect(clock.pendingTimers()).toBe(1);
  });
});

describe('device monitor against a gateway whose clock is 10 minutes behind this computer', () => {
  it('shows a phone that polls normally as online, and one that stopped as offline', async () => {
    const skewMs = -10 * MINUTE;
    const server = await startSkewedGateway(skewMs);
    const skewedClient = createGatewayClient({ baseUrl: server.baseUrl, token: () => 'a'.repeat(32), readRetries: 0 });
    const seen: MonitorSnapshot[] = [];
    const watcher = createDeviceMonitor({
      client: () => skewedClient,
      emit: <E extends EventName>(event: E, payload: PayloadOf<E>) => {
        if (event === 'devices:changed') seen.push(payload as MonitorSnapshot);
      },
      notify: () => {},
      settings: () => ({ pollSeconds: 30, notifyOffline: true, notifyOnline: true }),
      clock: systemClock,
    });
    try {
      watcher.start();
      // The first reply teaches the client the offset; the next poll judges the phones with it.
      await watcher.refresh();
      const snap = await watcher.refresh();
      expect(skewedClient.clockOffsetMs()).toBeGreaterThan(skewMs - 5_000);
      expect(skewedClient.clockOffsetMs()).toBeLessThan(skewMs + 5_000);
      const online = Object.fromEntries(snap.devices.map((d) => [d.device.title, d.online]));
      expect(online).toEqual({ 'Polling phone': true, 'Stopped phone': false });
    } finally {
      watcher.dispose();
      await skewedClient.close();
      await server.close();
    }
  });
});

/** PHP's DateTime object as the service writes it, in UTC. */
function phpDate(ms: number) {
  return { date: new Date(ms).toISOString().replace('T', ' ').replace('Z', '000'), timezone_type: 3, timezone: 'UTC' };
}

/**
 * A gateway whose clock runs `skewMs` off this computer's: its Date header and its lastseen stamps both come
 * from that clock. One phone polled 20 s ago (gateway time), one 5 minutes ago; both poll every 30 s.
 */
async function startSkewedGateway(skewMs: number) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const gatewayNow = Date.now() + skewMs;
      const endpoint = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).at(-1);
      const device = (id: number, title: string, agoMs: number) => ({
        id,
        title,
        number: null,
        imei: 'null',
        created: phpDate(gatewayNow - 86_400_000),
        lastseen: phpDate(gatewayNow - agoMs),
        siminfo: [],
        appversion: '1.0',
        isappversionactual: true,
        delaybetweeneachsms: 5,
        delaybetweenrequest: 30,
        subscription: true,
      });
      const body =
        endpoint === 'getalldevices'
          ? { count: 2, message: 'OK', device: { '1': device(1, 'Polling phone', 20_000), '2': device(2, 'Stopped phone', 5 * MINUTE) } }
          : { error: 0, count: 0, message: 'Ok' };
      res.sendDate = false;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', Date: new Date(gatewayNow).toUTCString() });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/getdata/`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
