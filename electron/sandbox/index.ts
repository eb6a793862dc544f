import type { AddressInfo } from 'node:net';
import { buildDevice, DEMO_ACCOUNT, seedDemo } from './seed';
import type { SeededDevices } from './seed';
import { createSandboxServer } from './server';
import { Simulation } from './simulation';
import { accountKey, SandboxState } from './state';

// A faithful stand-in for SMSGateway24 on 127.0.0.1, with simulated phones. Used as the app's built-in
// demo gateway, by tests (manual clock: time moves only with advance()) and by `npm run sandbox`.
//
// Time zone: the sandbox server runs in UTC. Naive times in requests (addsms timetosend, getallsms
// begindate/enddate, savepaket time_to_send) are read as UTC; reply dates carry timezone "UTC", or the
// zone given in getallsms' `timezone` parameter.

export interface SandboxOptions {
  /** Default 0: a free port. Always binds 127.0.0.1. */
  port?: number;
  /** manual: time only moves with advance(). real (default): the phones work on timers. */
  clock?: 'real' | 'manual';
  /** Manual clock start (default now). Ignored by the real clock. */
  startAt?: Date;
  /** Default true: the demo account gets 3 phones (healthy, flaky, offline), tags and a day of history. */
  seed?: boolean;
  /**
   * Accounts to serve. The first one is the "demo" account (the one seeded); without this option it is
   * DEMO_ACCOUNT. Further accounts start empty.
   */
  accounts?: { email: string; password: string }[];
  /** Load state from this JSON file if it exists (then no seeding), and save changes to it. */
  persistPath?: string;
  /** Added to every reply, to make network cost visible in benchmarks. */
  latencyMs?: number;
  /** Share of sends that fail (0..1) on phones without their own rate. Default 0. */
  deliveryFailureRate?: number;
  /** Source of randomness for the simulation (failures, report delays); default Math.random. */
  random?: () => number;
}

export interface AddDeviceOptions {
  title: string;
  pollIntervalSeconds?: number;
  sendDelaySeconds?: number;
  failureRate?: number;
  /** Account to add the phone to; default the demo account. */
  email?: string;
}

export interface Sandbox {
  /** http://127.0.0.1:<port>/getdata/ */
  baseUrl: string;
  demo: { email: string; password: string };
  /** The seeded phones of the demo account; null when not seeded (seed: false, or loaded from a file). */
  seeded: SeededDevices | null;
  now(): Date;
  /** Manual clock: runs every phone poll/send/report and newsletter due in that span, in time order. */
  advance(ms: number): Promise<void>;
  /**
   * Offline: the phone stops polling, sending and reporting; the server notices from lastseen ageing
   * (getdevicestatus says offline once it has missed a few polls, at least a minute). Online: it polls
   * at once and drains its queue.
   */
  setDeviceOnline(deviceId: number, online: boolean): void;
  addDevice(options: AddDeviceOptions): number;
  deviceIds(email?: string): number[];
  /** Existing tokens of that account (default: every account) now get "Token is not valid". */
  invalidateTokens(email?: string): void;
  close(): Promise<void>;
}

const SAVE_DEBOUNCE_MS = 250;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? 'real';
  const startAt = clock === 'manual' ? (options.startAt?.getTime() ?? Date.now()) : Date.now();
  const demo = { ...(options.accounts?.[0] ?? DEMO_ACCOUNT) };

  const loaded = options.persistPath ? SandboxState.load(options.persistPath) : null;
  const state = loaded ?? new SandboxState();
  for (const account of [demo, ...(options.accounts ?? []).slice(1)]) state.addAccount(account.email, account.password);
  const seeded = !loaded && options.seed !== false ? seedDemo(state, accountKey(demo.email), startAt) : null;

  // Persistence: mark dirty on every change, write at most every SAVE_DEBOUNCE_MS, and once more on close.
  let dirty = false;
  let saveTimer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (dirty && options.persistPath) state.save(options.persistPath);
    dirty = false;
  };
  const changed = (): void => {
    if (!options.persistPath) return;
    dirty = true;
    if (!saveTimer) {
      saveTimer = setTimeout(save, SAVE_DEBOUNCE_MS);
      saveTimer.unref();
    }
  };

  const sim = new Simulation(state, {
    clock,
    startAt,
    random: options.random ?? Math.random,
    deliveryFailureRate: options.deliveryFailureRate ?? 0,
    onChange: changed,
  });
  if (options.persistPath && !loaded) {
    dirty = true;
    save();
  }

  const server = createSandboxServer({ state, sim, latencyMs: options.latencyMs ?? 0, onRequest: changed });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const accountOf = (email?: string): string => {
    const key = accountKey(email ?? demo.email);
    if (!state.accounts.has(key)) throw new Error(`No sandbox account ${email ?? ''}`);
    return key;
  };

  let closed = false;
  return {
    baseUrl: `http://127.0.0.1:${port}/getdata/`,
    demo,
    seeded,
    now: () => new Date(sim.now()),
    advance: async (ms) => {
      sim.advance(ms);
    },
    setDeviceOnline: (deviceId, online) => sim.setOnline(deviceId, online),
    addDevice: (opts) => {
      const device = buildDevice(
        state,
        accountOf(opts.email),
        {
          title: opts.title,
          pollIntervalSeconds: opts.pollIntervalSeconds,
          sendDelaySeconds: opts.sendDelaySeconds,
          failureRate: opts.failureRate,
        },
        sim.now(),
      );
      sim.addDevice(device);
      return device.id;
    },
    deviceIds: (email) => {
      const key = accountOf(email);
      return [...state.devices.values()].filter((d) => d.account === key).map((d) => d.id).sort((a, b) => a - b);
    },
    invalidateTokens: (email) => {
      const accounts = email === undefined ? [...state.accounts.values()] : [state.account(accountOf(email))];
      for (const account of accounts) account.token = null;
      changed();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      sim.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      save();
    },
  };
}

export { DEMO_ACCOUNT } from './seed';
export type { SeededDevices } from './seed';
