import type { SimSlot } from '../../../shared/domain';
import type { StatusCounts } from '../../../shared/ipc';
import type { Db } from '../db';
import { metaGet, metaSet } from '../db/meta';
import { allocateRange, initialCursor, type CustomerIdRange } from './customer-ids';

// The campaigns registry's reads and writes (tables in ./schema.ts). Plain functions over the account's db.

const CURSOR_KEY = 'customer_id_cursor';

/** Takes `count` customerids from the account's cursor. Call inside the transaction that records their use. */
export function takeCustomerIds(db: Db, count: number, random: () => number = Math.random): CustomerIdRange {
  const stored = metaGet(db, CURSOR_KEY);
  const cursor = stored === null ? initialCursor(random) : Number(stored);
  const { range, nextCursor } = allocateRange(cursor, count);
  metaSet(db, CURSOR_KEY, String(nextCursor));
  return range;
}

/** A phone reported on a campaign's messages (a status moved) at `at`: the stall warning's clock. */
export function markReported(db: Db, campaignId: number, deviceId: number, at: number): void {
  metaSet(db, `reported:${campaignId}:${deviceId}`, String(at));
}

/** Per phone of the campaign: its messages in status 2 and when it last reported. */
export function phoneProgress(db: Db, campaignId: number): { deviceId: number; taken: number; lastReportAt: number | null }[] {
  const rows = db
    .prepare(
      `SELECT c.device_id AS deviceId, SUM(CASE WHEN r.status = 2 THEN 1 ELSE 0 END) AS taken
       FROM campaign_chunks c JOIN campaign_recipients r ON r.campaign_id = c.campaign_id AND r.chunk = c.chunk
       WHERE c.campaign_id = ? GROUP BY c.device_id`,
    )
    .all(campaignId) as { deviceId: number; taken: number }[];
  return rows.map((r) => {
    const at = metaGet(db, `reported:${campaignId}:${r.deviceId}`);
    return { deviceId: r.deviceId, taken: r.taken, lastReportAt: at === null ? null : Number(at) };
  });
}

// ---- campaigns ----

export interface CampaignRow {
  id: number;
  title: string;
  fingerprint: string;
  job_id: number | null;
  body: string;
  columns: string;
  phones: string;
  plan: string | null;
  recipients: number;
  suppressed: number;
  first_customer_id: number;
  chunk_count: number;
  resend_of: number | null;
  resend_reason: 'failures' | 'missing' | null;
  counts: string | null;
  refreshed_at: number | null;
  stall_notified: number;
  created_at: number;
  /** Kept in this computer until then (epoch ms), then handed to the gateway (./stop.ts). */
  keep_until?: number | null;
  hold?: 'kept' | 'paused' | 'cancelled' | 'released' | null;
}

export interface ChunkRow {
  campaign_id: number;
  chunk: number;
  customer_id: number;
  device_id: number;
  sim: SimSlot;
  first_recipient: number;
  count: number;
  send_at: number;
  spacing_ms: number;
  state: 'planned' | 'sent' | 'found' | 'attention';
  left_at: number | null;
  missing: string | null;
  final: number;
}

export interface RecipientRow {
  idx: number;
  chunk: number;
  phone: string;
  name: string;
  body: string;
  cells: string;
  line: number | null;
  sms_id: number | null;
  status: number | null;
}

export function campaignRow(db: Db, id: number): CampaignRow | undefined {
  return db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
}

export function campaignRows(db: Db, limit = 200): CampaignRow[] {
  return db.prepare('SELECT * FROM campaigns ORDER BY id DESC LIMIT ?').all(limit) as CampaignRow[];
}

export function chunkRows(db: Db, campaignId: number): ChunkRow[] {
  return db.prepare('SELECT * FROM campaign_chunks WHERE campaign_id = ? ORDER BY chunk').all(campaignId) as ChunkRow[];
}

export function chunkRow(db: Db, campaignId: number, chunk: number): ChunkRow | undefined {
  return db.prepare('SELECT * FROM campaign_chunks WHERE campaign_id = ? AND chunk = ?').get(campaignId, chunk) as ChunkRow | undefined;
}

export function chunkRecipients(db: Db, campaignId: number, chunk: number): RecipientRow[] {
  // Recipients left out at send time (opted out after the campaign was made) are not the chunk's any more.
  return db
    .prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? AND chunk = ? AND left_out = 0 ORDER BY idx')
    .all(campaignId, chunk) as RecipientRow[];
}

/** Recipients of the campaign whose chunks the gateway confirmed (sent, or found by a read-back). */
export function queuedRecipients(db: Db, campaignId: number): number {
  return (
    db
      .prepare("SELECT COALESCE(SUM(count), 0) AS n FROM campaign_chunks WHERE campaign_id = ? AND state IN ('sent', 'found')")
      .get(campaignId) as { n: number }
  ).n;
}

export function findByFingerprint(db: Db, fingerprint: string): CampaignRow | undefined {
  return db.prepare('SELECT * FROM campaigns WHERE fingerprint = ? ORDER BY id DESC LIMIT 1').get(fingerprint) as CampaignRow | undefined;
}

export const emptyCounts = (total: number): StatusCounts => ({ new: 0, queued: 0, taken: 0, sent: 0, delivered: 0, failed: 0, total });

/** The status code's place on new → queued → taken → sent → delivered / failed. */
export function countStatus(counts: StatusCounts, status: number | null): void {
  if (status === null) return;
  if (status === 1) counts.new += 1;
  else if (status === 3) counts.queued += 1;
  else if (status === 2) counts.taken += 1;
  else if (status === 6) counts.sent += 1;
  else if (status === 7) counts.delivered += 1;
  else if (status >= 8) counts.failed += 1;
}

export const FINAL_STATUSES = new Set([7, 8, 9, 10, 11, 12, 100, 101]);

/** Recipients of these chunks whose request may have left without a recorded answer (not sent or found). */
export function unconfirmedRecipients(db: Db, campaignId: number, chunks: readonly number[]): number {
  if (chunks.length === 0) return 0;
  return db
    .prepare(
      `SELECT COALESCE(SUM(count), 0) FROM campaign_chunks WHERE campaign_id = ? AND chunk IN (SELECT value FROM json_each(?)) AND state NOT IN ('sent', 'found')`,
    )
    .pluck()
    .get(campaignId, JSON.stringify(chunks)) as number;
}

/** The campaign a message belonged to, by its customerid (each campaign holds a range), or null. */
export function campaignByCustomerId(db: Db, customerId: number | null): { id: number; title: string } | null {
  if (customerId === null || customerId <= 0) return null;
  const row = db
    .prepare(
      'SELECT id, title FROM campaigns WHERE ? BETWEEN first_customer_id AND first_customer_id + chunk_count - 1 ORDER BY id DESC LIMIT 1',
    )
    .get(customerId) as { id: number; title: string } | undefined;
  return row ?? null;
}
