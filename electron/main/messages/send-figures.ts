import { countSms } from '../../../shared/sms';
import type { Db } from '../db';
import { prepared } from './query';

// What the history mirror knows about one send's messages, for its results page (campaigns/results.ts): a
// campaign's messages are its customerid range, a newsletter's its paket id. Counted by SQLite over the
// customer / paket indexes; the few per-message values (times, bodies) are read in one pass.
//
// The gateway gives no delivery time: getallsms has `created` (queued at the gateway) and `senttime` (the
// phone sent it). `createdToSentMs` is that wait, over messages that went (delivered, sent or not delivered);
// `sentToSeenDeliveredMs` is senttime → the moment this mirror saw the move to delivered (delivered_seen_at),
// only for deliveries it saw happen, so it is known to within the sync's interval.

export type SendSelector = { customerIdRange: readonly [number, number] } | { paketId: number };

export interface SendMessageFigures {
  /** Messages the mirror holds, by status code. */
  byStatus: Record<number, number>;
  listed: number;
  /** Sorted durations, ms (never negative: the gateway's and the phone's clocks differ). */
  createdToSentMs: number[];
  sentToSeenDeliveredMs: number[];
  /** The first message's creation (epoch ms), or null when none is mirrored. */
  firstCreatedMs: number | null;
  /** Each recipient once, as the gateway wrote the number. */
  recipients: string[];
}

/** Sent by the phone: the operator was given it (6 sent, 7 delivered, 8 not delivered). */
const WENT = '(6, 7, 8)';

function where(selector: SendSelector): { sql: string; params: number[] } {
  return 'paketId' in selector
    ? { sql: 'IFNULL(paket_id, -1) = ?', params: [selector.paketId] }
    : { sql: 'IFNULL(customer_id, -1) BETWEEN ? AND ?', params: [selector.customerIdRange[0], selector.customerIdRange[1]] };
}

export function sendMessageFigures(db: Db, selector: SendSelector): SendMessageFigures {
  const w = where(selector);
  // Incoming messages (5) never carry our customerid or a paket id, but a gateway may list anything.
  const rows = prepared(db, `SELECT status, COUNT(*) AS n FROM messages WHERE ${w.sql} AND status <> 5 GROUP BY status`).all(
    ...w.params,
  ) as { status: number; n: number }[];
  const byStatus: Record<number, number> = {};
  let listed = 0;
  for (const row of rows) {
    byStatus[row.status] = row.n;
    listed += row.n;
  }
  const createdToSentMs = prepared(
    db,
    `SELECT MAX(0, sent_ms - created_ms) FROM messages WHERE ${w.sql} AND status IN ${WENT} AND sent_ms IS NOT NULL ORDER BY 1`,
  )
    .pluck()
    .all(...w.params) as number[];
  const sentToSeenDeliveredMs = prepared(
    db,
    `SELECT MAX(0, delivered_seen_at - sent_ms) FROM messages WHERE ${w.sql} AND status = 7 AND sent_ms IS NOT NULL AND delivered_seen_at IS NOT NULL ORDER BY 1`,
  )
    .pluck()
    .all(...w.params) as number[];
  const firstCreatedMs = prepared(db, `SELECT MIN(created_ms) FROM messages WHERE ${w.sql} AND status <> 5`)
    .pluck()
    .get(...w.params) as number | null;
  const recipients = prepared(db, `SELECT DISTINCT send_to FROM messages WHERE ${w.sql} AND status <> 5`)
    .pluck()
    .all(...w.params) as string[];
  return { byStatus, listed, createdToSentMs, sentToSeenDeliveredMs, firstCreatedMs, recipients };
}

/**
 * Segments of the messages the phones sent (statuses 6, 7 and 8): what the operator billed. Apart from the rest
 * because counting segments costs ~10 µs a distinct body: only asked for when the history speaks for a send.
 */
export function sentSegments(db: Db, selector: SendSelector): number {
  const w = where(selector);
  // Bodies repeat in a newsletter and often in a campaign: each distinct body is counted once.
  const bodies = prepared(db, `SELECT body, COUNT(*) AS n FROM messages WHERE ${w.sql} AND status IN ${WENT} GROUP BY body`).all(
    ...w.params,
  ) as { body: string; n: number }[];
  return bodies.reduce((sum, b) => sum + countSms(b.body).segments * b.n, 0);
}
