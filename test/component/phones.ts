import type { DeviceView, MonitorSnapshot, SettingsView } from '../../shared/ipc';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';

// What the screens' tests feed the phone monitor and Settings: one healthy phone of the account, the monitor's
// snapshot around a list of them, and Settings with a few fields changed. A test states only what it is about.

export interface PhoneOptions {
  online?: boolean;
  /** SIM slots, each a Brazilian Vivo SIM without a known number. */
  slots?: number;
  queue?: DeviceView['queue'];
  /** Any other field of the phone as the gateway describes it. */
  device?: Partial<DeviceView['device']>;
}

export function phone(
  id: number,
  title: string,
  { online = true, slots = 1, queue = { waiting: 0, taken: 0 }, device = {} }: PhoneOptions = {},
): DeviceView {
  return {
    device: {
      id,
      title,
      number: null,
      imei: null,
      serialNumber: null,
      created: null,
      sendDelaySeconds: 5,
      sims: Array.from({ length: slots }, (_, slot) => ({
        slot,
        iccId: null,
        number: null,
        roaming: false,
        countryIso: 'BR',
        carrier: 'Vivo',
      })),
      subscription: true,
      appVersion: '3.1',
      appVersionCurrent: true,
      pollIntervalSeconds: 10,
      lastSeen: { iso: '2026-05-01T09:59:00Z', zone: 'UTC' },
      ...device,
    },
    online,
    queue,
    timeline: [],
  };
}

export function snapshot(devices: DeviceView[], extra: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
  return {
    running: true,
    devices,
    lastPollAt: '2026-05-01T10:00:00Z',
    unreachableSince: null,
    lastError: null,
    events: [],
    pollSeconds: 30,
    ...extra,
  };
}

/** settings:get's answer: the defaults with `patch` over them, nothing reset, no corrupt file. */
export function settingsView(patch: Partial<Settings> = {}): SettingsView {
  return { settings: { ...DEFAULT_SETTINGS, ...patch }, corruptFileMovedTo: null, resetFields: [] };
}
