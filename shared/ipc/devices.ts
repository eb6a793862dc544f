import type { AppError } from '../errors';
import type { Device } from '../domain';
import { defineContract, none, out } from './kit';

export interface GatewayHealth {
  /** null until the first check. */
  reachable: boolean | null;
  checkedAt: string | null;
  /** When the gateway stopped answering, if it has. */
  unreachableSince: string | null;
}

export interface DeviceView {
  device: Device;
  online: boolean;
  /** Messages waiting (status 1) and taken (status 2); null when the count could not be read. */
  queue: { waiting: number; taken: number } | null;
  /** Online/offline spans for this session, oldest first, last 24 h. `until` null = ongoing. */
  timeline: { from: string; until: string | null; online: boolean }[];
}

export interface DeviceTransition {
  at: string;
  deviceId: number;
  title: string;
  online: boolean;
}

export interface MonitorSnapshot {
  running: boolean;
  devices: DeviceView[];
  lastPollAt: string | null;
  /** The gateway could not be reached since this time; devices keep their last known state. */
  unreachableSince: string | null;
  lastError: AppError | null;
  /** This session's transitions, newest first, bounded. */
  events: DeviceTransition[];
  pollSeconds: number;
}

/** The phone monitor, and the gateway's health derived from its polls. */
export const devicesContract = defineContract({
  invoke: {
    'gateway:health': { input: none, output: out<GatewayHealth>() },
    'devices:snapshot': { input: none, output: out<MonitorSnapshot>() },
    'devices:refresh': { input: none, output: out<MonitorSnapshot>() },
  },
  events: {
    'gateway:health': out<GatewayHealth>(),
    'devices:changed': out<MonitorSnapshot>(),
    'devices:transition': out<DeviceTransition>(),
  },
});
