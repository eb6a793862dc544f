import type { Device } from '../../../shared/domain';
import type { EventName, MonitorSnapshot, PayloadOf, DeviceTransition } from '../../../shared/ipc';
import type { MessageQuery } from '../../../electron/main/gateway/types';
import { createManualClock, type ManualClock } from '../../../electron/main/lib/clock';
import { createDeviceMonitor, type DeviceMonitor, type MonitorSettings } from '../../../electron/main/devices/monitor';

// Test doubles for the device monitor: a scriptable gateway client, a manual clock, recorders for
// pushed events and notifications.

export const START = Date.parse('2025-03-01T08:00:00.000Z');

export function makeDevice(id: number, overrides: Partial<Device> = {}): Device {
  return {
    id,
    title: `Phone ${id}`,
    number: null,
    imei: null,
    serialNumber: null,
    created: null,
    lastSeen: null,
    sims: [],
    appVersion: '5.0',
    appVersionCurrent: true,
    sendDelaySeconds: null,
    pollIntervalSeconds: 30,
    subscription: true,
    ...overrides,
  };
}

/** An error shaped like the gateway client's GatewayError. */
export function gatewayError(kind: string): Error {
  return Object.assign(new Error(`gateway ${kind}`), { kind });
}

export class FakeGateway {
  devices: Device[] = [];
  /** deviceId → status → count */
  counts = new Map<number, Map<number, number>>();
  /** When set, getAllDevices throws it. */
  failWith: Error | null = null;
  /** When set, countSms throws it. */
  failCountsWith: Error | null = null;
  /** When set, getAllDevices waits for this promise before answering. */
  hold: Promise<void> | null = null;
  deviceCalls = 0;
  countCalls = 0;
  /** Phones that keep polling: each reply shows them seen "just now" (on the gateway's clock). */
  alive = new Set<number>();
  /** The gateway's clock minus the local one, in ms (e.g. −10 min when this computer runs 10 min fast). */
  clockSkewMs = 0;
  /** What the client reports as its estimate of clockSkewMs; null = no estimate yet (no Date header seen). */
  reportsOffset = true;

  constructor(private readonly now: () => number = () => START) {}

  add(id: number, overrides: Partial<Device> = {}): Device {
    const device = makeDevice(id, overrides);
    this.devices.push(device);
    return device;
  }

  /** The phone polled the gateway at `ms`. */
  seen(id: number, ms: number): void {
    const device = this.devices.find((d) => d.id === id);
    if (!device) throw new Error(`no phone ${id}`);
    device.lastSeen = { iso: new Date(ms).toISOString(), zone: 'UTC' };
  }

  setCount(deviceId: number, status: number, count: number): void {
    const byStatus = this.counts.get(deviceId) ?? new Map<number, number>();
    byStatus.set(status, count);
    this.counts.set(deviceId, byStatus);
  }

  async getAllDevices(): Promise<Device[]> {
    this.deviceCalls++;
    if (this.hold) await this.hold;
    if (this.failWith) throw this.failWith;
    for (const device of this.devices) if (this.alive.has(device.id)) this.seen(device.id, this.now() + this.clockSkewMs);
    // Fresh objects, as a real client parses a fresh reply each time.
    return this.devices.map((device) => structuredClone(device));
  }

  clockOffsetMs(): number | null {
    return this.reportsOffset ? this.clockSkewMs : null;
  }

  async countSms(query: MessageQuery = {}): Promise<number> {
    this.countCalls++;
    if (this.failCountsWith) throw this.failCountsWith;
    return this.counts.get(query.deviceId ?? -1)?.get(query.status ?? -1) ?? 0;
  }
}

export interface Harness {
  gateway: FakeGateway;
  clock: ManualClock;
  monitor: DeviceMonitor;
  settings: MonitorSettings;
  notifications: { title: string; body: string }[];
  transitions: DeviceTransition[];
  pushes: MonitorSnapshot[];
  /** Delays passed to the clock's setTimeout, in order, but for timers cancelled since (a poll's own deadline). */
  delays: number[];
  invalidTokenCalls: number;
  /** Advances the clock by `ms` in steps of at most `step`, letting each due poll finish. */
  advance(ms: number, step?: number): Promise<void>;
  view(id: number): MonitorSnapshot['devices'][number];
}

export function createHarness(settings: Partial<MonitorSettings> = {}, options: { pollDeadlineMs?: number } = {}): Harness {
  const clock = createManualClock(START);
  const gateway = new FakeGateway(() => clock.now());
  const delays: number[] = [];
  /** The handle behind each entry of `delays` (tests may empty `delays`: then this is stale and trimmed). */
  const handles: unknown[] = [];
  const recordingClock = {
    ...clock,
    setTimeout: (fn: () => unknown, ms: number) => {
      // Once fired, a timer stays recorded even if it is "cleared" afterwards.
      const handle: unknown = clock.setTimeout(() => {
        const at = handles.indexOf(handle);
        if (at >= 0) handles[at] = null;
        return fn();
      }, ms);
      if (handles.length > delays.length) handles.splice(0, handles.length - delays.length);
      delays.push(ms);
      handles.push(handle);
      return handle;
    },
    clearTimeout: (handle: unknown) => {
      if (handles.length > delays.length) handles.splice(0, handles.length - delays.length);
      const at = handles.indexOf(handle);
      if (at >= 0) {
        delays.splice(at, 1);
        handles.splice(at, 1);
      }
      clock.clearTimeout(handle);
    },
  };
  const harness: Harness = {
    gateway,
    clock,
    settings: { pollSeconds: 30, notifyOffline: true, notifyOnline: true, ...settings },
    notifications: [],
    transitions: [],
    pushes: [],
    delays,
    invalidTokenCalls: 0,
    monitor: undefined as unknown as DeviceMonitor,
    async advance(ms, step = ms) {
      for (let done = 0; done < ms; done += step) await clock.advance(Math.min(step, ms - done));
    },
    view(id) {
      const view = harness.monitor.snapshot().devices.find((d) => d.device.id === id);
      if (!view) throw new Error(`phone ${id} not in the snapshot`);
      return view;
    },
  };
  harness.monitor = createDeviceMonitor({
    client: () => gateway,
    emit: <E extends EventName>(event: E, payload: PayloadOf<E>) => {
      if (event === 'devices:changed') harness.pushes.push(payload as MonitorSnapshot);
      if (event === 'devices:transition') harness.transitions.push(payload as DeviceTransition);
    },
    notify: (notification) => harness.notifications.push(notification),
    settings: () => harness.settings,
    clock: recordingClock,
    onInvalidToken: () => harness.invalidTokenCalls++,
    ...(options.pollDeadlineMs === undefined ? {} : { pollDeadlineMs: options.pollDeadlineMs }),
  });
  return harness;
}

/** Lets already-resolved promise chains run (the fake gateway answers without I/O). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
