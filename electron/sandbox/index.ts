import type { AddressInfo } from 'node:net';
import { createControl } from './control';
import { WriteFaults } from './faults';
import type { DropAfterCommit, FaultStats } from './faults';
import { checkTimeZone } from './formats';
import { writeHistory } from './history';
import type { HistoryOptions, HistorySummary } from './history';
import { buildDevice, DEMO_ACCOUNT, DEMO_TIME_ZONE, seedDemo } from './seed';
import type { SeededDevices } from './seed';
import type { CONTENT_TYPES } from './server';
import { createSandboxServer } from './server';
import { Simulation } from './simulation';
import { accountKey, SandboxState } from './state';
import type { SmsPermission } from './state';

// A stand-in for SMSGateway24 on 127.0.0.1, with simulated phones, that misbehaves the ways the service
// does. Used as the app's built-in demo gateway, by tests (manual clock: time moves only with advance())
// and by `npm run sandbox`. Lives beside main, not in it: main loads it lazily (sandbox-loader.ts).
//
// Time zones: naive times in requests (addsms timetosend, getallsms begindate/enddate, savepaket
// time_to_send) are read as UTC, as the service does; reply dates are in the account's zone
// (Europe/Paris for the demo, as on the service), or the zone given in getallsms' `timezone`.

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
  accounts?: SandboxAccount[] | undefined;
  /** Load state from this JSON file if it exists (then no seeding), and save changes to it. */
  persistPath?: string | undefined;
  /** Added to every gateway reply, to make network cost visible in benchmarks (setLatency changes it). */
  latencyMs?: number;
  /** Where the sandbox's own errors go (a request it could not serve). */
  log?: (message: string) => void;
  /**
   * The reply's Content-Type: 'php' (default) is the service's `text/html; charset=UTF-8` in front of
   * JSON, PHP's default header; 'json' is `application/json`.
   */
  contentType?: keyof typeof CONTENT_TYPES;
  /**
   * After how many seconds a phone presses start on a new newsletter by itself, so the demo flows;
   * null = never (startNewsletter does it). Default 20 with the real clock, null with the manual one.
   */
  newsletterAutoStartSeconds?: number | null;
  /** Share of delivered messages whose recipient replies STOP (or PARAR…). Default 0.05 real clock, 0 manual. */
  stopReplyRate?: number;
  /** Share of sends that fail (0..1) on phones without their own rate. Default 0. */
  deliveryFailureRate?: number;
  /** Source of randomness for the simulation (failures, report delays); default Math.random. */
  random?: () => number;
}

export interface SandboxAccount {
  email: string;
  password: string;
  /** Zone of the reply dates (IANA name, or `+HH:MM` for PHP's timezone_type 1). Default Europe/Paris. */
  timeZone?: string;
}

export interface AddDeviceOptions {
  title: string;
  pollIntervalSeconds?: number;
  sendDelaySeconds?: number;
  failureRate?: number;
  /** Share of taken messages listed as queued (3) before sending (2): the order 1 → 3 → 2 → 6. Default 0. */
  queuedStageRate?: number;
  /** Without it, SMS slots end in 100 / 101. Default 'granted'. */
  smsPermission?: SmsPermission;
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
  /** Presses start on the newsletter's phone: it goes out at its time_to_send, or now if that has passed. */
  startNewsletter(paketId: number): void;
  /** Newsletters of the account (default demo) that wait for start. */
  waitingNewsletters(email?: string): number[];
  setSmsPermission(deviceId: number, permission: SmsPermission): void;
  /** A message the phone receives (status 5 in getallsms, `from` in its sendto); returns its id. */
  receiveSms(input: { deviceId: number; from: string; body: string; sim?: number | undefined }): number;
  /**
   * The fault switch: commit a write, then reset the connection instead of replying (every Nth write, or
   * the next N). null turns it off. Counting starts again at every call.
   */
  dropRepliesAfterCommit(rule: DropAfterCommit | null): void;
  faultStats(): FaultStats;
  /** Delay before every gateway reply from now on. */
  setLatency(ms: number): void;
  /** Writes months of history straight into the state (100k messages in well under a second). */
  seedHistory(options: HistoryOptions): HistorySummary;
  close(): Promise<void>;
}

