import type { Language } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import type { EmitEvent, MessagesChanged, MirrorStatus, StatusChangeView, TodayView } from '../../../shared/ipc';
import { FINAL_JOB_STATES } from '../../../shared/jobs';
import type { AccountScope, AccountScopes } from '../account/scope';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway';
import type { MonitorClock } from '../lib/clock';
import { HISTORY_SYNC_KIND } from './job';
import type { HistorySyncInput } from './job';
import { mirrorStatus } from './index';
import { prepared } from './query';
import { decideFailureAlert, decideWaitingTooLong, DEFAULT_FAILURE_THRESHOLD, failureWindow, refreshUnfinished } from './refresh';
import type { FailureThreshold, WaitingMessage } from './refresh';
import { GROUP_CODES, statusGroup } from './status';
import type { StatusChange } from './store';
import { startOfLocalDay } from './zone';

// The live delivery monitor and the history sync's schedule, for the signed-in account:
// - a history sync job (incremental, a read job that resumes by itself) when the account opens, every
//   `syncEveryMs`, and soon after the app sends something (`syncSoon`); never two at once;
// - the reach: a new account syncs its last days first (Home and the Inbox are true at once), then a job goes
//   back to the reach Settings name (historyDays), newest week first, resumed after a restart, and not read
//   again once the mirror reaches that far (later syncs read only what is new or unfinished);
// - between syncs, every poll, the messages not final yet are read again (getsmsstatus for a handful,
//   windowed getallsms for many) and what moved is pushed (`messages:changed`);
// - desktop notifications when failures pass a threshold in a window, or a message waited too long;
// - the tray's tooltip and badge: today's sent / delivered / failed / waiting.
// One piece of gateway work at a time (a refresh and a sync both write the mirror's windows).

export const DEFAULT_REACH_DAYS = 30;
/** Before the user chose how far back the history reaches, the app keeps the last days (Home, Inbox) current. */
export const RECENT_DAYS = 2;
const DAY_MS = 86_400_000;
/** The poll never runs more often than this, whatever Settings say. */
export const MIN_POLL_MS = 30_000;
export const SYNC_EVERY_MS = 5 * 60_000;
/** After the app sent something: long enough for a burst of sends to land in one sync. */
export const SYNC_SOON_MS = 5_000;
/** A message still not sent by its phone this long after it was due is announced (once). */
export const DEFAULT_MAX_WAIT_MS = 30 * 60_000;
const MAX_PUSHED_CHANGES = 200;
/** Announced ids kept (older ones are long past the waiting window anyway). */
const MAX_ANNOUNCED = 5_000;

export interface LiveDeps {
  scopes: AccountScopes;
  client: () => Pick<GatewayClient, 'getAllSms' | 'countSms' | 'getSmsStatus'>;
  /** historyDays: how far back Settings say the history reaches (default DEFAULT_REACH_DAYS). */
  settings: () => { timeZone: string; language: Language; pollSeconds: number; historyDays?: number };
  emit: EmitEvent;
  notify: (notification: { title: string; body: string }) => void;
  setTrayStatus?: (text: string, badgeCount: number) => void;
  clock: MonitorClock;
  log: (line: string) => void;
  failureThreshold?: FailureThreshold;
  maxWaitMs?: number;
  syncEveryMs?: number;
}

export interface LiveMonitor {
  /** Starts (or joins) a history sync reaching back to `fromMs` (default: the stored reach). Null: nothing to sync. */
  sync(fromMs?: number): Promise<number | null>;
  /** A sync shortly (debounced): the app just sent something. */
  syncSoon(): void;
  /** One poll: a sync when due, else a refresh of unfinished messages; pushes, notifies, updates the tray. */
  tick(): Promise<void>;
  status(db: Db): MirrorStatus;
  today(db: Db): TodayView;
  dispose(): void;
}

