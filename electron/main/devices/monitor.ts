import type { Device, Language } from '../../../shared/domain';
import { notificationText } from './notification-text';
import { AppFailure, type AppError } from '../../../shared/errors';
import type { DeviceTransition, DeviceView, EmitEvent, MonitorSnapshot } from '../../../shared/ipc';
import type { GatewayClient } from '../gateway/types';
import { nextPollDelayMs } from '../lib/backoff';
import type { MonitorClock } from '../lib/clock';
import { failureCode, failureMessage, isUnreachable } from './failures';
import { gatewayNowMs, isOnline } from './online-rule';
import { pruneSpans, recordState, type Span } from './timeline';

// Watches the account's phones while signed in: one getalldevices plus two onlycount queries per phone
// every poll, online/offline per ./online-rule, a desktop notification and a pushed event per
// transition, and a snapshot pushed only when something the user can see changed.

export interface MonitorSettings {
  pollSeconds: number;
  notifyOffline: boolean;
  notifyOnline: boolean;
  /** Language of desktop notifications; default English. */
  language?: Language;
}

export interface DeviceMonitorDeps {
  /** Read at every poll, so the session can swap clients (server change, sandbox). */
  /** `clockOffsetMs` (gateway clock − local clock) feeds the online rule; without it the clocks are assumed equal. */
  client: () => Pick<GatewayClient, 'getAllDevices' | 'countSms'> & Partial<Pick<GatewayClient, 'clockOffsetMs'>>;
  emit: EmitEvent;
  /** Every snapshot pushed to the window, for whoever derives state from it (gateway health). */
  onSnapshot?: (snapshot: MonitorSnapshot) => void;
  notify: (notification: { title: string; body: string }) => void;
  /** Read at every poll and at every transition, so changes apply without a restart. */
  settings: () => MonitorSettings;
  clock: MonitorClock;
  log?: (line: string) => void;
  /** A poll's whole deadline in ms (default: the poll interval, at most 30 s). */
  pollDeadlineMs?: number;
  /** Called once when the gateway rejects the token; polling has stopped, the session signs out. */
  onInvalidToken?: () => void;
}

export interface DeviceMonitor {
  /** Starts polling now (no-op when already running). */
  start(): void;
  /** Stops polling and forgets everything (sign-out). */
  stop(): void;
  /** Polls now, or joins the poll in flight; never rejects (failures land in lastError). */
  refresh(): Promise<MonitorSnapshot>;
  snapshot(): MonitorSnapshot;
  /** Like stop, without pushing anything (app quit). */
  dispose(): void;
}

export const DEFAULT_POLL_SECONDS = 30;
/** The longest one poll may take, all its requests together (shorter when polls are more frequent). */
export const POLL_DEADLINE_MS = 30_000;