const SAVE_DEBOUNCE_MS = 250;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? 'real';
  const startAt = clock === 'manual' ? (options.startAt?.getTime() ?? Date.now()) : Date.now();
  const accounts: SandboxAccount[] = options.accounts?.length ? options.accounts : [DEMO_ACCOUNT];
  const demo = { email: accounts[0]!.email, password: accounts[0]!.password };
  for (const account of accounts) if (account.timeZone !== undefined) checkTimeZone(account.timeZone);
  // Real clock (the app's demo, `npm run sandbox`): phones press start on newsletters by themselves.
  const autoStartSeconds =
    options.newsletterAutoStartSeconds === undefined ? (clock === 'real' ? 20 : null) : options.newsletterAutoStartSeconds;

  const loaded = options.persistPath ? SandboxState.load(options.persistPath) : null;
  const state = loaded ?? new SandboxState();
  for (const account of accounts) state.addAccount(account.email, account.password, account.timeZone ?? DEMO_TIME_ZONE);
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
    newsletterAutoStartMs: autoStartSeconds === null ? null : autoStartSeconds * 1000,
    stopReplyRate: options.stopReplyRate ?? (clock === 'real' ? 0.05 : 0),
    onChange: changed,
  });
  if (options.persistPath && !loaded) {
    dirty = true;
    save();
  }

  const latency = { ms: options.latencyMs ?? 0 };
  const faults = new WriteFaults();
  let handle: Sandbox | null = null;
  const server = createSandboxServer({
    state,
    sim,
    latency,
    faults,
    contentType: options.contentType ?? 'php',
    control: (action, params) => createControl(handle!)(action, params),
    onRequest: changed,
    ...(options.log ? { log: options.log } : {}),
  });
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

  const device = (deviceId: number) => {
    const found = state.devices.get(deviceId);
    if (!found) throw new Error(`No sandbox device ${deviceId}`);
    return found;
  };

  let closed = false;
  handle = {
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
          queuedStageRate: opts.queuedStageRate,
          smsPermission: opts.smsPermission,
        },
        sim.now(),
      );
      sim.addDevice(device);
      return device.id;
    },
    deviceIds: (email) => {
      const key = accountOf(email);
      return [...state.devices.values()]
        .filter((d) => d.account === key)
        .map((d) => d.id)
        .sort((a, b) => a - b);
    },
    invalidateTokens: (email) => {
      const accounts = email === undefined ? [...state.accounts.values()] : [state.account(accountOf(email))];
      for (const account of accounts) account.token = null;
      changed();
    },
    startNewsletter: (paketId) => sim.startPaket(paketId),
    waitingNewsletters: (email) => {
      const key = accountOf(email);
      return [...state.pakets.values()].filter((p) => p.account === key && p.startedAt === null).map((p) => p.id);
    },
    setSmsPermission: (deviceId, permission) => {
      device(deviceId).smsPermission = permission;
      changed();
    },
    receiveSms: ({ deviceId, from, body, sim: slot }) => sim.receive(device(deviceId).id, from, body, slot ?? 0).id,
    dropRepliesAfterCommit: (rule) => faults.set(rule),
    faultStats: () => faults.snapshot(),
    setLatency: (ms) => {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError('latency must be >= 0 ms');
      latency.ms = ms;
    },
    seedHistory: (opts) => {
      const key = accountOf(opts.email);
      const summary = writeHistory(
        state,
        sim,
        key,
        sim.now(),
        () => {
          const added = buildDevice(state, key, { title: 'History phone' }, sim.now());
          sim.addDevice(added);
          return added;
        },
        opts,
      );
      changed();
      return summary;
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
  return handle;
}

export { DEMO_ACCOUNT } from './seed';
export type { SeededDevices } from './seed';
export type { DropAfterCommit, FaultStats } from './faults';
export type { HistoryOptions, HistorySummary } from './history';
export type { SmsPermission } from './state';
