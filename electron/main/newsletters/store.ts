import { AppFailure } from '../../../shared/errors';
import type { FailureGroupView, NewsletterView, StatusCounts } from '../../../shared/ipc';
import type { Db } from '../db';
import type { NewsletterRecord } from './watch';

// The newsletters registry's reads and writes (the table is migration 3's, grown by migration 5). The gateway
// has no newsletter list: this table is the only memory of what was created and how far it got.

export interface NewsletterRow {
  id: number;
  state: NewsletterView['state'];
  paket_id: number;
  campaign_id: number | null;
  opted_out: number;
  opted_out_decision: 'include' | 'send-as-campaign' | null;
  failures: string | null;
  reported_at: number | null;
  title: string;
  body: string;
  tags: string;
  device_id: number;
  sim: number;
  send_at: string | null;
  recipients: number;
  counts: string | null;
  refreshed_at: number | null;
  created_at: number;
}

export function newsletterRow(db: Db, id: number): NewsletterRow {
  const row = db.prepare('SELECT * FROM newsletters WHERE id = ?').get(id) as NewsletterRow | undefined;
  if (!row)
    throw new AppFailure('validation', 'This newsletter does not exist (any more).', undefined, { id }, 'refusals.noSuchNewsletter');
  return row;
}

/** The newest first (the screen shows at most this many). */
export function newsletterRows(db: Db, limit = 200): NewsletterRow[] {
  return db.prepare('SELECT * FROM newsletters ORDER BY id DESC LIMIT ?').all(limit) as NewsletterRow[];
}

/** Newsletters created since `since` still being run by a phone, least recently read first. */
export function watchedNewsletters(db: Db, since: number, limit: number): NewsletterRecord[] {
  return db
    .prepare(
      `SELECT id, paket_id, device_id, recipients, counts, created_at, title, reported_at, stall_notified FROM newsletters
       WHERE created_at >= ? AND state = 'created' ORDER BY refreshed_at IS NOT NULL, refreshed_at LIMIT ?`,
    )
    .all(since, limit) as NewsletterRecord[];
}

/**
 * A read's counts and failures; `reportedAt` is when its statuses last moved (the stall warning's clock),
 * or undefined to set it only when the counts changed.
 */
export function saveCounts(
  db: Db,
  id: number,
  counts: StatusCounts,
  failures: FailureGroupView[],
  now: number,
  reportedAt?: number | null,
): void {
  const json = JSON.stringify(counts);
  if (reportedAt === undefined) {
    db.prepare(
      'UPDATE newsletters SET counts = ?, failures = ?, reported_at = CASE WHEN counts IS ? THEN reported_at ELSE ? END, refreshed_at = ? WHERE id = ?',
    ).run(json, JSON.stringify(failures), json, now, now, id);
  } else {
    db.prepare('UPDATE newsletters SET counts = ?, failures = ?, reported_at = ?, refreshed_at = ? WHERE id = ?').run(
      json,
      JSON.stringify(failures),
      reportedAt,
      now,
      id,
    );
  }
}

export function markStallNotified(db: Db, id: number, since: number): void {
  db.prepare('UPDATE newsletters SET stall_notified = ? WHERE id = ?').run(since, id);
}

/** What the CLI reports after creating one. */
export function createdFigures(db: Db, id: number): { paket_id: number; recipients: number; opted_out: number } {
  return db.prepare('SELECT paket_id, recipients, opted_out FROM newsletters WHERE id = ?').get(id) as {
    paket_id: number;
    recipients: number;
    opted_out: number;
  };
}