/** Today's figures (local day in `timeZone`), in total and per phone: one grouped query. */
export function todayView(db: Db, now: number, timeZone: string, lastSyncAt: number | null): TodayView {
  const fromMs = startOfLocalDay(now, timeZone);
  const toMs = startOfLocalDay(fromMs + 36 * 3_600_000, timeZone);
  const rows = prepared(
    db,
    `SELECT device_id AS deviceId, status, COUNT(*) AS n FROM messages WHERE created_ms >= ? AND created_ms < ? GROUP BY device_id, status`,
  ).all(fromMs, toMs) as { deviceId: number; status: number; n: number }[];
  const empty = () => ({ waiting: 0, sent: 0, delivered: 0, failed: 0, incoming: 0, total: 0 });
  const totals = empty();
  const phones = new Map<number, ReturnType<typeof empty> & { deviceId: number }>();
  for (const row of rows) {
    const group = statusGroup(row.status as StatusChange['to']);
    let phone = phones.get(row.deviceId);
    if (!phone) phones.set(row.deviceId, (phone = { deviceId: row.deviceId, ...empty() }));
    phone[group] += row.n;
    phone.total += row.n;
    totals[group] += row.n;
    totals.total += row.n;
  }
  return { ...totals, fromMs, toMs, timeZone, phones: [...phones.values()].sort((a, b) => a.deviceId - b.deviceId), lastSyncAt };
}

/** The tray's line and badge (failures today: what needs a look). */
export function trayStatus(today: TodayView, language: Language): { text: string; badge: number } {
  const t = translator(language);
  return {
    text: t('messagesMain.tray', { sent: today.sent, delivered: today.delivered, failed: today.failed, waiting: today.waiting }),
    badge: today.failed,
  };
}

/** Waiting messages (not yet sent by a phone) since `sinceMs`; a scheduled one waits from its due time. */
function waitingSince(db: Db, sinceMs: number): WaitingMessage[] {
  return prepared(
    db,
    `SELECT id, status, MAX(created_ms, IFNULL(send_at_ms, 0)) AS createdMs FROM messages
     WHERE status IN (${GROUP_CODES.waiting.join(', ')}) AND created_ms >= ? ORDER BY created_ms LIMIT 1000`,
  ).all(sinceMs) as WaitingMessage[];
}

const isNotSignedIn = (error: unknown) => error instanceof AppFailure && error.code === 'not-signed-in';

