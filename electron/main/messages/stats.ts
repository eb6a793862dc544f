import type { Db } from '../db';
import type { MessageStatusCode } from '../../../shared/domain';
import { prepared } from './query';
import { statusGroup, STATUS_GROUPS } from './status';
import type { StatusGroup } from './status';
import { localBuckets, startOfLocalDay } from './zone';
import type { BucketSize } from './zone';

// Figures for Home and the report, counted by SQLite over the created_ms index.
//
// "Time to deliver": the API gives no delivery time (getallsms has `created` and `senttime` only; a delivery
// report moves the status to 7 without a date). So the report gives two figures, each named for what it is:
// - `medianCreatedToSentMs`: `senttime − created` of delivered messages, how long a message waited before
//   the phone sent it — the part the office can act on (phones offline, queues);
// - `medianSentToDeliveredMs`: `delivered_seen_at − senttime` over messages whose move to delivered the
//   mirror saw itself (a sync or a live refresh), so it is measured to within the poll interval; messages
//   that arrived in the mirror already delivered have no such time and are left out (`deliverySeenCount`).

export type GroupCounts = Record<StatusGroup, number>;

const emptyCounts = (): GroupCounts => ({ waiting: 0, sent: 0, delivered: 0, failed: 0, incoming: 0 });

function addByStatus(counts: GroupCounts, status: number, n: number): void {
  counts[statusGroup(status as MessageStatusCode)] += n;
}

export interface TodayFigures extends GroupCounts {
  total: number;
  /** Local midnight and the next one, epoch ms. */
  fromMs: number;
  toMs: number;
}

/** Messages created today (in `timeZone`), by status group. */
export function todayFigures(db: Db, options: { now: number; timeZone: string }): TodayFigures {
  const fromMs = startOfLocalDay(options.now, options.timeZone);
  const toMs = startOfLocalDay(fromMs + 36 * 3_600_000, options.timeZone);
  const rows = prepared(db, `SELECT status, COUNT(*) AS n FROM messages WHERE created_ms >= ? AND created_ms < ? GROUP BY status`).all(
    fromMs,
    toMs,
  ) as { status: number; n: number }[];
  const counts = emptyCounts();
  let total = 0;
  for (const row of rows) {
    addByStatus(counts, row.status, row.n);
    total += row.n;
  }
  return { ...counts, total, fromMs, toMs };
}

export interface ReportInput {
  fromMs: number;
  toMs: number;
  bucket: BucketSize;
  timeZone: string;
  deviceIds?: readonly number[];
  sims?: readonly number[];
}

export interface ReportSeries extends Record<StatusGroup, number[]> {
  deviceId: number;
  sim: number;
}

export interface ReportFigures {
  /** Bucket starts (epoch ms, local hours/days), plus the end of the last one: buckets.length − 1 buckets. */
  edges: number[];
  /** One series per phone and channel that has messages in the range; each array has one value per bucket. */
  series: ReportSeries[];
  totals: GroupCounts;
  /** delivered / (delivered + failed); null when none finished. */
  deliveryRate: number | null;
  /** Median of senttime − created over delivered messages; null when none. See the note at the top. */
  medianCreatedToSentMs: number | null;
  /** Median of delivered_seen_at − senttime over deliveries the mirror saw; null when it saw none. */
  medianSentToDeliveredMs: number | null;
  /** How many deliveries that median is over. */
  deliverySeenCount: number;
}

/** At most this many buckets per report (≈ 3 months of hours). */
export const MAX_BUCKETS = 2_200;
/** Counts are grouped in SQL by 15-minute slots: every zone's offset is a multiple of 15 minutes. */
const SLOT_MS = 15 * 60_000;

function extraConditions(input: ReportInput): { sql: string; params: number[] } {
  let sql = '';
  const params: number[] = [];
  if (input.deviceIds?.length) {
    sql += ` AND device_id IN (${input.deviceIds.map(() => '?').join(', ')})`;
    params.push(...input.deviceIds);
  }
  if (input.sims?.length) {
    sql += ` AND sim IN (${input.sims.map(() => '?').join(', ')})`;
    params.push(...input.sims);
  }
  return { sql, params };
}

/** Delivered / failed / waiting (and sent, incoming) over time per phone and channel, delivery rate, median. */
export function reportFigures(db: Db, input: ReportInput): ReportFigures {
  const edges = localBuckets(input.fromMs, input.toMs, input.bucket, input.timeZone, MAX_BUCKETS);
  const first = edges[0]!;
  const end = edges[edges.length - 1]!;
  const extra = extraConditions(input);
  const rows = prepared(
    db,
    `SELECT device_id AS deviceId, sim, status, created_ms / ${SLOT_MS} AS slot, COUNT(*) AS n FROM messages
     WHERE created_ms >= ? AND created_ms < ?${extra.sql} GROUP BY device_id, sim, status, slot`,
  ).all(first, end, ...extra.params) as { deviceId: number; sim: number; status: number; slot: number; n: number }[];

  const buckets = edges.length - 1;
  const bySeries = new Map<string, ReportSeries>();
  const totals = emptyCounts();
  for (const row of rows) {
    const index = bucketIndex(edges, row.slot * SLOT_MS);
    if (index < 0 || index >= buckets) continue;
    const key = `${row.deviceId}:${row.sim}`;
    let series = bySeries.get(key);
    if (!series) {
      series = {
        deviceId: row.deviceId,
        sim: row.sim,
        ...Object.fromEntries(STATUS_GROUPS.map((g) => [g, new Array<number>(buckets).fill(0)])),
      } as ReportSeries;
      bySeries.set(key, series);
    }
    const group = statusGroup(row.status as MessageStatusCode);
    series[group][index]! += row.n;
    totals[group] += row.n;
  }
  const finished = totals.delivered + totals.failed;
  const seen = median(db, 'delivered_seen_at - sent_ms', 'sent_ms IS NOT NULL AND delivered_seen_at IS NOT NULL', first, end, extra);
  return {
    edges,
    series: [...bySeries.values()].sort((a, b) => a.deviceId - b.deviceId || a.sim - b.sim),
    totals,
    deliveryRate: finished === 0 ? null : totals.delivered / finished,
    medianCreatedToSentMs: median(db, 'sent_ms - created_ms', 'sent_ms IS NOT NULL', first, end, extra).median,
    medianSentToDeliveredMs: seen.median,
    deliverySeenCount: seen.count,
  };
}

function bucketIndex(edges: readonly number[], ms: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  if (ms < edges[0]! || ms >= edges[hi]!) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Median of `duration` (never below 0: clocks differ) over delivered messages created in the range that meet `having`. */
function median(
  db: Db,
  duration: string,
  having: string,
  fromMs: number,
  toMs: number,
  extra: { sql: string; params: number[] },
): { median: number | null; count: number } {
  const where = `WHERE status = 7 AND ${having} AND created_ms >= ? AND created_ms < ?${extra.sql}`;
  const params = [fromMs, toMs, ...extra.params];
  const n = prepared(db, `SELECT COUNT(*) FROM messages ${where}`)
    .pluck()
    .get(...params) as number;
  if (n === 0) return { median: null, count: 0 };
  const middle = prepared(db, `SELECT MAX(0, ${duration}) AS d FROM messages ${where} ORDER BY d LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, n % 2 === 0 ? 2 : 1, Math.floor((n - 1) / 2)) as number[];
  return { median: middle.reduce((sum, d) => sum + d, 0) / middle.length, count: n };
}
