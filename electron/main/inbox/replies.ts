import type { Language } from '../../../shared/domain';
import { translator } from '../../../shared/i18n';
import { detectOptOut, addSuppressed } from '../optouts';
import { contactNames } from '../contacts';
import type { Db } from '../db';
import { prepared } from '../messages';
import { conversationKey, isNumberKey } from './conversations';

// New replies as the mirror receives them: STOP-like ones go on the opt-out list, and the rest of the app is
// told once per batch (one desktop notification for all the replies one sync brought, never one per reply).

const DAY_MS = 86_400_000;
/** Replies older than this before the inbox first opened arrive read: history, not news. */
export const UNREAD_LOOKBACK_MS = 3 * DAY_MS;
/** Replies read per batch; a longer backlog is read over the next checks. */
const BATCH = 500;

interface InboxState {
  unreadFromMs: number | null;
  notifiedUntilMs: number | null;
  stopsUntilMs: number | null;
}

function state(db: Db): InboxState {
  return prepared(
    db,
    `SELECT unread_from_ms AS unreadFromMs, notified_until_ms AS notifiedUntilMs, stops_until_ms AS stopsUntilMs FROM inbox_state WHERE id = 1`,
  ).get() as InboxState;
}

/** The first time the inbox opens for an account: where "unread" and "new" start (never moved afterwards). */
export function startInbox(db: Db, now: number): void {
  // The gateway's times are whole seconds: a reply in the very second the inbox opened is news.
  const second = Math.floor(now / 1000) * 1000;
  prepared(
    db,
    `UPDATE inbox_state SET unread_from_ms = IFNULL(unread_from_ms, ?), notified_until_ms = IFNULL(notified_until_ms, ?),
       stops_until_ms = IFNULL(stops_until_ms, ?) WHERE id = 1`,
  ).run(now - UNREAD_LOOKBACK_MS, second - 1, now - UNREAD_LOOKBACK_MS);
}

export interface NewReplies {
  count: number;
  /** Distinct customers among them. */
  customers: number;
  /** The newest reply: who wrote it (name when known) and what. */
  newest: { key: string; phone: string; name: string | null; body: string } | null;
  /** Numbers put on the opt-out list by a STOP-like reply. */
  optedOut: number;
}

interface ReplyRow {
  id: number;
  send_to: string;
  body: string;
  created_ms: number;
}

const repliesAfter = (db: Db, cursor: number): ReplyRow[] =>
  prepared(
    db,
    `SELECT id, send_to, body, created_ms FROM messages WHERE status = 5 AND created_ms > ? ORDER BY created_ms, id LIMIT ${BATCH}`,
  ).all(cursor) as ReplyRow[];

/**
 * Replies not checked yet whose words mean "stop" go on the opt-out list, in the transaction that moves the
 * cursor: each reply is checked once, so a number the owner took off the list is not put back by an old STOP.
 * Returns how many numbers were added.
 */
export function markReplyOptOuts(db: Db, now: number): number {
  return db
    .transaction((): number => {
      let added = 0;
      for (let round = 0; round < 20; round++) {
        const cursor = state(db).stopsUntilMs;
        if (cursor === null) return added;
        const rows = repliesAfter(db, cursor);
        if (rows.length === 0) return added;
        const stops = rows.flatMap((row) => {
          const match = detectOptOut(row.body);
          const key = conversationKey(row.send_to);
          return match && isNumberKey(key) ? [{ phone: `+${key}`, source: 'reply' as const, keyword: match.keyword }] : [];
        });
        added += addSuppressed(db, stops, now);
        prepared(db, `UPDATE inbox_state SET stops_until_ms = ? WHERE id = 1`).run(rows.at(-1)!.created_ms);
      }
      return added;
    })
    .immediate();
}

/**
 * Replies the mirror got since the last call (created after the cursor), at most `BATCH`, for one notification;
 * STOP-like replies are put on the opt-out list first.
 */
export function takeNewReplies(db: Db, now: number): NewReplies {
  const optedOut = markReplyOptOuts(db, now);
  return db
    .transaction((): NewReplies => {
      const cursor = state(db).notifiedUntilMs;
      const rows = cursor === null ? [] : repliesAfter(db, cursor);
      if (rows.length === 0) return { count: 0, customers: 0, newest: null, optedOut };
      prepared(db, `UPDATE inbox_state SET notified_until_ms = ? WHERE id = 1`).run(rows.at(-1)!.created_ms);
      const last = rows.at(-1)!;
      const key = conversationKey(last.send_to);
      const name = isNumberKey(key) ? (contactNames(db, [key]).get(key) ?? null) : null;
      return {
        count: rows.length,
        customers: new Set(rows.map((r) => conversationKey(r.send_to))).size,
        newest: { key, phone: last.send_to, name, body: last.body },
        optedOut,
      };
    })
    .immediate();
}

const QUOTE_MAX = 80;

/** The one notification for a batch of replies. */
export function replyNotification(replies: NewReplies, language: Language): { title: string; body: string } | null {
  if (replies.count === 0 || !replies.newest) return null;
  const t = translator(language);
  const who = replies.newest.name ?? replies.newest.phone;
  const text = replies.newest.body.replace(/\s+/g, ' ').trim();
  const quote = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
  const others = replies.customers - 1;
  return {
    title: t('inbox.notify.title', { count: replies.count }),
    body: others > 0 ? t('inbox.notify.bodyOthers', { who, quote, count: others }) : t('inbox.notify.body', { who, quote }),
  };
}

/** The tray's line about replies ('' when none is unread). */
export function trayReplies(unreadReplies: number, language: Language): string {
  return unreadReplies > 0 ? translator(language)('inbox.tray', { count: unreadReplies }) : '';
}
