import type { FailureGroupView, StatusCounts } from '../../../shared/ipc';
import { groupFailures, DEFAULT_STALL_MS, findStall, type Stall, type StatusMirror, countStatus, emptyCounts } from '../campaigns';
import type { Db } from '../db';
import type { GatewayClient } from '../gateway/types';
import { forEachConcurrently } from '../lib';

// A newsletter's progress: its messages (they carry its paketid) counted per status. getallsms has no paketid
// filter, so without the history mirror the phone's messages since the newsletter was created are read in
// windows of a day (a bounded reply each), a few at a time.

export const NEWSLETTER_WINDOW_MS = 86_400_000;
const READ_CONCURRENCY = 4;

export interface NewsletterRecord {
  id: number;
  paket_id: number;
  device_id: number;
  recipients: number;
  counts: string | null;
  created_at: number;
  title?: string;
  reported_at?: number | null;
  stall_notified?: number;
}

/** The windows [from, to) covering `fromMs` … `toMs`, oldest first. */
export function dayWindows(fromMs: number, toMs: number, windowMs: number = NEWSLETTER_WINDOW_MS): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  for (let from = fromMs; from < toMs; from += windowMs) windows.push({ from, to: Math.min(from + windowMs, toMs) });
  return windows;
}

/** Whether every message of the newsletter reached a final status (one waiting for start is not final). */
export function newsletterFinal(counts: StatusCounts | null, recipients: number): boolean {
  if (!counts) return false;
  const finals = counts.delivered + counts.failed;
  const open = counts.new + counts.queued + counts.taken + counts.sent;
  return finals > 0 && open === 0 && finals >= recipients;
}

/**
 * The newsletter's counts now, or null when reading them would take more than `maxReads` gateway reads
 * (the watcher comes back to it next round). `reads`: gateway requests made.
 */
export async function newsletterCounts(
  db: Db,
  row: NewsletterRecord,
  source: { client: () => GatewayClient; mirror: StatusMirror | null; now: number; maxReads: number },
): Promise<{ counts: StatusCounts; failures: FailureGroupView[]; reads: number } | null> {
  const counts = emptyCounts(row.recipients);
  const since = row.created_at - 60_000;
  if (source.mirror && source.mirror.covers(db, since, source.now)) {
    const failed: { phone: string; status: number }[] = [];
    for (const m of source.mirror.messages(db, { newsletterId: row.paket_id }, Math.max(row.recipients, 1) * 2 + 1_000)) {
      countStatus(counts, m.status);
      if (m.status >= 8) failed.push({ phone: m.sendTo, status: m.status });
    }
    return { counts, failures: failureViews(failed), reads: 0 };
  }
  // The last window stays open-ended: it reads up to the gateway's present, whatever this computer's clock says.
  const windows: { from: number; to: number }[] = dayWindows(since, source.now);
  if (windows.length === 0) windows.push({ from: since, to: Infinity });
  windows[windows.length - 1]!.to = Infinity;
  if (windows.length > source.maxReads) return null;
  // By id: a message on a window's edge second may come back in both windows.
  const statuses = new Map<number, { phone: string; status: number }>();
  await forEachConcurrently(windows, READ_CONCURRENCY, async (w) => {
    const messages = await source
      .client()
      .getAllSms({ deviceId: row.device_id, from: new Date(w.from), ...(Number.isFinite(w.to) ? { to: new Date(w.to) } : {}) });
    for (const m of messages) if (m.newsletter?.id === row.paket_id) statuses.set(m.id, { phone: m.sendTo, status: m.status });
  });
  for (const { status } of statuses.values()) countStatus(counts, status);
  return { counts, failures: failureViews([...statuses.values()]), reads: windows.length };
}

/** Failed messages by code, as a campaign shows them (up to 20 numbers each). */
export function failureViews(messages: Iterable<{ phone: string; status: number }>): FailureGroupView[] {
  return groupFailures(messages).map((g) => ({
    code: g.code,
    kind: g.kind,
    titleKey: g.titleKey,
    whatKey: g.whatKey,
    todoKey: g.todoKey,
    count: g.messages.length,
    sample: g.messages.slice(0, 20).map((m) => m.phone),
  }));
}

/**
 * A newsletter's ETA and stall from its last counts: messages not gone yet × the phone's pace (null before
 * anything is listed, i.e. before start, and when nothing is left); the phone holding taken messages with no
 * status moving since `reported_at` for longer than the limit is a stall (./stall.ts, as for campaigns).
 */
export function newsletterWatch(
  row: { device_id: number; reported_at: number | null },
  counts: StatusCounts,
  options: { now: number; spacingMs: number; stallMs?: number | undefined },
): { listed: number; etaSeconds: number | null; stall: Stall | null } {
  const listed = counts.new + counts.queued + counts.taken + counts.sent + counts.delivered + counts.failed;
  const left = counts.new + counts.queued + counts.taken + Math.max(0, counts.total - listed);
  const etaSeconds = listed === 0 || left === 0 ? null : Math.round((left * options.spacingMs) / 1000);
  const stall = findStall(
    [{ deviceId: row.device_id, taken: counts.taken, lastReportAt: row.reported_at }],
    options.now,
    options.stallMs ?? DEFAULT_STALL_MS,
  );
  return { listed, etaSeconds, stall };
}
