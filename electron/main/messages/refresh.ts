import type { Db } from '../db';
import type { GatewayClient } from '../gateway';
import { GatewayError } from '../gateway';
import { prepared } from './query';
import { GROUP_CODES } from './status';
import { messageStore } from './store';
import type { StatusChange } from './store';
import { syncHistory } from './sync';
import type { SyncClient } from './sync';
import { WINDOW_DEFAULTS } from './windows';

// The live delivery monitor: messages not final are read again, and what moved is returned so the app can
// push it and decide on notifications. The decisions are pure functions; refreshUnfinished does the I/O.

/** Up to this many unfinished messages are read one by one (getsmsstatus); more, by windows (getallsms). */
export const HANDFUL = 10;

export type RefreshPlan =
  | { kind: 'none' }
  | { kind: 'status'; ids: number[] }
  /** Read again from the oldest unfinished message's creation to now. */
  | { kind: 'windows'; fromMs: number };

/** `unfinished`: the mirror's messages not final yet (oldest first is not required). */
export function planRefresh(unfinished: readonly { id: number; createdMs: number }[], handful: number = HANDFUL): RefreshPlan {
  if (unfinished.length === 0) return { kind: 'none' };
  if (unfinished.length <= handful) return { kind: 'status', ids: unfinished.map((m) => m.id) };
  return { kind: 'windows', fromMs: Math.min(...unfinished.map((m) => m.createdMs)) };
}

export interface RefreshOptions {
  db: Db;
  client: SyncClient & Pick<GatewayClient, 'getSmsStatus'>;
  signal?: AbortSignal;
  now?: () => number;
  /** Unfinished messages older than this are left alone (default 3 days). */
  maxAgeMs?: number;
  handful?: number;
}

export interface RefreshResult {
  plan: RefreshPlan;
  changes: StatusChange[];
  /** getsmsstatus said the gateway does not know these ids any more. */
  missing: number[];
}

/** Reads the unfinished messages again by the cheapest route and stores what moved. */
export async function refreshUnfinished(options: RefreshOptions): Promise<RefreshResult> {
  const now = options.now ?? Date.now;
  const handful = options.handful ?? HANDFUL;
  const store = messageStore(options.db);
  const since = now() - (options.maxAgeMs ?? WINDOW_DEFAULTS.unfinishedMaxAgeMs);
  // One more than a handful is enough to choose the route.
  const unfinished = store.unfinished(since, handful + 1);
  const plan = planRefresh(unfinished, handful);
  if (plan.kind === 'none') return { plan, changes: [], missing: [] };

  if (plan.kind === 'windows') {
    const result = await syncHistory({
      db: options.db,
      client: options.client,
      from: plan.fromMs,
      signal: options.signal,
      now,
      unfinishedMaxAgeMs: options.maxAgeMs,
    });
    return { plan, changes: result.changes, missing: [] };
  }

  const changes: StatusChange[] = [];
  const missing: number[] = [];
  await Promise.all(
    plan.ids.map(async (id) => {
      try {
        const reply = await options.client.getSmsStatus(id, { signal: options.signal });
        const change = store.setStatus(id, reply.status, reply.title, now());
        if (change) changes.push(change);
      } catch (error) {
        // The gateway refusing one id ("Sms not found") must not hide the others' news.
        if (error instanceof GatewayError && error.kind === 'refused') missing.push(id);
        else throw error;
      }
    }),
  );
  changes.sort((a, b) => a.id - b.id);
  return { plan, changes, missing };
}

// ---- notification decisions (pure) ----

export interface FailureThreshold {
  /** At least this many failures in the window… */
  count: number;
  /** …and, when given, at least this share of the messages that finished in it (0..1). */
  rate?: number;
  windowMs: number;
  /** No second alert sooner than this after one. */
  cooldownMs: number;
}

export const DEFAULT_FAILURE_THRESHOLD: FailureThreshold = { count: 5, rate: 0.2, windowMs: 15 * 60_000, cooldownMs: 30 * 60_000 };

export interface FailureWindow {
  /** Messages that moved to a failure status within the window. */
  failed: number;
  /** Messages that finished (delivered or failed) within the window. */
  finished: number;
}

/** Counts for decideFailureAlert, from when the mirror saw statuses change. */
export function failureWindow(db: Db, now: number, windowMs: number): FailureWindow {
  const failed = GROUP_CODES.failed.join(', ');
  const row = prepared(
    db,
    `SELECT COUNT(*) FILTER (WHERE status IN (${failed})) AS failed, COUNT(*) AS finished FROM messages
     WHERE status_changed_at >= ? AND status_changed_at <= ? AND status IN (${failed}, ${GROUP_CODES.delivered.join(', ')})`,
  ).get(now - windowMs, now) as FailureWindow;
  return row;
}

/** True when failures pass the threshold and the last alert is older than the cool-down. */
export function decideFailureAlert(window: FailureWindow, threshold: FailureThreshold, lastAlertAt: number | null, now: number): boolean {
  if (window.failed < threshold.count) return false;
  if (threshold.rate !== undefined && (window.finished === 0 || window.failed / window.finished < threshold.rate)) return false;
  return lastAlertAt === null || now - lastAlertAt >= threshold.cooldownMs;
}

export interface WaitingMessage {
  id: number;
  status: number;
  createdMs: number;
}

/**
 * Messages waiting (1, 3, 2: not yet sent by a phone) longer than `maxWaitMs` that were not announced
 * yet, oldest first: `ids` at most `limit` (one notification names a few, then says "and N more"), `all`
 * every one of them — the caller marks them all announced, or the next poll would announce the rest again.
 */
export function decideWaitingTooLong(
  messages: readonly WaitingMessage[],
  options: { now: number; maxWaitMs: number; announced: ReadonlySet<number>; limit?: number },
): { ids: number[]; more: number; all: number[] } {
  const waiting = new Set<number>(GROUP_CODES.waiting);
  const overdue = messages
    .filter((m) => waiting.has(m.status) && options.now - m.createdMs >= options.maxWaitMs && !options.announced.has(m.id))
    .sort((a, b) => a.createdMs - b.createdMs || a.id - b.id);
  const limit = options.limit ?? 5;
  const all = overdue.map((m) => m.id);
  return { ids: all.slice(0, limit), more: Math.max(0, all.length - limit), all };
}

/** The mirror's waiting messages created since `sinceMs`, oldest first, for decideWaitingTooLong (bounded). */
export function waitingMessages(db: Db, sinceMs: number, limit = 1_000): WaitingMessage[] {
  return prepared(
    db,
    `SELECT id, status, created_ms AS createdMs FROM messages WHERE status IN (${GROUP_CODES.waiting.join(', ')}) AND created_ms >= ?
     ORDER BY created_ms LIMIT ?`,
  ).all(sinceMs, limit) as WaitingMessage[];
}