export function createLiveMonitor(deps: LiveDeps): LiveMonitor {
  const threshold = deps.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const maxWaitMs = deps.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const syncEveryMs = deps.syncEveryMs ?? SYNC_EVERY_MS;
  const now = () => deps.clock.now();

  // Per open scope; reset when another account opens.
  let scope: AccountScope | null = null;
  let syncJobId: number | null = null;
  let syncAgain = false;
  /** The oldest instant a sync asked for while another ran (the user's choice of reach must not be lost). */
  let pendingFromMs: number | undefined;
  /** Settles when the running sync job's aftermath (push, notifications) is done. */
  let watching: Promise<void> = Promise.resolve();
  let lastSyncStartAt: number | null = null;
  let lastRefreshAt: number | null = null;
  let lastAlertAt: number | null = null;
  const announced = new Set<number>();
  /** Gateway work in flight (a refresh, or the wait for a sync job): the next waits for it. */
  let busy: Promise<unknown> = Promise.resolve();
  let pollTimer: unknown = null;
  let soonTimer: unknown = null;
  let disposed = false;

  const signedIn = (): AccountScope | null => {
    try {
      return deps.scopes.current();
    } catch (error) {
      if (isNotSignedIn(error)) return null;
      throw error;
    }
  };

  const runningSyncJob = (s: AccountScope): number | null => {
    if (syncJobId !== null) {
      const job = s.jobs.get(syncJobId);
      if (job && !FINAL_JOB_STATES.includes(job.state)) return job.id;
      syncJobId = null;
    }
    // One the runner resumed by itself after a restart.
    const found = s.jobs.list({ limit: 50 }).find((job) => job.kind === HISTORY_SYNC_KIND && !FINAL_JOB_STATES.includes(job.state));
    return found ? (syncJobId = found.id) : null;
  };

  /** The oldest instant Settings ask the mirror to reach. */
  const reachTarget = () => now() - (deps.settings().historyDays ?? DEFAULT_REACH_DAYS) * DAY_MS;
  /** The mirror does not reach as far back as Settings ask (a day's slack: the target moves with the clock). */
  const needsWider = (db: Db) => {
    const reach = mirrorStatus(db).reachFromMs;
    return reach === null || reach > reachTarget() + DAY_MS;
  };
  /** Whether this account's last days were read since it opened (the wider sync comes after them). */
  let recentDone = false;

  function status(db: Db): MirrorStatus {
    const s = scope && scope.db === db ? scope : null;
    const jobId = s ? runningSyncJob(s) : null;
    return {
      ...mirrorStatus(db),
      syncing: jobId !== null,
      jobId,
      defaultDays: deps.settings().historyDays ?? DEFAULT_REACH_DAYS,
      lastRefreshAt,
    };
  }

  function today(db: Db): TodayView {
    return todayView(db, now(), deps.settings().timeZone, mirrorStatus(db).lastSyncAt);
  }

  function updateTray(s: AccountScope | null): TodayView | null {
    if (!s) {
      deps.setTrayStatus?.('', 0);
      return null;
    }
    const figures = today(s.db);
    const { text, badge } = trayStatus(figures, deps.settings().language);
    deps.setTrayStatus?.(text, badge);
    return figures;
  }

  function push(s: AccountScope, changes: readonly StatusChange[], moved: number, added: number): void {
    const figures = updateTray(s)!;
    const pushed: StatusChangeView[] = changes.slice(0, MAX_PUSHED_CHANGES);
    const payload: MessagesChanged = { changes: pushed, more: Math.max(0, moved - pushed.length), added, today: figures };
    deps.emit('messages:changed', payload);
  }

  function notifyIfNeeded(s: AccountScope): void {
    const t = translator(deps.settings().language);
    const at = now();
    const window = failureWindow(s.db, at, threshold.windowMs);
    if (decideFailureAlert(window, threshold, lastAlertAt, at)) {
      lastAlertAt = at;
      deps.notify({
        title: t('messagesMain.failures.title', { count: window.failed }),
        body: t('messagesMain.failures.body', {
          count: window.failed,
          finished: window.finished,
          minutes: Math.round(threshold.windowMs / 60_000),
        }),
      });
    }
    const overdue = decideWaitingTooLong(waitingSince(s.db, at - DAY_MS), { now: at, maxWaitMs, announced });
    if (overdue.ids.length > 0) {
      if (announced.size + overdue.all.length > MAX_ANNOUNCED) announced.clear();
      // Every overdue one, not only those the notification names: the rest were announced by its count.
      for (const id of overdue.all) announced.add(id);
      const total = overdue.ids.length + overdue.more;
      deps.notify({
        title: t('messagesMain.waiting.title', { count: total }),
        body: t('messagesMain.waiting.body', { count: total, minutes: Math.round(maxWaitMs / 60_000) }),
      });
    }
  }

  /** Runs `work` after the gateway work in flight, never beside it. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  }

  async function sync(fromMs?: number): Promise<number | null> {
    const s = signedIn();
    if (!s) throw new AppFailure('not-signed-in', 'Sign in to sync the history.', undefined, undefined, 'errors.not-signed-in');
    const running = runningSyncJob(s);
    if (running !== null) {
      syncAgain = true;
      if (fromMs !== undefined) pendingFromMs = Math.min(pendingFromMs ?? fromMs, fromMs);
      return running;
    }
    const reach = mirrorStatus(s.db).reachFromMs;
    const from = Math.min(fromMs ?? reach ?? now() - DEFAULT_REACH_DAYS * DAY_MS, reach ?? Infinity);
    lastSyncStartAt = now();
    const input: HistorySyncInput = { fromMs: from, toMs: now() + 1, extendReach: true };
    const job = await s.jobs.start(HISTORY_SYNC_KIND, input, { title: 'Sync message history', dedupeKey: HISTORY_SYNC_KIND });
    syncJobId = job.id;
    watching = watchSync(s, job.id).catch((error: unknown) => deps.log(`[messages] after sync: ${String(error)}`));
    return job.id;
  }

  /**
   * The last days, before the user chose how far back the history reaches: Home, the Inbox and the tray are
   * true from the first minute after sign-in. The reach stays unchosen (the Messages screen still asks).
   */
  async function syncRecent(s: AccountScope): Promise<void> {
    if (runningSyncJob(s) !== null) return;
    lastSyncStartAt = now();
    const input: HistorySyncInput = { fromMs: now() - RECENT_DAYS * DAY_MS, toMs: now() + 1, extendReach: false };
    const job = await s.jobs.start(HISTORY_SYNC_KIND, input, {
      title: 'Sync the last days of message history',
      dedupeKey: HISTORY_SYNC_KIND,
    });
    syncJobId = job.id;
    watching = watchSync(s, job.id).catch((error: unknown) => deps.log(`[messages] after sync: ${String(error)}`));
  }

  /** When the sync job stops: push what it brought, notify, and run the one asked for meanwhile. */
  async function watchSync(s: AccountScope, jobId: number): Promise<void> {
    const before = mirrorStatus(s.db).messages;
    await serial(() => s.jobs.idle(jobId));
    if (disposed || scope !== s) return;
    const after = mirrorStatus(s.db).messages;
    deps.emit('messages:synced', status(s.db));
    push(s, [], 0, Math.max(0, after - before));
    notifyIfNeeded(s);
    const done = s.jobs.get(jobId)?.state === 'done';
    if (done) recentDone = true;
    if (syncAgain && runningSyncJob(s) === null) {
      syncAgain = false;
      const from = pendingFromMs;
      pendingFromMs = undefined;
      await sync(from).catch((error: unknown) => deps.log(`[messages] sync: ${String(error)}`));
    } else if (done && runningSyncJob(s) === null && needsWider(s.db)) {
      // The last days are in: now back to the reach Settings name, in the background (a failed job waits for
      // the next round instead of starting again at once).
      await sync(reachTarget()).catch((error: unknown) => deps.log(`[messages] sync back to the reach: ${String(error)}`));
    }
  }

  async function refresh(s: AccountScope): Promise<void> {
    const result = await serial(() => refreshUnfinished({ db: s.db, client: deps.client(), now }));
    lastRefreshAt = now();
    if (scope !== s) return;
    if (result.changes.length > 0) push(s, result.changes, result.changes.length, 0);
    else updateTray(s);
    notifyIfNeeded(s);
  }

  async function tick(): Promise<void> {
    const s = signedIn();
    if (!s || s !== scope) {
      updateTray(null);
      return;
    }
    const reach = mirrorStatus(s.db).reachFromMs;
    if (runningSyncJob(s) !== null) return;
    const due = lastSyncStartAt === null || now() - lastSyncStartAt >= syncEveryMs;
    // The last days first; then back to the reach Settings name (a larger choice in Settings goes further back).
    if (reach === null && !recentDone) {
      if (due) {
        await syncRecent(s);
        await watching;
      }
      return;
    }
    if (due) {
      // The poll waits for the sync (a read job: it catches up on unfinished messages too).
      await sync(needsWider(s.db) ? reachTarget() : undefined);
      await watching;
      return;
    }
    await refresh(s);
  }

  function schedule(): void {
    if (disposed) return;
    deps.clock.clearTimeout(pollTimer);
    const ms = Math.max(MIN_POLL_MS, deps.settings().pollSeconds * 1_000);
    pollTimer = deps.clock.setTimeout(async () => {
      try {
        await tick();
      } catch (error) {
        deps.log(`[messages] live refresh: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        schedule();
      }
    }, ms);
  }

  deps.scopes.onOpen((opened) => {
    scope = opened;
    syncJobId = null;
    syncAgain = false;
    lastSyncStartAt = null;
    recentDone = false;
    lastAlertAt = null;
    announced.clear();
    pendingFromMs = undefined;
    // An account that has a mirror catches up at once (and goes back further if Settings ask for more); a new one
    // reads its last days at once, then the rest back to Settings' reach (watchSync starts it).
    if (mirrorStatus(opened.db).reachFromMs !== null && runningSyncJob(opened) === null) {
      recentDone = true;
      sync(needsWider(opened.db) ? reachTarget() : undefined).catch((error: unknown) =>
        deps.log(`[messages] sync at open: ${String(error)}`),
      );
    } else if (runningSyncJob(opened) === null) {
      syncRecent(opened).catch((error: unknown) => deps.log(`[messages] recent sync at open: ${String(error)}`));
    } else if (syncJobId !== null)
      watching = watchSync(opened, syncJobId).catch((error: unknown) => deps.log(`[messages] after sync: ${String(error)}`));
    updateTray(opened);
    schedule();
  });

  return {
    sync,
    syncSoon() {
      if (disposed) return;
      deps.clock.clearTimeout(soonTimer);
      soonTimer = deps.clock.setTimeout(async () => {
        const s = signedIn();
        if (!s) return;
        const work =
          mirrorStatus(s.db).reachFromMs === null && !recentDone ? syncRecent(s) : sync(needsWider(s.db) ? reachTarget() : undefined);
        await work.catch((error: unknown) => deps.log(`[messages] sync soon: ${String(error)}`));
      }, SYNC_SOON_MS);
    },
    tick,
    status,
    today,
    dispose() {
      disposed = true;
      deps.clock.clearTimeout(pollTimer);
      deps.clock.clearTimeout(soonTimer);
    },
  };
}
