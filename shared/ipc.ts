import { z } from 'zod';
import type { AppError, Result } from './errors';
import type { AppInfo, Device, SessionState } from './domain';
import { settingsPatchSchema, type Settings } from './settings';

// THE contract between renderer and main. Each invoke channel has an input schema (zod, checked in
// main by the router) and an output type; each pushed event has a payload type. The preload, the
// router and the e2e bridge are all generic over this object, so adding a feature is one entry here.

/** Declares an output type without a runtime value (outputs are produced by our own code). */
const out = <T>() => undefined as unknown as T;
const none = z.undefined();

// ---- payloads that only exist at the IPC boundary ----

export interface SettingsView {
  settings: Settings;
  /**
   * Set once after a corrupt or invalid settings file was moved aside (the path it was moved to),
   * so the user is told exactly once; the renderer words the message in their language.
   */
  corruptFileMovedTo: string | null;
}

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

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  server: z.url({ protocol: /^https?$/ }),
});

export const contract = {
  invoke: {
    'app:info': { input: none, output: out<AppInfo>() },

    'session:get': { input: none, output: out<SessionState>() },
    'session:signIn': { input: signInInput, output: out<SessionState>() },
    'session:trySandbox': { input: none, output: out<SessionState>() },
    'session:signOut': { input: none, output: out<SessionState>() },
    /** Answer to "store the token without OS encryption?" (only asked when safeStorage is basic_text). */
    'session:answerStorage': { input: z.object({ storeUnencrypted: z.boolean() }), output: out<SessionState>() },

    'settings:get': { input: none, output: out<SettingsView>() },
    'settings:update': { input: settingsPatchSchema, output: out<Settings>() },

    'gateway:health': { input: none, output: out<GatewayHealth>() },

    'devices:snapshot': { input: none, output: out<MonitorSnapshot>() },
    'devices:refresh': { input: none, output: out<MonitorSnapshot>() },
  },
  events: {
    'session:changed': out<SessionState>(),
    'settings:changed': out<Settings>(),
    'gateway:health': out<GatewayHealth>(),
    'devices:changed': out<MonitorSnapshot>(),
    'devices:transition': out<DeviceTransition>(),
  },
} as const;

export type Contract = typeof contract;
export type InvokeChannel = keyof Contract['invoke'];
export type EventName = keyof Contract['events'];
export type InputOf<C extends InvokeChannel> = z.input<Contract['invoke'][C]['input']>;
export type ParsedInputOf<C extends InvokeChannel> = z.output<Contract['invoke'][C]['input']>;
export type OutputOf<C extends InvokeChannel> = Contract['invoke'][C]['output'];
export type PayloadOf<E extends EventName> = Contract['events'][E];

export const invokeChannels = Object.keys(contract.invoke) as InvokeChannel[];
export const eventNames = Object.keys(contract.events) as EventName[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(contract.invoke, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(contract.events, value);
}

/** Channels without input are called with no argument. */
type InvokeArgs<C extends InvokeChannel> = undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

/**
 * What the renderer sees as `window.api`. The preload's object and the e2e stand-in both
 * `satisfies Bridge`, so a drift from the contract fails to compile.
 */
export interface Bridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<OutputOf<C>>>;
  /** Returns an unsubscribe function. The listener gets the payload only, never the IPC event. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/** Main-side: how services push events (to the window in the app, to the page in e2e tests). */
export type EmitEvent = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/** Main-side: one handler per channel, given the parsed input. */
export type Handlers = {
  [C in InvokeChannel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
};