/** Ends with the signal even when the promise never settles (a client that ignores its signal). */
function untilDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(pollTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(pollTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
const pollTimeout = () => new AppFailure('timeout', 'The gateway did not answer in time.', undefined, undefined, 'errors.timeout');
export const MIN_POLL_SECONDS = 5;
/** The session's transition log, newest first. */
export const MAX_EVENTS = 50;

interface TrackedDevice {
  device: Device;
  online: boolean;
  queue: { waiting: number; taken: number } | null;
  timeline: Span[];
}

type Queue = TrackedDevice['queue'];

export function createDeviceMonitor(deps: DeviceMonitorDeps): DeviceMonitor {
  const { clock } = deps;
  const log = deps.log ?? (() => {});

  const tracked = new Map<number, TrackedDevice>();
  let events: DeviceTransition[] = [];
  let running = false;
  let disposed = false;
  let lastPollAt: number | null = null;
  let unreachableSince: number | null = null;
  let lastError: AppError | null = null;
  let consecutiveFailures = 0;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  // Bumped by start/stop: a poll that finishes after a stop belongs to a dead session and is dropped.
  let generation = 0;

  const pollSeconds = (): number => {
    const seconds = deps.settings().pollSeconds;
    return Number.isFinite(seconds) && seconds > 0 ? Math.max(MIN_POLL_SECONDS, seconds) : DEFAULT_POLL_SECONDS;
  };
  const iso = (ms: number): string => new Date(ms).toISOString();

  function snapshot(): MonitorSnapshot {
    const devices: DeviceView[] = [];
    for (const entry of tracked.values()) {
      devices.push({
        device: entry.device,
        online: entry.online,
        queue: entry.queue ? { ...entry.queue } : null,
        timeline: entry.timeline.map((span) => ({
          from: iso(span.from),
          until: span.until === null ? null : iso(span.until),
          online: span.online,
        })),
      });
    }
    return {
      running,
      devices,
      lastPollAt: lastPollAt === null ? null : iso(lastPollAt),
      unreachableSince: unreachableSince === null ? null : iso(unreachableSince),
      lastError,
      events: events.slice(),
      pollSeconds: pollSeconds(),
    };
  }

  // What the user can see, minus the poll time: a push happens only when this changes.
  const meaningful = (snap: MonitorSnapshot): string => JSON.stringify({ ...snap, lastPollAt: null });
  let lastPushed = meaningful(snapshot());

  function pushIfChanged(): void {
    const snap = snapshot();
    const key = meaningful(snap);
    if (key === lastPushed) return;
    lastPushed = key;
    deps.emit('devices:changed', snap);
    deps.onSnapshot?.(snap);
  }

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function scheduleNext(): void {
    clearTimer();
    if (!running) return;
    const delay = nextPollDelayMs(pollSeconds() * 1000, consecutiveFailures);
    timer = clock.setTimeout(() => poll(), delay);
  }

  function poll(): Promise<void> {
    if (inFlight) return inFlight;
    clearTimer();
    const gen = generation;
    const current = (async () => {
      try {
        await pollOnce(gen);
      } catch (error) {
        // pollOnce handles gateway failures itself; this is a bug in our own code. Keep polling.
        log(`devices: poll crashed (${error instanceof Error ? error.name : 'unknown'})`);
      } finally {
        if (gen === generation) {
          inFlight = null;
          scheduleNext();
        }
      }
    })();
    inFlight = current;
    return current;
  }

  async function readQueue(
    client: ReturnType<DeviceMonitorDeps['client']>,
    deviceId: number,
    signal: AbortSignal,
  ): Promise<Queue | undefined> {
    try {
      const [waiting, taken] = await Promise.all([
        untilDeadline(client.countSms({ deviceId, status: 1 }, { signal }), signal),
        untilDeadline(client.countSms({ deviceId, status: 2 }, { signal }), signal),
      ]);
      return { waiting, taken };
    } catch (error) {
      const code = failureCode(error);
      if (code === 'invalid-token') throw error;
      // The phone list came through, so keep the last counts rather than blanking them for one hiccup.
      log(`devices: queue count for phone ${deviceId} failed (${code})`);
      return undefined;
    }
  }

  /**
   * A poll's own deadline (its requests have theirs, up to minutes with retries): the poll ends as a timeout,
   * and the next one is scheduled, even if a request never settles. Wall-clock time, not the monitor's clock:
   * only real time reveals a hung request (and a manual clock waits for the poll it is running).
   */
  const pollDeadlineMs = (): number => deps.pollDeadlineMs ?? Math.min(POLL_DEADLINE_MS, pollSeconds() * 1000);

  async function pollOnce(gen: number): Promise<void> {
    let devices: Device[];
    let queues: (Queue | undefined)[];
    let offset: number | null = null;
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), pollDeadlineMs());
    deadline.unref();
    try {
      const client = deps.client();
      devices = await untilDeadline(client.getAllDevices({ signal: controller.signal }), controller.signal);
      queues = await Promise.all(devices.map((device) => readQueue(client, device.id, controller.signal)));
      offset = readClockOffset(client);
    } catch (error) {
      if (gen === generation) onFailure(error);
      return;
    } finally {
      clearTimeout(deadline);
    }
    if (gen !== generation) return;
    onSuccess(devices, queues, offset);
  }

  /** The client's estimate of the gateway's clock offset; a failure to read it only means "assume none". */
  function readClockOffset(client: ReturnType<DeviceMonitorDeps['client']>): number | null {
    try {
      return client.clockOffsetMs?.() ?? null;
    } catch {
      return null;
    }
  }

  function onSuccess(devices: Device[], queues: (Queue | undefined)[], clockOffsetMs: number | null): void {
    const now = clock.now();
    // lastSeen is on the gateway's clock: compare it with the gateway's now, not this computer's.
    const gatewayNow = gatewayNowMs(now, clockOffsetMs);
    consecutiveFailures = 0;
    unreachableSince = null;
    lastError = null;
    lastPollAt = now;

    const seen = new Set<number>();
    devices.forEach((device, index) => {
      seen.add(device.id);
      const lastSeenMs = device.lastSeen ? Date.parse(device.lastSeen.iso) : null;
      const online = isOnline(lastSeenMs, device.pollIntervalSeconds, now, clockOffsetMs);
      const queue = queues[index];
      const entry = tracked.get(device.id);
      if (!entry) {
        // First sight of a phone (startup, or added to the account): its state, not a transition.
        const timeline: Span[] = [];
        recordState(timeline, online, now);
        tracked.set(device.id, { device, online, queue: queue ?? null, timeline });
        return;
      }
      entry.device = device;
      if (queue !== undefined) entry.queue = queue;
      if (entry.online !== online) {
        entry.online = online;
        recordState(entry.timeline, online, now);
        onTransition(entry, now, lastSeenMs, gatewayNow);
      }
      pruneSpans(entry.timeline, now);
    });
    // A phone removed from the account leaves the screen quietly.
    for (const id of tracked.keys()) if (!seen.has(id)) tracked.delete(id);
    pushIfChanged();
  }

  function onTransition(entry: TrackedDevice, now: number, lastSeenMs: number | null, gatewayNow: number): void {
    const transition: DeviceTransition = {
      at: iso(now),
      deviceId: entry.device.id,
      title: entry.device.title,
      online: entry.online,
    };
    events.unshift(transition);
    if (events.length > MAX_EVENTS) events.length = MAX_EVENTS;
    deps.emit('devices:transition', transition);

    const settings = deps.settings();
    if (!(entry.online ? settings.notifyOnline : settings.notifyOffline)) return;
    try {
      deps.notify(notificationFor(entry, gatewayNow, lastSeenMs, settings.language ?? 'en'));
    } catch (error) {
      log(`devices: notification failed (${error instanceof Error ? error.name : 'unknown'})`);
    }
  }

  function onFailure(error: unknown): void {
    const code = failureCode(error);
    const now = clock.now();
    lastError = { code, message: failureMessage(code) };
    if (code === 'invalid-token') {
      // The session signs out; polling with a dead token would only repeat the error.
      running = false;
      clearTimer();
      log('devices: the gateway rejected the token; polling stopped');
      pushIfChanged();
      deps.onInvalidToken?.();
      return;
    }
    consecutiveFailures++;
    // Phones keep their last known state: the gateway being unreachable says nothing about them.
    if (isUnreachable(code) && unreachableSince === null) unreachableSince = now;
    const nextSeconds = nextPollDelayMs(pollSeconds() * 1000, consecutiveFailures) / 1000;
    log(`devices: poll failed (${code}); next attempt in ${nextSeconds} s`);
    pushIfChanged();
  }

  function reset(): void {
    generation++;
    running = false;
    clearTimer();
    inFlight = null;
    tracked.clear();
    events = [];
    lastPollAt = null;
    unreachableSince = null;
    lastError = null;
    consecutiveFailures = 0;
  }

  return {
    start() {
      if (disposed || running) return;
      reset();
      running = true;
      void poll();
    },
    stop() {
      reset();
      if (!disposed) pushIfChanged();
    },
    async refresh() {
      if (running) await poll();
      return snapshot();
    },
    snapshot,
    dispose() {
      reset();
      disposed = true;
    },
  };
}

function notificationFor(
  entry: TrackedDevice,
  /** On the gateway's clock, like lastSeenMs. */
  now: number,
  lastSeenMs: number | null,
  language: Language,
): { title: string; body: string } {
  return notificationText(language, {
    title: entry.device.title,
    deviceId: entry.device.id,
    online: entry.online,
    waiting: entry.queue?.waiting ?? 0,
    agoMs: lastSeenMs === null ? null : now - lastSeenMs,
  });
}
